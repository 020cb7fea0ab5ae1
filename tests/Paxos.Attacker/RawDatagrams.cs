using System.Diagnostics;
using Paxos.Core.Configuration;
using Paxos.Core.Hosting;
using Paxos.Core.Protocol;

namespace Paxos.Attacker;

/// <summary>
/// <c>raw &lt;config&gt; &lt;seconds&gt; [datagrams per second]</c>: sends datagrams of random bytes in every
/// size of <see cref="HostileSizes"/>, the empty and the largest possible included, to all four groups
/// of the config, for the given time (default about 2,000 a second; 0 means as fast as possible).
/// </summary>
internal static class RawDatagrams
{
    public static int Run(string[] args)
    {
        int rate = 2_000;
        if (args.Length is < 2 or > 3 || !int.TryParse(args[1], out int seconds) || (args.Length == 3 && !int.TryParse(args[2], out rate)) || rate < 0)
        {
            return Usage.Fail("raw <config> <seconds> [datagrams per second]");
        }

        PaxosOptions options = PaxosConfiguration.Load(args[0]);
        using var transport = new MulticastTransport(options, RoleGroup.Clients);
        var random = new Random();
        var payload = new byte[HostileSizes.All.Max()];
        random.NextBytes(payload);
        var clock = Stopwatch.StartNew();
        long sent = 0;
        long failed = 0;
        RoleGroup[] groups = Enum.GetValues<RoleGroup>();
        for (long turn = 0; clock.Elapsed < TimeSpan.FromSeconds(seconds); turn++)
        {
            int size = HostileSizes.All[(int)(turn % HostileSizes.All.Count)];
            RoleGroup group = groups[(int)(turn / HostileSizes.All.Count % groups.Length)];
            if (transport.TrySend(group, payload.AsSpan(random.Next(payload.Length - size + 1), size), out _))
            {
                sent++;
            }
            else
            {
                failed++;
            }

            // Pace by the clock, not by sleeping per datagram: Thread.Sleep rounds up to a millisecond.
            while (rate > 0 && sent + failed > clock.Elapsed.TotalSeconds * rate)
            {
                Thread.Sleep(1);
            }
        }

        Console.Error.WriteLine($"attacker: sent {sent} raw datagrams ({failed} refused by the kernel) in {seconds} s");
        return 0;
    }
}
