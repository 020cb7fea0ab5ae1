namespace Paxos.Core.Protocol;

/// <summary>
/// Where a client's values come from (standard input, or the simulator's list): the node loop hands it to
/// <see cref="IRole.Propose"/>, and the role takes as many values as its window has room for.
/// </summary>
public interface IInputSource
{
    /// <summary>Takes the next value available at <paramref name="now"/> (none while the input is paced or not read yet).</summary>
    bool TryTake(TimeSpan now, out ReadOnlyMemory<byte> value);

    /// <summary>End of input: every value was taken and no more will come.</summary>
    bool Completed { get; }
}
