namespace Paxos.Core.Hosting;

/// <summary>A client's session folder cannot be used: the message names the folder and the problem.</summary>
public sealed class ClientSessionFileException : Exception
{
    /// <summary>Creates the exception for <paramref name="folder"/>.</summary>
    public ClientSessionFileException(string folder, string problem)
        : base($"{folder}: {problem}")
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public ClientSessionFileException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public ClientSessionFileException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and its cause.</summary>
    public ClientSessionFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
