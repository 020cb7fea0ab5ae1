using System.Globalization;
using System.Text.RegularExpressions;

namespace Paxos.Cluster.Bench;

/// <summary>The benchmark's options, checked: what `paxosctl bench` (and so ./bench.sh) was asked to run.</summary>
/// <param name="Values">Values per client, one combination each (--values 10000,100000).</param>
/// <param name="Rates">Offered loads (values/s, both clients), null for full speed (--rate 1000,max).</param>
/// <param name="Runs">Runs of each combination (--runs).</param>
/// <param name="Loss">Drop probability of each incoming datagram, as written (--loss).</param>
/// <param name="ValueSize">Bytes per value, or null for the course's small numbers (--value-size).</param>
/// <param name="Durable">Every run with a data_dir (--durable).</param>
/// <param name="Scenario">"table", "load" or null (--scenario).</param>
/// <param name="Scale">The factor on a scenario's numbers of values (--scale, --quick = 0.01), as written.</param>
/// <param name="Out">The output folder, or null for bench-out/&lt;date-time&gt;.</param>
internal sealed partial record BenchOptions(
    IReadOnlyList<long> Values,
    IReadOnlyList<long?> Rates,
    int Runs,
    string Loss,
    int? ValueSize,
    bool Durable,
    string? Scenario,
    string Scale,
    string? Out)
{
    /// <summary>The clients skip a line longer than this (WireLimits.MaxValueBytes): a run with bigger values would fail.</summary>
    public const int MaxValueSize = 65_000;

    /// <summary>The scale as a number.</summary>
    public double ScaleFactor => double.Parse(Scale, CultureInfo.InvariantCulture);

    /// <summary>
    /// Checks the options as written on the command line (null: not given) and returns them, or the first
    /// complaint in <paramref name="error"/> (bench.sh's wording; the caller exits 2).
    /// </summary>
    public static BenchOptions? TryParse(
        string values, string rates, string runs, string loss, string? valueSize, bool durable, string? scenario,
        string? scale, bool quick, string? outFolder, out string error)
    {
        error = "";
        var valueList = new List<long>();
        foreach (string v in values.Split(','))
        {
            if (!PositiveInteger().IsMatch(v) || !long.TryParse(v, CultureInfo.InvariantCulture, out long n))
            {
                error = $"--values: not a positive integer: {v}";
                return null;
            }

            valueList.Add(n);
        }

        var rateList = new List<long?>();
        foreach (string r in rates.Split(','))
        {
            if (r == "max")
            {
                rateList.Add(null);
            }
            else if (PositiveInteger().IsMatch(r) && long.TryParse(r, CultureInfo.InvariantCulture, out long rate))
            {
                rateList.Add(rate);
            }
            else
            {
                error = $"--rate: not a positive integer or max: {r}";
                return null;
            }
        }

        if (!PositiveInteger().IsMatch(runs) || !int.TryParse(runs, CultureInfo.InvariantCulture, out int runCount))
        {
            error = "--runs must be a positive integer";
            return null;
        }

        if (!Probability().IsMatch(loss))
        {
            error = "--loss must be a probability below 1";
            return null;
        }

        int? size = null;
        if (valueSize is not null)
        {
            if (!PositiveInteger().IsMatch(valueSize) || !int.TryParse(valueSize, CultureInfo.InvariantCulture, out int bytes) || bytes > MaxValueSize)
            {
                error = $"--value-size must be 1..{MaxValueSize} bytes";
                return null;
            }

            size = bytes;
        }

        if (scenario is not null and not "table" and not "load")
        {
            error = "--scenario must be table or load";
            return null;
        }

        // --quick is --scale 0.01 (the later of the two wins in bash; here --quick does, it is the common case).
        string scaleText = quick ? "0.01" : scale ?? "1";
        if (!double.TryParse(scaleText, NumberStyles.Float, CultureInfo.InvariantCulture, out double factor) || !(factor > 0 && factor <= 1))
        {
            error = "--scale must be a number, 0 < F <= 1";
            return null;
        }

        if (factor != 1 && scenario is null)
        {
            error = "--scale and --quick go with --scenario";
            return null;
        }

        return new BenchOptions(valueList, rateList, runCount, loss, size, durable, scenario, scaleText, outFolder);
    }

    [GeneratedRegex("^[1-9][0-9]*$")]
    private static partial Regex PositiveInteger();

    [GeneratedRegex(@"^(0|0?[.][0-9]+)$")]
    private static partial Regex Probability();
}
