namespace Paxos.Core.Protocol;

/// <summary>
/// Consecutive submissions of one client session: sequence numbers <see cref="FirstSequence"/> to
/// <see cref="FirstSequence"/> + <see cref="Count"/> − 1. The unit of batches and acknowledgements.
/// </summary>
public readonly record struct SubmissionRange(uint ClientId, ulong Session, ulong FirstSequence, uint Count);
