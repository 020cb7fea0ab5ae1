namespace Paxos.Cluster.Shared;

/// <summary>Exit statuses in words, as the run summary and its failure messages print them.</summary>
public static class ExitStatus
{
    /// <summary>"killed by signal N" for a status above 128, else "exit status N".</summary>
    public static string Describe(int status) =>
        status > 128 ? $"killed by signal {status - 128}" : $"exit status {status}";
}
