using System.Globalization;

namespace Paxos.Cluster.Bench;

/// <summary>
/// How the benchmark writes numbers: invariant culture, a fixed number of decimals (what the old awk
/// printf "%.Nf" wrote, so the CSV and Markdown files keep their look), thousands with commas in prose.
/// </summary>
internal static class Numbers
{
    /// <summary><paramref name="value"/> with exactly <paramref name="decimals"/> decimals.</summary>
    public static string Fixed(double value, int decimals) =>
        value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>A whole number as is.</summary>
    public static string Whole(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A whole number with thousands separated by commas (1,000,000), truncating any fraction.</summary>
    public static string Thousands(double value) => ((long)value).ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A measure as the roles write it in their text reports (up to six decimals, no trailing zeros).</summary>
    public static string AsReported(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);

    /// <summary>Rounds half to even, as C's printf "%.0f" does on an exact half.</summary>
    public static long RoundToWhole(double value) => (long)Math.Round(value, MidpointRounding.ToEven);
}
