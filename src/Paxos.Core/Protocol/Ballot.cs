namespace Paxos.Core.Protocol;

/// <summary>
/// A Paxos ballot (proposal number): ordered by round, then by proposer id, so two proposers never
/// share one. <see cref="Zero"/> is below every real ballot (proposers start at round 1) and means
/// "nothing promised / accepted yet".
/// </summary>
public readonly record struct Ballot(uint Round, uint ProposerId) : IComparable<Ballot>
{
    /// <summary>The ballot below all others.</summary>
    public static readonly Ballot Zero = new(0, 0);

    /// <summary>Round in the high half, proposer id in the low half: comparing these compares ballots.</summary>
    public ulong Packed => ((ulong)Round << 32) | ProposerId;

    /// <summary>Rebuilds a ballot from <see cref="Packed"/>.</summary>
    public static Ballot FromPacked(ulong packed) => new((uint)(packed >> 32), (uint)packed);

    /// <inheritdoc />
    public int CompareTo(Ballot other) => Packed.CompareTo(other.Packed);

    /// <summary>True when <paramref name="left"/> orders before <paramref name="right"/>.</summary>
    public static bool operator <(Ballot left, Ballot right) => left.Packed < right.Packed;

    /// <summary>True when <paramref name="left"/> orders after <paramref name="right"/>.</summary>
    public static bool operator >(Ballot left, Ballot right) => left.Packed > right.Packed;

    /// <summary>True unless <paramref name="left"/> orders after <paramref name="right"/>.</summary>
    public static bool operator <=(Ballot left, Ballot right) => left.Packed <= right.Packed;

    /// <summary>True unless <paramref name="left"/> orders before <paramref name="right"/>.</summary>
    public static bool operator >=(Ballot left, Ballot right) => left.Packed >= right.Packed;

    /// <summary>The larger of two ballots.</summary>
    public static Ballot Max(Ballot a, Ballot b) => a >= b ? a : b;

    /// <inheritdoc />
    public override string ToString() => $"{Round}.{ProposerId}";
}
