using System.Globalization;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace Paxos.Cluster.Bench.Plots;

/// <summary>
/// ScottPlot 5 draws log scales by plotting log10 of the data on a linear axis with log-spaced
/// minor ticks and labels that undo the log: these helpers do both halves.
/// </summary>
internal static class LogAxis
{
    /// <summary>log10 of a positive value; values at or below zero (nothing measured) are left out by the caller.</summary>
    public static double Of(double value) => Math.Log10(value);

    /// <summary>Makes an axis show powers of ten, labelled with the values themselves.</summary>
    public static void Apply(IAxis axis)
    {
        axis.TickGenerator = new NumericAutomatic
        {
            MinorTickGenerator = new LogMinorTickGenerator(),
            IntegerTicksOnly = true,
            LabelFormatter = exponent => Label(Math.Pow(10, exponent)),
        };
    }

    private static string Label(double value) => value switch
    {
        >= 1_000_000 => (value / 1_000_000).ToString("0.##", CultureInfo.InvariantCulture) + "M",
        >= 1_000 => (value / 1_000).ToString("0.##", CultureInfo.InvariantCulture) + "k",
        _ => value.ToString("0.###", CultureInfo.InvariantCulture),
    };
}
