using System.CommandLine;
using Paxos.Cluster.Shared;

namespace Paxos.Cluster.Check;

/// <summary>
/// <c>paxosctl check &lt;out dir&gt; [scenario options]</c>: re-checks a finished run folder as a run ends: check_all.sh's
/// three checks, then the scenario's own (everything learned, the same order, each submission exactly once after
/// crashes, the outputs before a power cut prefixes of the new ones, nothing learned after a stall). Exit 0/1, 2 on bad usage.
/// </summary>
public static class CheckCommand
{
    public static Command Create()
    {
        var folder = new Argument<string>("out dir") { Description = "A run's output folder (prop1 prop2 learn1 learn2, at-kill.txt, learn*.before-cut)." };
        var acceptors = new Option<int>("--acceptors") { Description = "Acceptors the run started (1..3).", DefaultValueFactory = _ => 3 };
        var killed = new Option<int>("--kill-acceptors") { Description = "Acceptors the run killed mid-run." };
        var restartAcceptors = new Option<bool>("--restart-acceptors") { Description = "A rolling-restart run: each submission exactly once." };
        var restartProposer = new Option<bool>("--restart-proposer") { Description = "A leader-restart run: each submission exactly once." };
        var powerCut = new Option<bool>("--power-cut") { Description = "A power-cut run: each submission exactly once, learn*.before-cut prefixes of learn*." };
        var command = new Command("check", "Re-checks a finished run folder: the course's three checks (./check_all.sh) and the scenario's own. Exit 0 when the folder shows the expected outcome, 1 when not.");
        command.Arguments.Add(folder);
        foreach (Option option in (Option[])[acceptors, killed, restartAcceptors, restartProposer, powerCut])
        {
            command.Options.Add(option);
        }

        command.SetAction(parseResult =>
        {
            string path = Path.GetFullPath(parseResult.GetValue(folder)!);
            int started = parseResult.GetValue(acceptors);
            int kills = parseResult.GetValue(killed);
            if (started is < 1 or > 3 || kills < 0 || kills > started)
            {
                Console.Error.WriteLine("paxosctl check: --acceptors must be 1, 2 or 3 and --kill-acceptors at most that");
                return 2;
            }

            bool restarts = parseResult.GetValue(restartAcceptors) || parseResult.GetValue(restartProposer);
            bool cut = parseResult.GetValue(powerCut);
            var expectation = new ScenarioExpectation(ScenarioExpectation.For(started, kills), ExactlyOnce: restarts || cut, PowerCut: cut);
            return Check(RepositoryLayout.Find(), path, expectation);
        });
        return command;
    }

    /// <summary>Checks <paramref name="folder"/> against <paramref name="expectation"/>, printing as a run's end does; returns 0, 1 or 2 (files missing).</summary>
    public static int Check(RepositoryLayout repository, string folder, ScenarioExpectation expectation)
    {
        ArgumentNullException.ThrowIfNull(expectation);
        int checkAll = CourseChecks.Run(repository, folder);
        if (checkAll == 2)
        {
            return 2; // check_all.sh said which files are missing
        }

        Console.WriteLine();
        IReadOnlyList<string> failures = RunFolderVerdict.Failures(folder, expectation, new RunFolderVerdict.RunFacts(checkAll, AllLearnedInTime: false, RequireEveryValue: true));
        if (failures.Count == 0)
        {
            Console.WriteLine($"RESULT: OK — as expected: {expectation.Text}.");
            return 0;
        }

        Console.WriteLine($"RESULT: FAILED — expected: {expectation.Text}.");
        foreach (string reason in failures)
        {
            Console.WriteLine($"  - {reason}");
        }

        return 1;
    }
}
