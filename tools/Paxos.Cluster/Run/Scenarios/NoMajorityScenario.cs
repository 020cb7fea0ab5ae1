using Paxos.Cluster.Check;

namespace Paxos.Cluster.Run.Scenarios;

/// <summary>Fewer acceptors than a majority of 3: 5 s after the clients start, nothing may have been learned.</summary>
public sealed class NoMajorityScenario : RunScenario
{
    public override ScenarioExpectation Expectation(RunSettings settings) => new(Check.Expectation.Nothing);

    public override void Drive(RunSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        session.Say($"only {session.Settings.Acceptors} acceptor(s), no majority: waiting 5 s, nothing may be learned.");
        session.Display.Phase("watching 5 s: nothing may be learned");
        session.WatchUntil(TimeSpan.FromSeconds(5));
        session.Display.EndProgress();
    }
}
