using Paxos.Cluster.Check;

namespace Paxos.Cluster.Multihost;

/// <summary>The run's verdict on the outputs: both learners printed the same lines in the same order, and every value exactly once.</summary>
internal static class OutputCheck
{
    /// <summary>What is wrong with the learners' outputs in <paramref name="folder"/>; empty when nothing.</summary>
    public static IReadOnlyList<string> Problems(string folder)
    {
        var problems = new List<string>();
        if (!LineFile.SameBytes(Path.Combine(folder, "learn1"), Path.Combine(folder, "learn2")))
        {
            problems.Add("learn1 and learn2 differ");
        }

        // As multisets: the same lines as both inputs together, each copy once.
        foreach (string learner in (string[])["learn1", "learn2"])
        {
            if (!SubmissionCheck.EachExactlyOnce(folder, learner))
            {
                problems.Add($"{learner} is not every value exactly once");
            }
        }

        return problems;
    }
}
