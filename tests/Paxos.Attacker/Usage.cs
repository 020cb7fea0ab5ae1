namespace Paxos.Attacker;

/// <summary>The tool's usage line.</summary>
internal static class Usage
{
    public const string Text = """
        usage: Paxos.Attacker forge <config> <seconds> [--wrong-key]
               Paxos.Attacker raw <config> <seconds> [datagrams per second]
               Paxos.Attacker transport-check <config>
        A test tool that sends hostile traffic to a cluster's groups; run it only inside an isolated network namespace.
        """;

    /// <summary>Prints the usage (after what was wrong) and returns exit code 2.</summary>
    public static int Fail(string expected)
    {
        Console.Error.WriteLine($"expected: {expected}");
        Console.Error.WriteLine(Text);
        return 2;
    }
}
