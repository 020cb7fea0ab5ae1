namespace Paxos.Cluster.Run.Scenarios;

/// <summary>The basic run: both clients at once, until both learners have every value.</summary>
public sealed class EverythingLearnedScenario : RunScenario
{
    public override void Drive(RunSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
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
