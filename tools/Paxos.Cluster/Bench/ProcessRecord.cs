using Paxos.Core.Hosting.Reports;

namespace Paxos.Cluster.Bench;

/// <summary>One process of one run: a row of the per-process table and of roles.csv.</summary>
/// <param name="Process">Its name: acceptor1, client2...</param>
/// <param name="StartupMs">From its role script's start to "receiving", in ms; null when the script's start is unknown.</param>
/// <param name="CpuSeconds">User + system CPU time.</param>
/// <param name="PeakRssMb">Peak resident memory (VmHWM), MB of 1024 × 1024 bytes.</param>
/// <param name="DatagramsSent">Datagrams it sent.</param>
/// <param name="BytesSent">Bytes it sent.</param>
/// <param name="DatagramsReceived">Datagrams it received.</param>
/// <param name="Retransmissions">Its own kind of resend (client: resent submissions; proposer: re-sent Accepts and Prepares; learner: catch-up requests).</param>
internal sealed record ProcessRecord(
    string Process,
    long? StartupMs,
    double CpuSeconds,
    double PeakRssMb,
    long DatagramsSent,
    long BytesSent,
    long DatagramsReceived,
    long Retransmissions)
{
    /// <summary>The row of <paramref name="process"/>'s stop report.</summary>
    public static ProcessRecord From(string process, RoleReport report)
    {
        long launched = report.GetLong("launchedUs");
        long ready = report.GetLong("readyUs");
        return new ProcessRecord(
            process,
            launched > 0 ? Numbers.RoundToWhole((ready - launched) / 1000.0) : null,
            report.Get("cpuSeconds"),
            report.GetLong("peakRssKb") / 1024.0,
            report.GetLong("datagramsSent"),
            report.GetLong("bytesSent"),
            report.GetLong("datagramsReceived"),
            report.GetLong("retransmissions"));
    }

    /// <summary>The kind of role, from the name: "client" for client2.</summary>
    public string Role => Process.TrimEnd("0123456789".ToCharArray());
}
