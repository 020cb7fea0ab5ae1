using Paxos.Core.Configuration;
using Paxos.Core.Protocol;
using Paxos.Core.Protocol.Learners;
using Paxos.Core.Protocol.Proposers;

namespace Paxos.Core.Tests.Protocol.Cluster;

/// <summary>
/// Many seeds of randomly chosen faults: loss, duplication, wide reordering, flapping partitions between
/// proposers, crashes of the leader or of a minority of acceptors, late learners, small Promise chunks and
/// catch-up budgets. Everything is drawn from the seed, so a failure names the one seed that reproduces it:
/// <c>PAXOS_SIM_SEED=n dotnet test tests/Paxos.Core.Tests --filter Randomized</c> runs that seed alone.
/// PAXOS_SIM_SEEDS=N runs seeds 1..N instead of the default; PAXOS_SIM_TRACE=1 prints a line per seed.
/// </summary>
public sealed class RandomizedClusterTests
{
    private static readonly TimeSpan FlappingEnds = TimeSpan.FromSeconds(8);

    private static int SeedCount => int.TryParse(Environment.GetEnvironmentVariable("PAXOS_SIM_SEEDS"), out int n) ? n : 200;

    private static IEnumerable<int> Seeds =>
        int.TryParse(Environment.GetEnvironmentVariable("PAXOS_SIM_SEED"), out int single) ? [single] : Enumerable.Range(1, SeedCount);

