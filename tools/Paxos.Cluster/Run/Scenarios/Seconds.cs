using System.Globalization;

namespace Paxos.Cluster.Run.Scenarios;

/// <summary>Durations as the run's messages print them: seconds with two decimals.</summary>
public static class Seconds
{
    public static string Of(TimeSpan time) => time.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture);
}
