using System.Diagnostics;
using Paxos.Cluster.Check;
using Paxos.Cluster.Shared;

namespace Paxos.Cluster.Run.Scenarios;

/// <summary>
/// --restart-acceptors / --restart-proposer (durable mode): each victim in turn (acceptors 1..3, then proposer 1)
/// is SIGKILLed and restarted with its folder, one at a time, waiting until it is receiving again. Each client's
/// input goes in (victims + 2) parts: the next released just before each kill once 3/4 of the values released so
/// far are learned, the last after the restarts (so the last restarted process takes part in deciding it).
/// </summary>
public sealed class RestartScenario : FedClientsScenario
{
    private string[] _victims = [];

    private int Parts => _victims.Length + 2;

    public override ScenarioExpectation Expectation(RunSettings settings) => new(Check.Expectation.All, ExactlyOnce: true);

    public override void StartClients(RunSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        RunSettings settings = session.Settings;
        _victims =
        [
            .. settings.RestartAcceptors ? Enumerable.Range(1, settings.Acceptors).Select(id => $"acceptor{id}") : [],
            .. settings.RestartProposer ? (string[])["proposer1"] : [],
        ];
        base.StartClients(session);
    }

    protected override IReadOnlyList<long> PartStarts(RunSession session, long values) => ClientFeeder.EqualParts(values, Parts);

    public override void Drive(RunSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        for (int k = 1; k <= _victims.Length; k++)
        {
            string victim = _victims[k - 1];
            // Progress first: 3/4 of the values released so far are learned (also with the process restarted
            // last); then the next part goes in and the victim crashes while it is in flight.
            long want = Released(session, k) * 3 / 4;
            if (!AwaitBoth(session, want, $"{want} values before restarting {victim}", $"{want} values before restarting {victim}"))
            {
                return;
            }

            ReleaseInFlight(session, k);
            var sinceKill = Stopwatch.StartNew();
            session.Processes.Crash(victim);
            string atKill = $"{LineCounter.Count(session.Paths.Learned(1))} and {LineCounter.Count(session.Paths.Learned(2))}";
            session.Processes.Restart(victim);
            session.Processes.WaitUntilReady(victim);
            session.Say($"{victim} SIGKILLed with the learners at {atKill} of {session.Total}, restarted with its folder: receiving again {Seconds.Of(sinceKill.Elapsed)} s after the kill.");
        }

        Release(Parts - 1);
        AwaitEveryValue(session, "waiting for every value after the restarts", "all values after the restarts");
    }

    // Values released to both clients together once <parts> parts are out.
    private long Released(RunSession session, int parts) =>
        (session.PerClient1 * parts / Parts) + (session.PerClient2 * parts / Parts);
}
