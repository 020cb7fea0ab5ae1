namespace Paxos.Cluster.Run.Scenarios;

/// <summary>
/// --late-learner (durable mode): learner 2 starts only after learner 1 has learned every value, and catches up
/// from the acceptors' storage; the report adds its catch-up time and every process's peak resident memory.
/// </summary>
public sealed class LateLearnerScenario : RunScenario
{
    public override bool StartsLearner2 => false;

    public override void Drive(RunSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        long total = session.Total;
        if (CatchUpLearner2(session, total, "every value", $"learner 1 has all {total} values; starting learner 2.") is not { } caughtUp)
        {
            return;
        }

        session.Done();
        session.SummaryLines.Add($"late learner: learner 2 had all {total} values {Seconds.Of(caughtUp)} s after it started");
    }
}