    /// <summary>
    /// Builds and runs one randomized scenario; returns null if it was safe and live, else why not.
    /// <paramref name="observe"/> can attach tracing (<see cref="SimulatedCluster.OnSend"/>…) to study a failing seed.
    /// </summary>
    internal static string? RunScenario(int seed, Action<SimulatedCluster>? observe = null)
    {
        var plan = new Random(seed);
        var settings = SimulatedCluster.DefaultSettings with
        {
            MaxInstancesInFlight = plan.Next(1, 40),
            MaxBatchBytes = plan.Next(200, 3_000),
            PromiseChunkBytes = plan.Next(2) == 0 ? plan.Next(100, 2_000) : 60_000,
            CatchUpBudgetBytes = plan.Next(2) == 0 ? plan.Next(500, 5_000) : 1 << 20,
            ClientWindow = plan.Next(4, 128),
        };
        var faults = new NetworkFaults
        {
            Loss = plan.NextDouble() * 0.35,
            Duplication = plan.NextDouble() * 0.2,
            MinDelay = TimeSpan.FromMilliseconds(0.1),
            MaxDelay = TimeSpan.FromMilliseconds(plan.Next(4) == 0 ? 50 + (plan.NextDouble() * 250) : 1 + (plan.NextDouble() * 40)),
            Stragglers = plan.Next(3) == 0 ? plan.NextDouble() * 0.02 : 0,
        };
        int acceptors = plan.Next(2) == 0 ? 3 : 5;
        int proposers = plan.Next(1, 4);
        var cluster = new SimulatedCluster(seed, settings, faults).WithAcceptors(acceptors).WithProposers(proposers).WithLearners(2);
        observe?.Invoke(cluster);
        int clients = plan.Next(1, 4);
        for (int id = 1; id <= clients; id++)
        {
            cluster.AddClient(id, SimulatedCluster.Values(id, plan.Next(50, 300)));
        }

        // Flapping partitions between proposers: the election disagrees now and then.
        bool partitioned = false;
        cluster.Blocks = (sender, receiver) => partitioned && sender.Group == RoleGroup.Proposers && receiver.Group == RoleGroup.Proposers && sender.Id != receiver.Id;
        bool flaps = plan.Next(3) == 0;

        // Crash plan: maybe the lowest live proposer (the leader), maybe a minority of acceptors, at random times.
        TimeSpan crashProposerAt = proposers > 1 && plan.Next(2) == 0 ? TimeSpan.FromMilliseconds(plan.Next(300, 3_000)) : TimeSpan.MaxValue;
        int acceptorCrashes = plan.Next(0, (acceptors / 2) + 1);
        var acceptorCrashTimes = Enumerable.Range(0, acceptorCrashes).Select(_ => TimeSpan.FromMilliseconds(plan.Next(0, 4_000))).ToList();
        TimeSpan lateLearnerAt = plan.Next(2) == 0 ? TimeSpan.FromMilliseconds(plan.Next(500, 5_000)) : TimeSpan.MaxValue;
        bool lateLearnerAdded = false;
        int crashedAcceptors = 0;
        bool proposerCrashed = false;

        bool done = cluster.RunUntil(
            () =>
            {
                // Liveness is promised only once the network settles: the flapping stops after a while.
                if (flaps && cluster.Now.Ticks % TimeSpan.FromMilliseconds(250).Ticks < cluster.TickInterval.Ticks)
                {
                    partitioned = cluster.Now < FlappingEnds && plan.Next(2) == 0;
                }

                if (!proposerCrashed && cluster.Now >= crashProposerAt)
                {
                    proposerCrashed = true;
                    cluster.Crash(RoleGroup.Proposers, 1);
                }

                while (crashedAcceptors < acceptorCrashTimes.Count && cluster.Now >= acceptorCrashTimes[crashedAcceptors])
                {
                    crashedAcceptors++;
                    cluster.Crash(RoleGroup.Acceptors, crashedAcceptors);
                }

                if (!lateLearnerAdded && cluster.Now >= lateLearnerAt)
                {
                    lateLearnerAdded = true;
                    cluster.AddLearner(3);
                }

                return cluster.Now > TimeSpan.FromSeconds(6) && (lateLearnerAdded || lateLearnerAt == TimeSpan.MaxValue) && cluster.AllDelivered();
            },
            TimeSpan.FromSeconds(300));
        partitioned = false;
        if (done)
        {
            cluster.RunFor(TimeSpan.FromSeconds(1));
        }

        string config = $"seed {seed}: {acceptors} acceptors ({acceptorCrashes} crash), {proposers} proposers (crash {crashProposerAt != TimeSpan.MaxValue}), "
            + $"{clients} clients, flaps={flaps}, late learner={lateLearnerAt != TimeSpan.MaxValue}, {faults}, {settings}";
        if (cluster.Checker.Violations.Count > 0)
        {
            return $"{config}\n  UNSAFE: {string.Join("\n  ", cluster.Checker.Violations.Take(5))}";
        }

        if (!done)
        {
            string learners = string.Join(", ", cluster.Learners.Select(l => $"{l}: next={((Learner)l.Role).NextInstance} delivered={((Learner)l.Role).DeliveredCount}"));
            string proposerState = string.Join(", ", cluster.Nodes.Where(n => n.Group == RoleGroup.Proposers)
                .Select(n => $"{n}{(n.Alive ? "" : "(crashed)")}: {((Proposer)n.Role).Mode} {((Proposer)n.Role).Ballot} prefix={((Proposer)n.Role).DecidedPrefix}"));
            return $"{config}\n  NOT LIVE at t={cluster.Now.TotalSeconds:F1}s: submitted={cluster.Checker.SubmittedCount}; {learners}; {proposerState}";
        }

        if (Environment.GetEnvironmentVariable("PAXOS_SIM_TRACE") is not null)
        {
            Console.Error.WriteLine($"[sim] t={cluster.Now.TotalSeconds:F1}s sent={cluster.DatagramsSent} decided={cluster.Checker.DecidedInstanceCount} crashes: acceptors={crashedAcceptors} proposer={proposerCrashed} late={lateLearnerAdded} attempts={cluster.Proposers.Sum(p => p.LeadershipAttempts)} dups={cluster.Learners.Sum(l => ((Learner)l.Role).DuplicatesSkipped)} | {config}");
        }

        foreach (SimNode learner in cluster.Learners)
        {
            if (!cluster.Checker.DeliveredEverything(learner.LearnerIndex))
            {
                return $"{config}\n  {learner} did not deliver exactly the submitted values";
            }
        }

        return null;
    }

    [Fact]
    public void Randomized_faults_never_break_safety_or_liveness()
    {
        var failures = new List<string>();
        int runs = 0;
        foreach (int seed in Seeds)
        {
            runs++;
            if (RunScenario(seed) is { } failure)
            {
                failures.Add(failure);
            }
        }

        Assert.True(
            failures.Count == 0,
            $"{failures.Count} of {runs} seeds failed (rerun one with PAXOS_SIM_SEED=<seed>):\n" + string.Join('\n', failures.Take(10)));
    }
}
