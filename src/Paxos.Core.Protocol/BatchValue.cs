namespace Paxos.Core.Protocol;

/// <summary>One submission read from a batch: who submitted it, its place in the session, and its bytes.</summary>
public readonly record struct BatchValue(uint ClientId, ulong Session, ulong Sequence, ReadOnlyMemory<byte> Value);
