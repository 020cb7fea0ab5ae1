using System.Globalization;
using Paxos.Cluster.Check;
using Paxos.Cluster.Shared;

namespace Paxos.Cluster.Run.Scenarios;

/// <summary>
/// --kill-acceptors K: each client gets the first half of its values; once the learners have a quarter of all
/// values, the third quarters go in and meanwhile K acceptors are SIGKILLed (highest ids first); then the last
/// quarters. With a majority left everything must be learned; without, the counts 1 s after the kill (at-kill.txt)
/// must not change in the next 3 s.
/// </summary>
public sealed class KillAcceptorsScenario : FedClientsScenario
{
    public override ScenarioExpectation Expectation(RunSettings settings) =>
        new(ScenarioExpectation.For(settings?.Acceptors ?? 3, settings?.KillAcceptors ?? 0));

    protected override IReadOnlyList<long> PartStarts(RunSession session, long values) => [values / 2, (values / 2) + (values / 4)];

    public override void Drive(RunSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (!AwaitBoth(session, session.Total / 4, "a quarter of the values before the kill",
                "a quarter of the values before killing acceptors (does the client submit lines before its stdin ends?)"))
        {
            return;
        }

        // Release the second part, give the clients a moment to read it, and kill meanwhile.
        ReleaseInFlight(session, 1);
        int acceptors = session.Settings.Acceptors;
        string[] victims = [.. Enumerable.Range(0, session.Settings.KillAcceptors).Select(k => $"acceptor{acceptors - k}")];
        session.Processes.Crash(victims);
        session.Say($"learners were at {session.Learned1} and {session.Learned2} of {session.Total} values; with the clients' third quarters just released, killed {string.Join(' ', victims)} (SIGKILL); releasing their last quarters.");
        Release(2);
        if (session.Expectation.Expect == Check.Expectation.All)
        {
            AwaitEveryValue(session, "waiting for every value after the kill", "all values after the kill");
            return;
        }

        session.Display.Phase("no majority left: progress must stop");
        session.Sleep(TimeSpan.FromSeconds(1));
        long k1 = LineCounter.Count(session.Paths.Learned(1));
        long k2 = LineCounter.Count(session.Paths.Learned(2));
        File.WriteAllText(session.Paths.File("at-kill.txt"), string.Create(CultureInfo.InvariantCulture, $"learn1 {k1}\nlearn2 {k2}\n"));
        session.Say($"1 s after the kill: learn1 {k1}, learn2 {k2} (saved in at-kill.txt); watching 3 s more.");
        session.Watch(TimeSpan.FromSeconds(3));
        session.Display.EndProgress();
    }
}
