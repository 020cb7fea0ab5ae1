using Paxos.Core.Configuration;
using Paxos.Core.Hosting;
using Paxos.Core.Protocol;
using Paxos.Core.Protocol.Messages;
using Paxos.Core.Wire;

namespace Paxos.Attacker;

/// <summary>
/// <c>transport-check &lt;config&gt;</c>: the receive path with real sockets. For each size of
/// <see cref="HostileSizes"/>, sends a datagram of that size to the acceptors' group and then a valid
/// frame, and checks that <see cref="MulticastTransport"/> hands over the hostile datagram whole (or
/// reports it truncated, with a small buffer) and then the valid frame. Once with a buffer larger than
/// any datagram, once with a 1,500-byte one. Prints one line per case; exit 0 when all passed, else 1.
/// </summary>
internal static class TransportCheck
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(2);

    public static int Run(string[] args)
    {
        if (args.Length != 1)
        {
            return Usage.Fail("transport-check <config>");
        }

        PaxosOptions options = PaxosConfiguration.Load(args[0]);
        using var receiver = new MulticastTransport(options, RoleGroup.Acceptors);
        using var sender = new MulticastTransport(options, RoleGroup.Clients);
        byte[] valid = new byte[FrameHeader.MaxDatagramBytes];
        int validLength = FrameCodec.Encode(new Heartbeat(new Ballot(1, 1), 0), options.ClusterId, 1, valid, null);
        var hostile = new byte[HostileSizes.All.Max()];
        new Random(1).NextBytes(hostile);

        int failures = 0;
        foreach (int bufferSize in (int[])[1 << 16, 1_500])
        {
            var buffer = new byte[bufferSize];
            foreach (int size in HostileSizes.All)
            {
                sender.TrySend(RoleGroup.Acceptors, hostile.AsSpan(0, size), out _);
                sender.TrySend(RoleGroup.Acceptors, valid.AsSpan(0, validLength), out _);
                bool truncates = size > bufferSize;
                string? problem = Expect(receiver, buffer, truncates ? ReceiveOutcome.Truncated : ReceiveOutcome.Datagram, truncates ? null : size)
                    ?? Expect(receiver, buffer, ReceiveOutcome.Datagram, validLength);
                if (problem is null && !FrameCodec.TryDecode(buffer.AsSpan(0, validLength), options.ClusterId, null, out _, out DropReason reason))
                {
                    problem = $"the valid frame after it did not decode ({reason})";
                }

                failures += problem is null ? 0 : 1;
                Console.WriteLine($"buffer {bufferSize,6}, datagram {size,6} bytes: {problem ?? "ok"}");
            }
        }

        Console.WriteLine(failures == 0 ? "transport-check: all passed" : $"transport-check: {failures} FAILED");
        return failures == 0 ? 0 : 1;
    }

    /// <summary>Receives the next datagram (waiting up to <see cref="Patience"/>); null when it is as expected, else what went wrong.</summary>
    private static string? Expect(MulticastTransport receiver, byte[] buffer, ReceiveOutcome expected, int? expectedLength)
    {
        DateTime giveUp = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < giveUp)
        {
            if (!receiver.WaitForData(TimeSpan.FromMilliseconds(100)))
            {
                continue;
            }

            ReceiveOutcome outcome = receiver.Receive(buffer, out int length, out var error);
            if (outcome == ReceiveOutcome.NothingWaiting)
            {
                // poll said readable but nothing could be taken: exactly the wedge this check is for.
                return "the socket is readable but the receive took nothing (a datagram stuck at the head of the queue)";
            }

            if (outcome != expected)
            {
                return $"received {outcome} ({error}, {length} bytes), expected {expected}";
            }

            return expectedLength is { } wanted && wanted != length ? $"received {length} bytes, expected {wanted}" : null;
        }

        return $"nothing received within {Patience.TotalSeconds} s, expected {expected}";
    }
}
