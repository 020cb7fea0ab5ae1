using Paxos.Core.Protocol.Messages;

namespace Paxos.Core.Wire;

/// <summary>A decoded datagram: the id of the process that sent it and its message.</summary>
public readonly record struct Frame(int SenderId, Message Message);
