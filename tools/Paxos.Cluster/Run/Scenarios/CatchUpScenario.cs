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
        TimeSpan? caughtUp = CatchUpLearner2(session, first, "client 1's values", $"learner 1 has client 1's {first} values; starting learner 2 and client 2.", () =>
        {
            session.StartClient(2);
            session.Processes.WaitUntilReady("client2");
        });
        if (caughtUp is null)
        {
            return;
        }

        session.SummaryLines.Add($"catch-up: learner 2 had client 1's {first} values {Seconds.Of(caughtUp.Value)} s after it started");
        AwaitEveryValue(session, "waiting for every value", "all values");
    }
}
