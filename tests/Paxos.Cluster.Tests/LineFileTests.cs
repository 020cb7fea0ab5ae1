using Paxos.Cluster.Check;

namespace Paxos.Cluster.Tests;

/// <summary>Counting values and comparing outputs byte for byte.</summary>
public sealed class LineFileTests
{
    [Fact]
    public void A_last_line_without_a_newline_is_still_a_value()
    {
        using var run = new TempRunFolder();
        string path = Path.Combine(run.Path, "prop1");
        File.WriteAllText(path, "a\nb\nc");

        Assert.Equal(3, LineFile.ValueCount(path));
        Assert.Equal(["a", "b", "c"], LineFile.Lines(path));
    }

    [Fact]
    public void A_prefix_is_byte_exact()
    {
        using var run = new TempRunFolder();
        run.With("before", "é", "b").With("after", "é", "b", "c").With("other", "e", "b", "c");

        Assert.True(LineFile.IsPrefix(Path.Combine(run.Path, "before"), Path.Combine(run.Path, "after")));
        Assert.False(LineFile.IsPrefix(Path.Combine(run.Path, "before"), Path.Combine(run.Path, "other")));
        Assert.False(LineFile.IsPrefix(Path.Combine(run.Path, "after"), Path.Combine(run.Path, "before")));
        Assert.False(LineFile.SameBytes(Path.Combine(run.Path, "before"), Path.Combine(run.Path, "after")));
    }
}
