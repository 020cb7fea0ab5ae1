namespace Paxos.Core.Protocol;

/// <summary>
/// A Paxos ballot (proposal number): ordered by round, then by proposer id, then by the proposer's
/// incarnation nonce. Paxos is safe only if no two proposers ever use one ballot. Distinct ids make that
/// so in a correct cluster; the nonce, drawn once per process start, keeps it so when two processes are
/// started with one id by mistake, or a proposer is restarted under its id and starts counting rounds
/// again: their ballots differ, so each is refused or preempted like any other competitor.
/// <see cref="Zero"/> is below every real ballot (proposers start at round 1) and means
/// "nothing promised / accepted yet".
/// </summary>
public readonly record struct Ballot(uint Round, uint ProposerId, uint Incarnation = 0) : IComparable<Ballot>
{
    /// <summary>The ballot below all others.</summary>
    public static readonly Ballot Zero = new(0, 0, 0);

    /// <summary>Bytes of a ballot on the wire: round, proposer id, incarnation (32 bits each).</summary>
    public const int EncodedBytes = 12;

    /// <inheritdoc />
    public int CompareTo(Ballot other)
    {
        int byRound = Round.CompareTo(other.Round);
        if (byRound != 0)
        {
            return byRound;
        }

        int byProposer = ProposerId.CompareTo(other.ProposerId);
        return byProposer != 0 ? byProposer : Incarnation.CompareTo(other.Incarnation);
    }

    /// <summary>True when <paramref name="left"/> orders before <paramref name="right"/>.</summary>
    public static bool operator <(Ballot left, Ballot right) => left.CompareTo(right) < 0;

    /// <summary>True when <paramref name="left"/> orders after <paramref name="right"/>.</summary>
    public static bool operator >(Ballot left, Ballot right) => left.CompareTo(right) > 0;

    /// <summary>True unless <paramref name="left"/> orders after <paramref name="right"/>.</summary>
    public static bool operator <=(Ballot left, Ballot right) => left.CompareTo(right) <= 0;

    /// <summary>True unless <paramref name="left"/> orders before <paramref name="right"/>.</summary>
    public static bool operator >=(Ballot left, Ballot right) => left.CompareTo(right) >= 0;

    /// <summary>The larger of two ballots.</summary>
    public static Ballot Max(Ballot a, Ballot b) => a >= b ? a : b;

    /// <inheritdoc />
    public override string ToString() => Incarnation == 0 ? $"{Round}.{ProposerId}" : $"{Round}.{ProposerId}.{Incarnation:x8}";
}
