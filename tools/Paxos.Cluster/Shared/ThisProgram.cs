namespace Paxos.Cluster.Shared;

/// <summary>This very program, to start it again inside a namespace (run: scripts/netns.sh; multihost: unshare -rnm).</summary>
public static class ThisProgram
{
    /// <summary>How to start it: its apphost, or `dotnet paxosctl.dll` when it runs under the dotnet host.</summary>
    public static IReadOnlyList<string> Command()
    {
        string host = Environment.ProcessPath ?? throw new InvalidOperationException("no path of the running program");
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            return [host, typeof(ThisProgram).Assembly.Location];
        }

        return [host];
    }
}
