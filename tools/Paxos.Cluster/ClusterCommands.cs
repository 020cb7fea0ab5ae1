using System.CommandLine;

namespace Paxos.Cluster;

/// <summary>The tool's commands, one line each, each built in its own folder (Run/, Check/, Bench/, Multihost/).</summary>
internal static class ClusterCommands
{
    public static IEnumerable<Command> All()
    {
        yield return Run.RunCommand.Create();
        yield return Check.CheckCommand.Create();
        yield return Bench.BenchCommand.Create();
        yield return Multihost.MultihostCommand.Create();
    }
}
