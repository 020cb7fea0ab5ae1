namespace Paxos.Cluster.Run.Scenarios;

/// <summary>
/// A scenario whose clients get their input in parts through a pipe (<see cref="ClientFeeder"/>): part 0 at once, each
/// next part released just before a fault, so that values are in flight when it strikes (kills, restarts, a power cut).
/// </summary>
public abstract class FedClientsScenario : RunScenario
{
    private readonly List<ClientFeeder> _feeders = [];

    /// <summary>Starts both clients fed in the parts <see cref="PartStarts"/> gives, and waits until they are receiving.</summary>
    public override void StartClients(RunSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        foreach ((int id, long values) in (ReadOnlySpan<(int, long)>)[(1, session.PerClient1), (2, session.PerClient2)])
        {
            _feeders.Add(session.StartFedClient(id, PartStarts(session, values)));
        }

        session.Processes.WaitUntilReady("client1", "client2");
    }

    /// <summary>Where each part after the first starts, in lines of a client's <paramref name="values"/>.</summary>
    protected abstract IReadOnlyList<long> PartStarts(RunSession session, long values);

    /// <summary>Lets part <paramref name="part"/> go in to both clients.</summary>
    protected void Release(int part) => _feeders.ForEach(feeder => feeder.Release(part));

    /// <summary>Releases part <paramref name="part"/> and gives the clients 50 ms to read it: a fault right after lands with it in flight.</summary>
    protected void ReleaseInFlight(RunSession session, int part)
    {
        ArgumentNullException.ThrowIfNull(session);
        Release(part);
        session.Sleep(TimeSpan.FromMilliseconds(50));
    }
}
