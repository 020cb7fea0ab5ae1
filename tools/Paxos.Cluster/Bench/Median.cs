namespace Paxos.Cluster.Bench;

/// <summary>The median of a few numbers: the middle one, or the mean of the two middle ones.</summary>
internal static class Median
{
    /// <summary>The median of <paramref name="values"/>; 0 when there are none.</summary>
    public static double Of(IEnumerable<double> values)
    {
        double[] sorted = [.. values.Order()];
        if (sorted.Length == 0)
        {
            return 0;
        }

        int middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>The median of one figure of <paramref name="items"/>.</summary>
    public static double Of<T>(IEnumerable<T> items, Func<T, double> figure) => Of(items.Select(figure));
}
