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
