namespace Paxos.Core.Storage;

/// <summary>How a store on disk has been committing: what the role host reports for every store the same way.</summary>
public interface ICommitStatistics
{
    /// <summary>Transactions committed, each with one sync (how well writes are grouped).</summary>
    long Commits { get; }

    /// <summary>Time spent committing and syncing.</summary>
    TimeSpan CommitTime { get; }
}
