using System.Globalization;

namespace Paxos.Cluster.Bench;

/// <summary>
/// One benchmark combination, run K times: values per client, offered load, loss, value size, storage.
/// Runs of the same combination share a row of medians.
/// </summary>
/// <param name="ValuesPerClient">Values each of the two clients submits.</param>
/// <param name="Rate">Offered load in values/s for both clients together, or null for full speed ("max").</param>
/// <param name="Loss">Probability of dropping each incoming datagram, as given on the command line ("0", "0.1").</param>
/// <param name="ValueSize">Bytes per value (random letters), or null for the course's small random numbers.</param>
/// <param name="Durable">Whether the run gets a data_dir (acceptors fsync before answering).</param>
internal sealed record Combination(long ValuesPerClient, long? Rate, string Loss, int? ValueSize, bool Durable)
{
    /// <summary>Values submitted by both clients.</summary>
    public long TotalValues => 2 * ValuesPerClient;

    /// <summary>The rate as the CSV files write it: the number, or "max".</summary>
    public string RateText => Rate is { } rate ? Numbers.Whole(rate) : "max";

    /// <summary>The rate for people: the number, or "full speed".</summary>
    public string RateForPeople => Rate is { } rate ? Numbers.Whole(rate) : "full speed";

    /// <summary>The value size for people: "1024 B", or "small".</summary>
    public string SizeForPeople => ValueSize is { } size ? $"{size} B" : "small";

    /// <summary>True when no datagram is dropped on purpose.</summary>
    public bool LossFree => double.Parse(Loss, CultureInfo.InvariantCulture) == 0;

    /// <summary>The run folder's name: n1000-s1024-rmax-l0-durable-run1.</summary>
    public string Label(int run) =>
        $"n{ValuesPerClient}{(ValueSize is { } size ? $"-s{size}" : "")}-r{RateText}-l{Loss}{(Durable ? "-durable" : "")}-run{run}";

    /// <summary>What each client paces itself to (PAXOS_CLIENT_RATE: half the offered load), or empty at full speed.</summary>
    public string ClientRate => Rate is { } rate ? Numbers.Fixed(rate / 2.0, 3) : "";

    /// <summary>run.sh's timeout for a paced run: it lasts 2n/rate seconds; that three times and a minute. Null at full speed (run.sh's default).</summary>
    public long? TimeoutSeconds => Rate is { } rate ? 60 + 3 * 2 * ValuesPerClient / rate : null;
}
