using Paxos.Cluster.Check;

namespace Paxos.Cluster.Run.Scenarios;

/// <summary>The course's way (--settle S): the clients start, S seconds pass, everything stops and is checked.</summary>
public sealed class SettleScenario(double seconds) : RunScenario
{
    public override ScenarioExpectation Expectation(RunSettings settings) =>
        new(ScenarioExpectation.For(settings?.Acceptors ?? 3, 0));

    public override void Drive(RunSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        session.Display.Phase($"settling for {seconds} s");
        session.WatchUntil(TimeSpan.FromSeconds(seconds));
        session.Display.EndProgress();
    }
}
