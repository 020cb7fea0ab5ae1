namespace Paxos.Core.Protocol.Messages;

/// <summary>The kind of a frame, one byte on the wire. Values are part of the protocol: never renumber.</summary>
public enum MessageType : byte
{
    /// <summary>Client → proposers: values to order.</summary>
    ClientRequest = 1,

    /// <summary>Proposer → clients: these submissions are decided.</summary>
    ClientAck = 2,

    /// <summary>Proposer → acceptors, phase 1a.</summary>
    Prepare = 3,

    /// <summary>Acceptor → proposers, phase 1b.</summary>
    Promise = 4,

    /// <summary>Proposer → acceptors, phase 2a.</summary>
    Accept = 5,

    /// <summary>Acceptor → proposers, phase 2b.</summary>
    Accepted = 6,

    /// <summary>Acceptor → proposers: a Prepare or Accept was rejected because of a higher promise.</summary>
    Nack = 7,

    /// <summary>Proposer → learners and proposers: an instance is decided.</summary>
    Decision = 8,

    /// <summary>Learner or proposer → proposers: please resend decided instances from here.</summary>
    CatchUpRequest = 9,

    /// <summary>Proposer → proposers: liveness and progress, for the leader election.</summary>
    Heartbeat = 10,

    /// <summary>Proposer → clients: the leader holds these submissions (queued or being decided); not yet decided.</summary>
    ClientReceipt = 11,
}
