using Paxos.Core.Protocol;

namespace Paxos.Core.Tests.Protocol;

public sealed class SubmissionLedgerTests
{
    [Fact]
    public void Ledger_keeps_interleaved_sessions_and_clients_apart()
    {
        var ledger = new SubmissionLedger();
        Assert.True(ledger.Add(1, 10, 0));
        Assert.True(ledger.Add(2, 10, 0));   // another client, same session number
        Assert.True(ledger.Add(1, 11, 0));   // same client, another session
        Assert.False(ledger.Add(1, 10, 0));
        Assert.True(ledger.Contains(2, 10, 0));
        Assert.False(ledger.Contains(2, 10, 1));
        Assert.False(ledger.Contains(3, 10, 0)); // a session never seen, right after a known one
        Assert.True(ledger.Contains(1, 11, 0));
        Assert.False(ledger.Contains(1, 12, 0));
        Assert.True(ledger.Add(1, 12, 0));
        Assert.False(ledger.Add(1, 12, 0));
        Assert.True(ledger.Contains(1, 10, 0));
    }

    [Fact]
    public void Sequence_set_reports_a_repeated_member()
    {
        var set = new SequenceSet();

        Assert.True(set.Add(0));
        Assert.False(set.Add(0));
        Assert.True(set.Add(5));
        Assert.False(set.Add(5));
    }

    [Fact]
    public void Sequence_set_contiguous_end_advances_over_members_added_out_of_order()
    {
        var set = new SequenceSet();
        set.Add(2);
        set.Add(1);
        Assert.Equal(0UL, set.ContiguousEnd);
        Assert.False(set.Contains(0));
        Assert.True(set.Contains(2));

        set.Add(0);

        Assert.Equal(3UL, set.ContiguousEnd);
        Assert.True(set.Contains(0));
        Assert.True(set.Contains(1));
        Assert.False(set.Contains(3));
    }

    [Fact]
    public void Sequence_set_members_below_the_contiguous_end_stay_members()
    {
        var set = new SequenceSet();
        for (ulong i = 0; i < 100; i++)
        {
            set.Add(i);
        }

        Assert.Equal(100UL, set.ContiguousEnd);
        Assert.False(set.Add(42));
        Assert.True(set.Contains(99));
        Assert.False(set.Contains(100));
    }

    [Fact]
    public void Sequence_set_matches_a_plain_set_on_random_input()
    {
        var random = new Random(5);
        var set = new SequenceSet();
        var reference = new HashSet<ulong>();
        for (int i = 0; i < 5_000; i++)
        {
            ulong sequence = (ulong)random.Next(0, 2_000);
            Assert.Equal(reference.Add(sequence), set.Add(sequence));
        }

        for (ulong sequence = 0; sequence < 2_100; sequence++)
        {
            Assert.Equal(reference.Contains(sequence), set.Contains(sequence));
        }
    }

    [Fact]
    public void Ledger_records_each_submission_once()
    {
        var ledger = new SubmissionLedger();

        Assert.True(ledger.Add(1, 10, 0));
        Assert.False(ledger.Add(1, 10, 0));
        Assert.True(ledger.Contains(1, 10, 0));
        Assert.False(ledger.Contains(1, 10, 1));
    }

    [Fact]
    public void Ledger_keeps_clients_and_sessions_apart()
    {
        var ledger = new SubmissionLedger();
        ledger.Add(1, 10, 0);

        Assert.False(ledger.Contains(2, 10, 0));
        Assert.False(ledger.Contains(1, 11, 0));
        Assert.True(ledger.Add(2, 10, 0));
        Assert.True(ledger.Add(1, 11, 0));
    }
}
