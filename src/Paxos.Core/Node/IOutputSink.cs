namespace Paxos.Core.Node;

/// <summary>
/// Where a learner's values go (standard output, or the simulator's checker): one line each, in order.
/// <see cref="Flush"/> comes whenever the loop has handled what was waiting, so nothing delivered stays
/// buffered while the process waits.
/// </summary>
public interface IOutputSink
{
    /// <summary>Set once the output failed for good (a closed pipe): the node stops.</summary>
    bool Failed { get; }

    /// <summary>Outputs one value.</summary>
    void Write(ReadOnlySpan<byte> value);

    /// <summary>Makes the values written so far visible.</summary>
    void Flush();
}
