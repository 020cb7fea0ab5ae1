namespace Paxos.Cluster.Run;

/// <summary>Ends a run at once with exit status 1 and no summary (run.sh's "FAILED:"): something it cannot go on from.</summary>
public sealed class RunFailedException : Exception
{
    public RunFailedException()
    {
    }

    public RunFailedException(string message)
        : base(message)
    {
    }

    public RunFailedException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>The process whose log's last lines explain the failure, if any.</summary>
    public string? ProcessWithLog { get; init; }

    /// <summary>True when the messages were printed already (no "FAILED:" line then).</summary>
    public bool Reported { get; init; }
}
