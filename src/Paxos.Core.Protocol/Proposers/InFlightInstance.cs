
namespace Paxos.Core.Protocol.Proposers;

/// <summary>An instance the leader proposed in its current ballot and has not seen decided yet.</summary>
internal sealed class InFlightInstance(Batch batch, TimeSpan sentAt)
{
    private ulong _votes;

    public Batch Batch { get; } = batch;

    public TimeSpan SentAt { get; set; } = sentAt;

    /// <summary>The leader's count of Accepts sent when this one's last copy went out: orders the sends.</summary>
    public long SendOrder { get; set; }

    /// <summary>Times the Accept was sent again.</summary>
    public int Resends { get; set; }

    /// <summary>
    /// The wait before the next resend: <paramref name="first"/>, doubled per resend up to 8 times it, so a
    /// cluster without a quorum (most acceptors down) is not flooded with Accepts it cannot answer.
    /// </summary>
    public TimeSpan RetryInterval(TimeSpan first) => first * (1 << Math.Min(Resends, 3));

    /// <summary>Distinct acceptors that accepted it in the current ballot.</summary>
    public int VoteCount { get; private set; }

    /// <summary>Records acceptor <paramref name="acceptorId"/> (1..64) as having accepted.</summary>
    public void AddVote(int acceptorId)
    {
        ulong bit = 1UL << (acceptorId - 1);
        if ((_votes & bit) == 0)
        {
            _votes |= bit;
            VoteCount++;
        }
    }
}
