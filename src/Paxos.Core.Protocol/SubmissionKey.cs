namespace Paxos.Core.Protocol;

/// <summary>Identifies one submission: client id, the client process's session nonce, and the sequence number in it.</summary>
public readonly record struct SubmissionKey(uint ClientId, ulong Session, ulong Sequence);
