using System.Diagnostics;

namespace Paxos.Cluster.Run.Scenarios;

/// <summary>
/// The course's test 6 (--catch-up): one proposer, learner 1 and client 1; once learner 1 has client 1's values,
/// learner 2 and client 2 start; both learners must end with the same whole sequence (learner 2 catches up).
/// </summary>
public sealed class CatchUpScenario : RunScenario
{
    public override bool StartsLearner2 => false;

    public override bool StartsProposer2 => false;

    public override void StartClients(RunSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        session.StartClient(1);
        session.Processes.WaitUntilReady("client1");
    }

    public override void Drive(RunSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        long first = session.PerClient1;
        session.Display.Phase("learner 1 learns client 1's values");
        if (session.PollUntil((one, _) => one >= first, session.Deadline) != PollResult.Reached)
        {
            session.TimedOut("learner 1 to learn client 1's values");
            return;
        }

        session.Say($"learner 1 has client 1's {first} values; starting learner 2 and client 2.");
        var sinceStart = Stopwatch.StartNew();
        session.Processes.Start(session.Launch("learner", 2));
        session.Processes.WaitUntilReady("learner2");
        session.StartClient(2);
        session.Processes.WaitUntilReady("client2");
        session.Display.Phase("learner 2 catches up");
        if (session.PollUntil((_, two) => two >= first, session.Deadline) != PollResult.Reached)
        {
            session.TimedOut("learner 2 to catch up");
            return;
        }

        session.SummaryLines.Add($"catch-up: learner 2 had client 1's {first} values {Seconds.Of(sinceStart.Elapsed)} s after it started");
        session.Display.Phase("waiting for every value");
        if (session.PollBoth(session.Total) == PollResult.Reached)
        {
            session.Done();
        }
        else
        {
            session.TimedOut("all values");
        }
    }
}
