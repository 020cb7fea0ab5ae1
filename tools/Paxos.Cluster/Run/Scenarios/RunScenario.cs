using Paxos.Cluster.Check;

namespace Paxos.Cluster.Run.Scenarios;

/// <summary>
/// One scenario of a run: which processes start with the cluster, how the clients get their input, and the
/// milestones waited for (kills, restarts, late starts) until the outcome. The cluster's start-up and the report
/// around it are the same for all (<see cref="ClusterRun"/>).
/// </summary>
public abstract class RunScenario
{
    /// <summary>Learner 2 starts with the cluster (not later, as in catch-up and late-learner).</summary>
    public virtual bool StartsLearner2 => true;

    /// <summary>Proposer 2 starts with the cluster (the catch-up test has one proposer).</summary>
    public virtual bool StartsProposer2 => true;

    /// <summary>What the outcome must be.</summary>
    public virtual ScenarioExpectation Expectation(RunSettings settings) => new(Check.Expectation.All);

    /// <summary>Starts the clients (the clock of the run starts just before).</summary>
    public virtual void StartClients(RunSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        session.StartClient(1);
        session.StartClient(2);
        session.Processes.WaitUntilReady("client1", "client2");
    }

    /// <summary>Waits for the scenario's milestones and acts on them, until the outcome is known.</summary>
    public abstract void Drive(RunSession session);

    /// <summary>The last milestone of most scenarios: both learners have every value (done), or the deadline passes.</summary>
    /// <param name="phase">What the live display says meanwhile.</param>
    /// <param name="awaited">What was waited for, in the time-out message.</param>
    protected static void AwaitEveryValue(RunSession session, string phase, string awaited)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (AwaitBoth(session, session.Total, phase, awaited))
        {
            session.Done();
        }
    }

    /// <summary>Waits until both learners have <paramref name="count"/> values: true, or false when the deadline passed first (the run timed out).</summary>
    protected static bool AwaitBoth(RunSession session, long count, string phase, string awaited)
    {
        ArgumentNullException.ThrowIfNull(session);
        session.Display.Phase(phase);
        if (session.PollBoth(count) == PollResult.Reached)
        {
            return true;
        }

        session.TimedOut(awaited);
        return false;
    }

    /// <summary>
    /// Learner 2 starts late and catches up: waits until learner 1 has <paramref name="target"/> values, starts learner 2
    /// (and whatever <paramref name="startAlso"/> starts), and waits until learner 2 has them too. Returns how long
    /// learner 2 took from its start, or null when a wait timed out (the session has said which).
    /// </summary>
    /// <param name="values">The values waited for, in words ("every value").</param>
    /// <param name="starting">What the run says when learner 1 has them.</param>
    protected static TimeSpan? CatchUpLearner2(RunSession session, long target, string values, string starting, Action? startAlso = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        session.Display.Phase($"learner 1 learns {values}");
        if (session.PollUntil((one, _) => one >= target, session.Deadline) != PollResult.Reached)
        {
            session.TimedOut($"learner 1 to learn {values}");
            return null;
        }

        session.Say(starting);
        var sinceStart = System.Diagnostics.Stopwatch.StartNew();
        session.Processes.Start(session.Launch("learner", 2));
        session.Processes.WaitUntilReady("learner2");
        startAlso?.Invoke();
        session.Display.Phase("learner 2 catches up");
        if (session.PollUntil((_, two) => two >= target, session.Deadline) != PollResult.Reached)
        {
            session.TimedOut("learner 2 to catch up");
            return null;
        }

        return sinceStart.Elapsed;
    }

    /// <summary>The scenario <paramref name="settings"/> ask for (run.sh's order of precedence).</summary>
    public static RunScenario For(RunSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings switch
        {
            { Settle: { } seconds } => new SettleScenario(seconds),
            { Acceptors: < ScenarioExpectation.Majority } => new NoMajorityScenario(),
            { CatchUp: true } => new CatchUpScenario(),
            { RestartAcceptors: true } or { RestartProposer: true } => new RestartScenario(),
            { PowerCut: true } => new PowerCutScenario(),
            { LateLearner: true } => new LateLearnerScenario(),
            { KillAcceptors: > 0 } => new KillAcceptorsScenario(),
            _ => new EverythingLearnedScenario(),
        };
    }
}
