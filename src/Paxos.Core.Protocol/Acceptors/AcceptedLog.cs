using Paxos.Core.Protocol.Storage;

namespace Paxos.Core.Protocol.Acceptors;

/// <summary>
/// An acceptor's per-instance memory: the ballot and batch it last accepted for each instance. Instances
/// are dense in practice (a leader numbers them consecutively), but the numbers come from the network, so
/// they are stored in fixed pages of consecutive instances, created only where something is accepted: the
/// memory follows what is stored, never how far apart the instance numbers are. This is the store of an
/// acceptor without a data folder: nothing survives the process (crash-stop). The batches themselves are
/// kept in an <see cref="IBatchArchive"/>.
/// </summary>
public sealed class AcceptedLog : IAcceptorStore
{
    private readonly IBatchArchive _archive;

    private const int PageBits = 10;
    private const int PageSize = 1 << PageBits;

    // Page numbers in ascending order, and the page of each (parallel lists). Pages are nearly always
    // appended at the end, and looked up at or near the last one touched.
    private readonly List<long> _pageNumbers = [];
    private readonly List<Entry[]> _pages = [];
    private int _lastIndex = -1;

    /// <summary>Creates an empty log whose batches go to <paramref name="archive"/> (objects in memory when null).</summary>
    public AcceptedLog(IBatchArchive? archive = null)
    {
        _archive = archive ?? MemoryBatchArchive.Instance;
    }

    /// <inheritdoc />
    public long AcceptedEnd { get; private set; }

    /// <inheritdoc />
    public Ballot Promised { get; private set; } = Ballot.Zero;

    /// <summary>Always false: memory needs no commit.</summary>
    public bool HasPendingWrites => false;

    /// <inheritdoc />
    public void Commit()
    {
    }

    /// <inheritdoc />
    public void SetPromised(Ballot ballot) => Promised = ballot;

    /// <inheritdoc />
    public void SetAccepted(long instance, Ballot ballot, Batch batch) => Set(instance, ballot, batch);

    /// <summary>Looks up what was accepted for <paramref name="instance"/>.</summary>
    public bool TryGet(long instance, out Ballot ballot, out Batch batch)
    {
        if (instance >= 0 && TryFindPage(instance >> PageBits, out int index)
            && _pages[index][instance & (PageSize - 1)] is { Present: true } entry)
        {
            ballot = entry.Ballot;
            batch = _archive.Load(entry.Batch);
            return true;
        }

        ballot = Ballot.Zero;
        batch = Batch.Empty;
        return false;
    }

    /// <summary>Records that <paramref name="batch"/> was accepted in <paramref name="ballot"/>.</summary>
    public void Set(long instance, Ballot ballot, Batch batch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(instance);
        long number = instance >> PageBits;
        if (!TryFindPage(number, out int index))
        {
            index = LowerBound(number);
            _pageNumbers.Insert(index, number);
            _pages.Insert(index, new Entry[PageSize]);
            _lastIndex = index;
        }

        _pages[index][instance & (PageSize - 1)] = new Entry(ballot, _archive.Keep(batch), Present: true);
        AcceptedEnd = Math.Max(AcceptedEnd, instance + 1);
    }

    /// <summary>Everything accepted at or after <paramref name="from"/>, in instance order.</summary>
    public IEnumerable<(long Instance, Ballot Ballot, Batch Batch)> From(long from)
    {
        from = Math.Max(from, 0);
        for (int index = LowerBound(from >> PageBits); index < _pageNumbers.Count; index++)
        {
            long first = _pageNumbers[index] << PageBits;
            Entry[] page = _pages[index];
            for (int slot = (int)Math.Max(0, from - first); slot < PageSize; slot++)
            {
                if (page[slot].Present)
                {
                    yield return (first + slot, page[slot].Ballot, _archive.Load(page[slot].Batch));
                }
            }
        }
    }

    private bool TryFindPage(long number, out int index)
    {
        if (_lastIndex >= 0 && _pageNumbers[_lastIndex] == number)
        {
            index = _lastIndex;
            return true;
        }

        index = LowerBound(number);
        if (index < _pageNumbers.Count && _pageNumbers[index] == number)
        {
            _lastIndex = index;
            return true;
        }

        return false;
    }

    /// <summary>The position of the first page numbered <paramref name="number"/> or higher.</summary>
    private int LowerBound(long number)
    {
        // The common case: at or past the last page.
        int count = _pageNumbers.Count;
        if (count == 0 || _pageNumbers[count - 1] < number)
        {
            return count;
        }

        int found = _pageNumbers.BinarySearch(number);
        return found >= 0 ? found : ~found;
    }

    private readonly record struct Entry(Ballot Ballot, ArchivedBatch Batch, bool Present);
}
