using Paxos.Cluster.Multihost;

namespace Paxos.Cluster.Tests.Multihost;

/// <summary>The multi-host verdict on the outputs: same lines in the same order at both learners, every value exactly once.</summary>
public sealed class OutputCheckTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("multihost-tests.");

    public void Dispose() => _folder.Delete(recursive: true);

    private IReadOnlyList<string> Check(string learn1, string learn2)
    {
        File.WriteAllText(Path.Combine(_folder.FullName, "prop1"), "c1-1\nc1-2\n");
        File.WriteAllText(Path.Combine(_folder.FullName, "prop2"), "c2-1\n");
        File.WriteAllText(Path.Combine(_folder.FullName, "learn1"), learn1);
        File.WriteAllText(Path.Combine(_folder.FullName, "learn2"), learn2);
        return OutputCheck.Problems(_folder.FullName);
    }

    [Fact]
    public void Every_value_once_in_one_order_at_both_learners_is_right()
    {
        Assert.Empty(Check("c2-1\nc1-1\nc1-2\n", "c2-1\nc1-1\nc1-2\n"));
    }

    [Fact]
    public void Learners_in_different_orders_differ()
    {
        Assert.Equal(["learn1 and learn2 differ"], Check("c2-1\nc1-1\nc1-2\n", "c1-1\nc2-1\nc1-2\n"));
    }

    [Fact]
    public void A_duplicate_or_a_missing_value_is_found_at_each_learner()
    {
        Assert.Equal(["learn1 is not every value exactly once", "learn2 is not every value exactly once"],
            Check("c2-1\nc1-1\nc1-1\n", "c2-1\nc1-1\nc1-1\n"));
        Assert.Equal(["learn1 and learn2 differ", "learn2 is not every value exactly once"],
            Check("c2-1\nc1-1\nc1-2\n", "c2-1\nc1-1\n"));
    }
}
