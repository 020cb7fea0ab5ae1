
namespace Paxos.Core.Protocol.Storage;

/// <summary>
/// What an acceptor must remember across a crash: the highest ballot it promised and, per instance, the
/// ballot and batch it last accepted. Writes take effect for reads at once; they become durable at the
/// host's next <see cref="IDurableStore.Commit"/>, before any answer that depends on them is sent.
/// </summary>
public interface IAcceptorStore : IDurableStore
{
    /// <summary>The highest ballot promised or accepted (as loaded at start, then as last written).</summary>
    Ballot Promised { get; }

    /// <summary>One past the highest instance anything was accepted for.</summary>
    long AcceptedEnd { get; }

    /// <summary>Records a promise of <paramref name="ballot"/>.</summary>
    void SetPromised(Ballot ballot);

    /// <summary>
    /// Records that <paramref name="batch"/> was accepted for <paramref name="instance"/> in <paramref name="ballot"/>.
    /// The batch may be borrowed (<see cref="Batch.IsBorrowed"/>: over a receive buffer reused after this call):
    /// a store keeps a copy of its bytes, never the batch itself (<see cref="Batch.Owned"/>).
    /// </summary>
    void SetAccepted(long instance, Ballot ballot, Batch batch);

    /// <summary>What was accepted for <paramref name="instance"/>, if anything.</summary>
    bool TryGet(long instance, out Ballot ballot, out Batch batch);

    /// <summary>Everything accepted at or after <paramref name="from"/>, in instance order (read lazily: callers stop early).</summary>
    IEnumerable<(long Instance, Ballot Ballot, Batch Batch)> From(long from);
}
