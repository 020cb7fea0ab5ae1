namespace Paxos.Cluster.Run.Scenarios;

/// <summary>The basic run: both clients at once, until both learners have every value.</summary>
public sealed class EverythingLearnedScenario : RunScenario
{
    public override void Drive(RunSession session) => AwaitEveryValue(session, "waiting for every value", "all values");
}
