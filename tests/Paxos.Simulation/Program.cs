using System.Globalization;
using Paxos.Simulation;

// The simulator's command line:
//   --seed N            run one seed, print its outcome (with --trace: every event of the run)
//   --seeds N --from M  run seeds M .. M+N-1 on every core, print seeds/s and the faults exercised
//   --threads T         worker threads for a campaign (default: the processor count)
//   --variant V         run a deliberately broken variant (DuplicateAcceptorId, ByzantineAcceptBallot, ...)
//   --restarts          crash-recovery mode: simulated stores with commit delays, restarts and power cuts
int? single = null;
int seeds = 1_000;
int from = 1;
int threads = Environment.ProcessorCount;
bool trace = false;
bool requireDecisionsChosen = true;
bool restarts = false;
var variant = BrokenVariant.None;
for (int i = 0; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
    switch (args[i])
    {
        case "--seed":
            single = int.Parse(Next(), CultureInfo.InvariantCulture);
            break;
        case "--seeds":
            seeds = int.Parse(Next(), CultureInfo.InvariantCulture);
            break;
        case "--from":
            from = int.Parse(Next(), CultureInfo.InvariantCulture);
            break;
        case "--threads":
            threads = int.Parse(Next(), CultureInfo.InvariantCulture);
            break;
        case "--variant":
            variant = Enum.Parse<BrokenVariant>(Next(), ignoreCase: true);
            break;
        case "--no-quorum-check":
            requireDecisionsChosen = false;
            break;
        case "--restarts":
            restarts = true;
            break;
        case "--trace":
            trace = true;
            break;
        default:
            Console.Error.WriteLine("usage: Paxos.Simulation [--seed N [--trace]] [--seeds N] [--from N] [--threads T] [--variant V] [--restarts] [--no-quorum-check]");
            return 2;
    }
}

if (single is { } seed)
{
    SeedResult result = ScenarioRunner.Run(seed, variant, requireDecisionsChosen, trace: trace ? Console.WriteLine : null, restarts: restarts);
    Console.WriteLine(ScenarioPlan.Draw(seed, restarts || ScenarioRunner.NeedsRestarts(variant)).Describe());
    Console.WriteLine(Report(result));
    return result.Passed ? 0 : 1;
}

if (seeds < 0 || (long)from + seeds - 1 > int.MaxValue)
{
    Console.Error.WriteLine($"seeds {from}..{(long)from + seeds - 1}: --seeds must not be negative and the last seed must be at most {int.MaxValue}");
    return 2;
}

Console.WriteLine($"seeds {from}..{(long)from + seeds - 1} on {threads} threads{(restarts ? ", crash-recovery with restarts" : "")}{(variant == BrokenVariant.None ? "" : $", variant {variant}")}");
var gate = new object();
CampaignSummary summary = Campaign.Run(
    from,
    seeds,
    threads,
    variant,
    onFailure: failure =>
    {
        lock (gate)
        {
            Console.WriteLine($"FAILED seed {failure.Seed}: {failure.Failure}");
            Console.WriteLine($"  reproduce: {failure.Reproduce}");
        }
    },
    onProgress: done =>
    {
        if (done % 10_000 == 0)
        {
            lock (gate)
            {
                Console.WriteLine($"  {done} seeds done");
            }
        }
    },
    requireDecisionsChosen,
    restarts);
Console.Write(summary.Format());
foreach (SeedResult failure in summary.Failures.OrderBy(f => f.Seed).Take(3))
{
    Console.WriteLine();
    Console.WriteLine(Report(failure));
}

return summary.Failures.Count == 0 ? 0 : 1;

static string Report(SeedResult result)
{
    if (result.Passed)
    {
        string recovery = result.Stats.Recovery is { } r ? $", everything printed {r.TotalSeconds:F2}s after the faults ended" : "";
        return $"seed {result.Seed} ({result.Kind}) passed: {result.Stats.ValuesSubmitted} values submitted, {result.Stats.InstancesChosen} instances chosen, {result.Stats.Steps} steps checked{recovery}";
    }

    return $"seed {result.Seed} FAILED: {result.Failure}\n  reproduce: {result.Reproduce}\n  " + string.Join("\n  ", result.Trace);
}
