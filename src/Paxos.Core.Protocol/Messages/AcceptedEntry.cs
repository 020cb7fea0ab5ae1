
namespace Paxos.Core.Protocol.Messages;

/// <summary>What an acceptor reports in a Promise: it accepted <see cref="Batch"/> in <see cref="Ballot"/> for <see cref="Instance"/>.</summary>
public sealed record AcceptedEntry(long Instance, Ballot Ballot, Batch Batch);
