using System.Diagnostics;
using Paxos.Cluster.Check;
using Paxos.Cluster.Shared;

namespace Paxos.Cluster.Run.Scenarios;

/// <summary>
/// --power-cut (durable mode): each client's input goes in 3 parts, the first at once; once a quarter of all values
/// is learned the second is released and every process SIGKILLed at once (the third is never sent). Then acceptors,
/// learners, proposers restart with their folders (the earlier outputs kept as learn*.before-cut) and the clients
/// re-run on their whole input, each skipping what was acknowledged before the cut.
/// </summary>
public sealed class PowerCutScenario : FedClientsScenario
{
    public override ScenarioExpectation Expectation(RunSettings settings) => new(Check.Expectation.All, ExactlyOnce: true, PowerCut: true);

    protected override IReadOnlyList<long> PartStarts(RunSession session, long values) => ClientFeeder.EqualParts(values, 3);

    public override void Drive(RunSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (!AwaitBoth(session, session.Total / 4, "a quarter of the values before the power cut", "a quarter of the values before the power cut"))
        {
            return;
        }

        ReleaseInFlight(session, 1);
        var sinceCut = Stopwatch.StartNew();
        session.StopFeeders();
        RunProcesses processes = session.Processes;
        processes.Crash([.. processes.Names]);
        foreach (int learner in (int[])[1, 2])
        {
            File.Move(session.Paths.Learned(learner), session.Paths.File($"learn{learner}.before-cut"), overwrite: true);
        }

        session.ResetLearners();
        session.Say($"power cut: every process SIGKILLed with the learners at {LineCounter.Count(session.Paths.File("learn1.before-cut"))} and {LineCounter.Count(session.Paths.File("learn2.before-cut"))} of {session.Total} (outputs kept as learn1.before-cut, learn2.before-cut); restarting everything with its folder.");
        string[] acceptors = [.. Enumerable.Range(1, session.Settings.Acceptors).Select(id => $"acceptor{id}")];
        foreach (string[] group in (string[][])[acceptors, ["learner1", "learner2"], ["proposer1", "proposer2"]])
        {
            foreach (string name in group)
            {
                processes.Restart(name);
            }

            processes.WaitUntilReady(group);
        }

        session.Sleep(TimeSpan.FromSeconds(session.Settings.ClientDelay));
        // Each client gets its whole input again: it skips what was acknowledged before the cut.
        processes.Restart("client1", session.Paths.Proposals(1));
        processes.Restart("client2", session.Paths.Proposals(2));
        processes.WaitUntilReady("client1", "client2");
        string recovered = Seconds.Of(sinceCut.Elapsed);
        session.Say($"everything restarted {recovered} s after the cut; the clients re-run on their inputs.");
        session.SummaryLines.Add($"power cut: every process restarted and the clients re-run {recovered} s after the cut");
        AwaitEveryValue(session, "waiting for every value after the power cut", "all values after the power cut");
    }
}
