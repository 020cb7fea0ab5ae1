using System.Diagnostics;

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
        session.Display.Phase("learner 1 learns every value");
        if (session.PollUntil((one, _) => one >= total, session.Deadline) != PollResult.Reached)
        {
            session.TimedOut("learner 1 to learn every value");
            return;
        }

        session.Say($"learner 1 has all {total} values; starting learner 2.");
        var sinceStart = Stopwatch.StartNew();
        session.Processes.Start(session.Launch("learner", 2));
        session.Processes.WaitUntilReady("learner2");
        session.Display.Phase("learner 2 catches up");
        if (session.PollUntil((_, two) => two >= total, session.Deadline) != PollResult.Reached)
        {
            session.TimedOut("learner 2 to catch up");
            return;
        }

        session.Done();
        session.SummaryLines.Add($"late learner: learner 2 had all {total} values {Seconds.Of(sinceStart.Elapsed)} s after it started");
    }
}
