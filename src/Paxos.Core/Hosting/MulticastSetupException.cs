namespace Paxos.Core.Hosting;

/// <summary>
/// The multicast sockets could not be set up (no route to a group, no such interface, a join the kernel
/// refused). Its message is one line for the user: what failed, why, and what to do.
/// </summary>
public sealed class MulticastSetupException : Exception
{
    /// <summary>Creates the exception.</summary>
    public MulticastSetupException()
    {
    }

    /// <summary>Creates the exception with its one-line message.</summary>
    public MulticastSetupException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its one-line message and the socket error behind it.</summary>
    public MulticastSetupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
