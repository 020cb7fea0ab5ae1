namespace Paxos.Cluster.Check;

/// <summary>
/// Which checks a finished run folder must pass: the expectation and the scenario's own stronger checks
/// (each submission exactly once after crashes, the outputs before a power cut prefixes of the new ones).
/// </summary>
/// <param name="Expect">All, nothing, or a stall.</param>
/// <param name="ExactlyOnce">Crash-recovery scenarios: learn1 is each submission exactly once (as a multiset of lines).</param>
/// <param name="PowerCut">learn1.before-cut and learn2.before-cut must be byte prefixes of learn1 and learn2.</param>
public sealed record ScenarioExpectation(Expectation Expect, bool ExactlyOnce = false, bool PowerCut = false)
{
    /// <summary>The progress a majority of the 3 configured acceptors allows.</summary>
    public const int Majority = 2;

    /// <summary>The expectation of a run with <paramref name="acceptors"/> started and <paramref name="killed"/> of them killed mid-run.</summary>
    public static Expectation For(int acceptors, int killed) =>
        acceptors < Majority ? Expectation.Nothing
        : acceptors - killed < Majority ? Expectation.Stall
        : Expectation.All;

    /// <summary>The sentence the verdict line states.</summary>
    public string Text => Expect switch
    {
        Expectation.Nothing => "no progress without a majority of acceptors: nothing learned (so Test 3 failing is expected)",
        Expectation.Stall => "progress stops once no majority is left, and both learners hold the same sequence (Test 3 failing is expected)",
        _ => "every value learned, in the same order by both learners"
            + (ExactlyOnce ? ", each submission exactly once" : "")
            + (PowerCut ? ", the outputs before the cut prefixes of the new ones" : ""),
    };
}
