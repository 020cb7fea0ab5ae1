using Paxos.Core.Configuration;
using Paxos.Core.Protocol.Clients;

namespace Paxos.Core.Hosting;

/// <summary>
/// Runs a client: feeds input values into the client state machine as its window allows and stops once
/// the input is exhausted and every value is acknowledged as decided. Exits 1 if any line was too long.
/// </summary>
public sealed class ClientHost : RoleHost
{
    private readonly Client _client;
    private readonly InputLineReader _input;

    /// <summary>Creates the host reading values from <paramref name="input"/>.</summary>
    public ClientHost(Client client, RoleContext context, Stream input)
        : base(client, context, RoleGroup.Clients)
    {
        _client = client;
        _input = new InputLineReader(input, context.Log);
    }

    /// <inheritdoc />
    protected override bool Finished => _input.IsCompleted && _client.Outstanding == 0;

    /// <inheritdoc />
    protected override int ExitCode => _input.RejectedLines > 0 ? 1 : 0;

    /// <inheritdoc />
    protected override void BeforeWait(TimeSpan now)
    {
        while (_client.HasRoom && _input.TryTake(out byte[] value))
        {
            _client.Submit(value);
        }

        _client.Flush(now);
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _input.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <inheritdoc />
    protected override void OnStopping()
    {
        Log.Information("{Decided} of {Submitted} values decided ({Resent} resends, {Rejected} lines rejected)",
            _client.Decided, _client.Submitted, _client.Resent, _input.RejectedLines);
    }
}
