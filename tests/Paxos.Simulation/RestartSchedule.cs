namespace Paxos.Simulation;

/// <summary>
/// Draws the restarts of a crash-recovery seed: single restarts of acceptors and proposers (often the
/// leader), rolling restarts (each acceptor in turn, one at a time), whole-cluster power cuts (every
/// acceptor and proposer at once), or a power cut with single restarts around it. Every process is back up
/// by the end of the fault phase, so the liveness bound applies from there as in crash-stop seeds.
/// </summary>
public static class RestartSchedule
{
    public static IReadOnlyList<RestartPlan> Draw(int seed, ScenarioPlan plan)
    {
        var random = new Random(seed ^ 0x2E57A27);
        int faultsEnd = (int)plan.FaultsEnd.TotalMilliseconds;
        var restarts = new List<RestartPlan>();
        switch (random.Next(4))
        {
            case 0:
                AddSingles(random, plan, restarts, random.Next(1, 5));
                break;
            case 1:
            {
                // Rolling: each acceptor in turn, the next one going down only after the last is back.
                int gap = random.Next(20, 400);
                int start = random.Next(0, Math.Max(1, faultsEnd - (gap * plan.Acceptors)));
                foreach (int acceptor in Enumerable.Range(0, plan.Acceptors).OrderBy(_ => random.Next()).ToList())
                {
                    Add(plan, restarts, new RestartPlan(Ms(start), RestartTarget.Acceptor, acceptor, Ms(random.Next(1, gap))));
                    start += gap;
                }

                if (random.Next(2) == 0)
                {
                    AddSingles(random, plan, restarts, 1, proposersOnly: true);
                }

                break;
            }

            case 2:
                Add(plan, restarts, new RestartPlan(Ms(random.Next(0, faultsEnd)), RestartTarget.Everyone, 0, DrawDowntime(random), random.Next(2) == 0, DrawPoint(random)));
                break;
            default:
                Add(plan, restarts, new RestartPlan(Ms(random.Next(0, faultsEnd)), RestartTarget.Everyone, 0, DrawDowntime(random), random.Next(2) == 0, DrawPoint(random)));
                AddSingles(random, plan, restarts, random.Next(1, 3));
                break;
        }

        restarts.Sort((a, b) => a.At.CompareTo(b.At));
        return restarts;
    }

    /// <summary>
    /// A quarter of the seeds restart a learner from scratch. Drawn from a generator of its own, so the
    /// restarts of acceptors and proposers stay as they were.
    /// </summary>
    public static IReadOnlyList<(TimeSpan At, int Learner, TimeSpan DownFor)> DrawLearnerRestarts(int seed, ScenarioPlan plan)
    {
        var random = new Random(seed ^ 0x1EA2_4E5);
        if (random.Next(4) != 0)
        {
            return [];
        }

        TimeSpan at = Ms(random.Next(0, (int)plan.FaultsEnd.TotalMilliseconds));
        TimeSpan downFor = DrawDowntime(random);
        return [(at, random.Next(plan.LearnerStarts.Count), downFor > plan.FaultsEnd - at ? plan.FaultsEnd - at : downFor)];
    }

    private static void AddSingles(Random random, ScenarioPlan plan, List<RestartPlan> restarts, int count, bool proposersOnly = false)
    {
        int faultsEnd = (int)plan.FaultsEnd.TotalMilliseconds;
        for (int i = 0; i < count; i++)
        {
            RestartTarget target = random.Next(proposersOnly ? 2 : 4) switch
            {
                0 => RestartTarget.LeadingProposer,
                1 => RestartTarget.Proposer,
                _ => RestartTarget.Acceptor,
            };
            int index = target == RestartTarget.Acceptor ? random.Next(plan.Acceptors) : random.Next(plan.Proposers);
            Add(plan, restarts, new RestartPlan(Ms(random.Next(0, faultsEnd)), target, index, DrawDowntime(random), Point: DrawPoint(random)));
        }
    }

    /// <summary>
    /// A third of the crashes at a random moment; the others where durability matters most, which a random
    /// moment rarely hits: inside a commit (a sync takes a small part of a process's time), or right after a
    /// new promise became durable (while the old ballot's messages are still about).
    /// </summary>
    private static CrashPoint DrawPoint(Random random) => random.Next(3) switch
    {
        0 => CrashPoint.AtTime,
        1 => CrashPoint.DuringCommit,
        _ => CrashPoint.AfterPromise,
    };

    /// <summary>Mostly short (a supervisor restarting the process at once), sometimes seconds (many timeouts).</summary>
    private static TimeSpan DrawDowntime(Random random)
    {
        double kind = random.NextDouble();
        return kind < 0.5 ? Ms(random.Next(1, 50)) : kind < 0.85 ? Ms(random.Next(50, 500)) : Ms(random.Next(500, 3_000));
    }

    /// <summary>Adds a restart, shortened so that the process is back up by the end of the fault phase.</summary>
    private static void Add(ScenarioPlan plan, List<RestartPlan> restarts, RestartPlan restart)
    {
        TimeSpan latest = plan.FaultsEnd - restart.At;
        restarts.Add(restart.DownFor > latest ? restart with { DownFor = latest } : restart);
    }

    private static TimeSpan Ms(double milliseconds) => TimeSpan.FromMilliseconds(milliseconds);
}
