using System.Globalization;
using Paxos.Core.Hosting.Reports;

namespace Paxos.EndToEnd;

/// <summary>What a client does with a large input.</summary>
public sealed class InputTests
{
    [Fact]
    public void Client_streams_a_large_input_with_bounded_memory()
    {
        using var run = new RunFolder("hugeinput");

        // 32 MiB of 8-byte lines: 4,194,304 values. The input is read only as fast as it is decided
        // (a bounded queue and the client's window), so memory must not follow the input's size.
        CapturedRun result = InNamespace.RunWithBuiltRoles(TimeSpan.FromMinutes(3), "client-huge-input", run.Path, "32");

        Assert.True(result.ExitCode == 0, result.Transcript);
        long[] figures = [.. File.ReadAllText(run.File("result")).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(long.Parse)];
        Assert.Equal(4_194_304, figures[0]);
        Assert.Equal(figures[0], figures[1]);
        Assert.InRange(figures[2], 1, (160 * 1024) - 1);
    }

    /// <summary>
    /// Inside the namespace: <c>&lt;out dir&gt; &lt;MiB&gt;</c>. Starts 3 acceptors, 1 proposer, 1 learner and a client whose
    /// stdin is a file of &lt;MiB&gt; MiB of 8-byte lines ("1234567\n"). Writes to &lt;out dir&gt;/result: the number of input
    /// lines, the lines the learner printed, and the client's peak resident memory in KiB (VmHWM, from its typed stats report).
    /// </summary>
    internal static int ClientHugeInput(string[] arguments)
    {
        string folder = arguments[0];
        long lines = long.Parse(arguments[1], CultureInfo.InvariantCulture) * 1024 * 1024 / 8;
        string config = Path.Combine(folder, "paxos.conf");
        File.Copy(Repository.PathOf("paxos.conf"), config, overwrite: true);
        string stats = Directory.CreateDirectory(Path.Combine(folder, "stats")).FullName;
        RepositoryLayout repository = RepositoryLayout.At(Repository.Root);
        var environment = new Dictionary<string, string>(StringComparer.Ordinal) { ["PAXOS_STATS_DIR"] = stats };
        var started = new List<RoleProcess>();
        try
        {
            foreach (int id in (int[])[1, 2, 3])
            {
                Start(new RoleLaunch("acceptor", id, config, Path.Combine(folder, $"acceptor{id}.log")));
            }

            RoleProcess proposer = Start(new RoleLaunch("proposer", 1, config, Path.Combine(folder, "proposer.log")));
            string learned = Path.Combine(folder, "learned");
            RoleProcess learner = Start(new RoleLaunch("learner", 1, config, Path.Combine(folder, "learner.log")) { OutputFile = learned });
            foreach (RoleProcess process in (RoleProcess[])[learner, proposer])
            {
                if (RoleReadiness.WaitUntilReady(process, stats, TimeSpan.FromSeconds(30)) != ReadyOutcome.Ready)
                {
                    Console.Error.WriteLine($"{process.Name} is not receiving");
                    return 1;
                }
            }

            Thread.Sleep(500);
            string input = Path.Combine(folder, "input");
            WriteLines(input, lines);
            using (RoleProcess client = Start(new RoleLaunch("client", 1, config, Path.Combine(folder, "client.log")) { InputFile = input }))
            {
                client.WaitForExit(Timeout.InfiniteTimeSpan);
            }

            RoleReport? clientStats = RoleReportFile.TryRead(stats, "client", 1, RoleReportKind.Stats);
            long peakKb = (long)(clientStats?.Get("peakRssKb") ?? 0);

            // Let the learner print the last decisions, then stop it and count.
            Thread.Sleep(1000);
            InNamespace.StopEverythingOf(config);
            learner.WaitForExit(TimeSpan.FromSeconds(10));
            File.WriteAllText(Path.Combine(folder, "result"), string.Create(CultureInfo.InvariantCulture, $"{lines} {LineCounter.Count(learned)} {peakKb}\n"));
            return 0;
        }
        finally
        {
            InNamespace.StopEverythingOf(config);
            started.ForEach(process => process.Dispose());
        }

        RoleProcess Start(RoleLaunch launch)
        {
            RoleProcess process = RoleProcess.Start(repository, launch.OutputFile is null ? launch with { OutputFile = "/dev/null" } : launch, environment);
            started.Add(process);
            return process;
        }
    }

    private static void WriteLines(string path, long lines)
    {
        byte[] line = "1234567\n"u8.ToArray();
        using var output = new BufferedStream(File.Create(path), 1 << 20);
        for (long i = 0; i < lines; i++)
        {
            output.Write(line);
        }
    }
}
