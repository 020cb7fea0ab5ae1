namespace Paxos.Simulation;

/// <summary>
/// Crash-recovery mode: how the simulated acceptors and proposers keep their state. Every turn of such a
/// process (the messages it handles, or a tick) that wrote to its store ends with a commit that takes a
/// simulated sync delay; the process is blocked meanwhile (what arrives waits for the next turn), and what it
/// sent during the turn leaves only when the sync returns, as the real RoleHost does. A crash loses the
/// writes not yet synced and the messages held with them. The flaws are broken variants the checker must catch.
/// </summary>
public sealed record StorageModel
{
    /// <summary>The shortest simulated sync.</summary>
    public TimeSpan MinCommitDelay { get; init; } = TimeSpan.FromMilliseconds(0.05);

    /// <summary>The longest simulated sync (delays are uniform in between).</summary>
    public TimeSpan MaxCommitDelay { get; init; } = TimeSpan.FromMilliseconds(2);

    /// <summary>Broken: an acceptor sends its answers at once and syncs afterwards (a crash in between loses what it answered).</summary>
    public bool AcceptorAnswersBeforeDurable { get; init; }

    /// <summary>Broken: a restarted acceptor reloads its accepted values but not its promise.</summary>
    public bool AcceptorForgetsPromise { get; init; }

    /// <summary>Broken: a restarted proposer reloads its decisions but not its round floor, and draws the randomness (hence the ballot nonce) of its first life again.</summary>
    public bool ProposerForgetsRoundFloor { get; init; }
}
