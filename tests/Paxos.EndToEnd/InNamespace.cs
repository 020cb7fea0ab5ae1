using System.CommandLine;
using System.Diagnostics;
using Paxos.Cluster.Run;

namespace Paxos.EndToEnd;

/// <summary>
/// The parts of end-to-end tests that must run inside the cluster's isolated network namespace (a noise source or an
/// attacker beside a run, roles started one by one): a test runs this very assembly through scripts/netns.sh with the
/// part's name, and <see cref="Main"/> runs that part there. The parts live in the test classes that use them.
/// </summary>
internal static class InNamespace
{
    // Network namespaces and file modes: Linux only (the attacker part's key file needs its mode).
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static readonly Dictionary<string, Func<string[], int>> Parts = new(StringComparer.Ordinal)
    {
        ["run-with-noise"] = ForeignTrafficTests.RunWithNoise,
        ["run-two-clusters"] = ForeignTrafficTests.RunTwoClusters,
        ["run-with-raw-datagrams"] = HostileDatagramTests.RunWithRawDatagrams,
        ["idle-role-flood"] = HostileDatagramTests.IdleRoleFlood,
        ["learner-closed-stdout"] = OutputTests.LearnerClosedStdout,
        ["client-huge-input"] = InputTests.ClientHugeInput,
        ["run-with-attacker"] = AuthenticationTests.RunWithAttacker,
    };

    /// <summary>Runs part <paramref name="part"/> with <paramref name="arguments"/> inside a fresh isolated network namespace.</summary>
    public static CapturedRun Run(TimeSpan limit, string part, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null) =>
        Command.Run(Repository.PathOf("scripts/netns.sh"), ["dotnet", typeof(InNamespace).Assembly.Location, part, .. arguments], limit, environment: environment);

    /// <summary>
    /// Runs part <paramref name="part"/>, which starts role processes itself, after making the role programs current
    /// outside the namespace (the build may need NuGet; the role scripts would otherwise build inside).
    /// </summary>
    public static CapturedRun RunWithBuiltRoles(TimeSpan limit, string part, params string[] arguments)
    {
        CapturedRun build = Command.Run(Repository.PathOf("scripts/ensure-built.sh"), [], TimeSpan.FromMinutes(10));
        return build.ExitCode != 0 ? build : Run(limit, part, arguments);
    }

    /// <summary>SIGTERM to every process whose command line holds <paramref name="config"/>, as the course's harness stops a run (pkill -f).</summary>
    public static void StopEverythingOf(string config)
    {
        foreach (int pid in ProcessTable.WithCommandLineContaining(config))
        {
            Signals.Send(pid, Signals.Terminate);
        }
    }

    /// <summary>Runs a cluster of <paramref name="settings"/> inside a fresh namespace while <paramref name="part"/> adds its own process or traffic.</summary>
    public static CapturedRun RunCluster(TimeSpan limit, string part, RunSettings settings, IReadOnlyDictionary<string, string?>? environment = null) =>
        Run(limit, part, settings.ToArguments(), environment);

    /// <summary>The settings a part got as run.sh's arguments (<see cref="RunSettings.ToArguments"/>), parsed back by paxosctl's own options.</summary>
    public static RunSettings SettingsOf(string[] arguments)
    {
        var command = new System.CommandLine.Command("run");
        var options = new RunOptions();
        options.AddTo(command);
        (RunSettings? settings, string? problem) = options.Parse(command.Parse(arguments));
        return settings ?? throw new ArgumentException($"bad run settings: {problem}", nameof(arguments));
    }

    /// <summary>
    /// Runs a cluster through paxosctl's library entry from inside this namespace (run.sh's paxosctl sees PAXOS_NETNS=1 and
    /// stays here, beside the part's own traffic); prints its transcript and returns its exit status.
    /// </summary>
    public static int RunClusterHere(RunSettings settings)
    {
        RunResult result = ClusterRunner.Run(Repository.Root, settings, TimeSpan.FromMinutes(4));
        Console.Out.Write(result.Transcript);
        return result.ExitCode;
    }

    /// <summary>
    /// Runs a cluster here (<see cref="RunClusterHere"/>) while <paramref name="companion"/> (a program and its arguments:
    /// an attacker) runs beside it, started first with <paramref name="withoutVariables"/> removed from its environment
    /// and stopped (SIGTERM) when the run ends.
    /// </summary>
    public static int RunClusterBeside(IReadOnlyList<string> companion, RunSettings settings, params string[] withoutVariables)
    {
        var start = new ProcessStartInfo(companion[0]) { UseShellExecute = false };
        foreach (string argument in companion.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        foreach (string variable in withoutVariables)
        {
            start.Environment.Remove(variable);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {companion[0]}");
        try
        {
            return RunClusterHere(settings);
        }
        finally
        {
            Cluster.Shared.Signals.Send(process.Id, Cluster.Shared.Signals.Terminate);
            if (!process.WaitForExit(TimeSpan.FromSeconds(5)))
            {
                process.Kill();
                process.WaitForExit();
            }
        }
    }

    /// <summary>The entry point when this assembly runs as a program: <c>dotnet Paxos.EndToEnd.dll &lt;part&gt; [arguments]</c>, only inside a namespace.</summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public static int Main(string[] args)
    {
        if (Cluster.Shared.NetworkNamespace.IsInside && args.Length > 0 && Parts.TryGetValue(args[0], out Func<string[], int>? part))
        {
            return part(args[1..]);
        }

        Console.Error.WriteLine($"usage (inside scripts/netns.sh only): dotnet Paxos.EndToEnd.dll <{string.Join('|', Parts.Keys)}> [arguments]");
        return 2;
    }
}
