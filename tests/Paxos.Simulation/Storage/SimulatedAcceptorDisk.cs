using Paxos.Core.Protocol;
using Paxos.Core.Protocol.Acceptors;

namespace Paxos.Simulation.Storage;

/// <summary>
/// What an acceptor's data folder holds across its crashes: the promise and the accepted values of every
/// completed commit, and nothing else. <see cref="Open"/> is a process starting over the folder.
/// </summary>
public sealed class SimulatedAcceptorDisk
{
    private readonly AcceptedLog _durable = new();

    /// <summary>The promise on the disk.</summary>
    public Ballot Promised => _durable.Promised;

    /// <summary>One past the highest instance with an accepted value on the disk.</summary>
    public long AcceptedEnd => _durable.AcceptedEnd;

    /// <summary>What the disk holds for <paramref name="instance"/>, if anything.</summary>
    public bool TryGet(long instance, out Ballot ballot, out Batch batch) => _durable.TryGet(instance, out ballot, out batch);

    /// <summary>
    /// A store over this disk for a new acceptor process, loaded with what the disk holds.
    /// <paramref name="forgetPromise"/> is the broken variant that reloads the accepted values but not the
    /// promise (it starts from <see cref="Ballot.Zero"/>).
    /// </summary>
    public SimulatedAcceptorStore Open(bool forgetPromise = false)
    {
        var memory = new AcceptedLog();
        if (!forgetPromise)
        {
            memory.SetPromised(_durable.Promised);
        }

        foreach ((long instance, Ballot ballot, Batch batch) in _durable.From(0))
        {
            memory.Set(instance, ballot, batch);
        }

        return new SimulatedAcceptorStore(this, memory);
    }

    internal void Write(Ballot promised, IEnumerable<(long Instance, Ballot Ballot, Batch Batch)> accepted)
    {
        _durable.SetPromised(promised);
        foreach ((long instance, Ballot ballot, Batch batch) in accepted)
        {
            _durable.Set(instance, ballot, batch);
        }
    }
}
