namespace Paxos.Cluster.Run;

/// <summary>Bad usage found only while preparing the run (e.g. --data-dir on the repository's own paxos.conf): exit status 2.</summary>
public sealed class RunUsageException : Exception
{
    public RunUsageException()
    {
    }

    public RunUsageException(string message)
        : base(message)
    {
    }

    public RunUsageException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
