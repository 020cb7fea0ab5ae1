using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Paxos.Core.Configuration;
using Paxos.Core.Hosting;
using Paxos.Core.Protocol;
using Paxos.Core.Protocol.Messages;
using Paxos.Core.Wire;

namespace Paxos.Attacker;

/// <summary>
/// <c>forge &lt;config&gt; &lt;seconds&gt; [--wrong-key]</c>: forges frames for the cluster of the config (its
/// groups and cluster id) without its key, about 2,000 a second: Decisions and Accepts of values no client
/// submitted, Accepted votes, client requests, acknowledgements, Nacks with huge ballots and Heartbeats of
/// a proposer 0 that would win the election. Against a cluster without authentication this corrupts the
/// learners' output or stops progress; with a key configured, every such frame must be dropped.
/// --wrong-key tags the frames with a random key instead of sending them untagged.
/// </summary>
internal static class ForgedFrames
{
    public static int Run(string[] args)
    {
        if (args.Length is < 2 or > 3 || !int.TryParse(args[1], out int seconds) || (args.Length == 3 && args[2] != "--wrong-key"))
        {
            return Usage.Fail("forge <config> <seconds> [--wrong-key]");
        }

        PaxosOptions options = PaxosConfiguration.Load(args[0]) with { AuthenticationKey = null };
        FrameAuthenticator? wrongKey = args.Length == 3 ? new FrameAuthenticator(RandomNumberGenerator.GetBytes(32)) : null;
        using var transport = new MulticastTransport(options, RoleGroup.Clients);
        var buffer = new byte[FrameHeader.MaxDatagramBytes];
        long sent = 0;

        void Send(RoleGroup group, Message message, int sender)
        {
            int length = FrameCodec.Encode(message, options.ClusterId, sender, buffer, wrongKey);
            if (transport.TrySend(group, buffer.AsSpan(0, length), out _))
            {
                sent++;
            }
        }

        var clock = Stopwatch.StartNew();
        var huge = new Ballot(uint.MaxValue - 1, 99);
        for (long round = 0; clock.Elapsed < TimeSpan.FromSeconds(seconds); round++)
        {
            long instance = round % 300;
            Send(RoleGroup.Learners, new Decision(instance, instance + 1, Forged("decision", instance)), 1);
            Send(RoleGroup.Proposers, new Decision(instance, instance + 1, Forged("decision", instance)), 2);
            Send(RoleGroup.Acceptors, new Accept(huge, instance, Forged("accept", instance)), 1);
            Send(RoleGroup.Proposers, new Accepted(new Ballot((uint)(round % 20), 1), instance, unchecked((uint)round * 2_654_435_761u)), 1 + (int)(round % 3));
            Send(RoleGroup.Proposers, new ClientRequest(Forged("client", round)), 1);
            Send(RoleGroup.Proposers, new Nack(new Ballot((uint)(round % 20), (uint)(1 + (round % 2))), huge, instance), 1);
            Send(RoleGroup.Proposers, new Heartbeat(huge, 1_000_000), 0);
            Send(RoleGroup.Clients, new ClientAck([new SubmissionRange(1, (ulong)round, 0, 1_000)]), 1);
            Thread.Sleep(TimeSpan.FromMilliseconds(4));
        }

        Console.Error.WriteLine($"attacker: sent {sent} forged frames in {seconds} s");
        return 0;
    }

    private static Batch Forged(string what, long instance)
    {
        var builder = new BatchBuilder();
        builder.TryAdd(999, 0xBAD, (ulong)instance, Encoding.ASCII.GetBytes($"FORGED-{what}-{instance}"));
        return builder.Build();
    }
}
