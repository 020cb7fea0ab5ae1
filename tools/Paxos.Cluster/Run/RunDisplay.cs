using System.Diagnostics;
using System.Globalization;

namespace Paxos.Cluster.Run;

/// <summary>
/// What a run shows on standard error while it goes: its messages, and the learners' progress (learned counts,
/// values/s, the scenario's phase). <see cref="Create"/> picks a live Spectre.Console display for a terminal and
/// plain lines, at most one a second, for anything else (tests, CI logs, bench.sh's run.txt).
/// </summary>
public abstract class RunDisplay
{
    /// <summary>The prefix of every message: "run.sh" under the wrapper, else "paxosctl run".</summary>
    protected RunDisplay(string program) => Program = program;

    /// <summary>The message prefix.</summary>
    protected string Program { get; }

    /// <summary>A live display when standard error is a terminal, plain lines otherwise.</summary>
    public static RunDisplay Create(string program) =>
        !Console.IsErrorRedirected && Environment.GetEnvironmentVariable("TERM") is not (null or "dumb")
            ? new LiveRunDisplay(program)
            : new PlainRunDisplay(program);

    /// <summary>Runs the whole scenario inside the display (a live display draws while <paramref name="body"/> runs).</summary>
    public virtual T Show<T>(Func<T> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return body();
    }

    /// <summary>A message line, prefixed with the program's name.</summary>
    public abstract void Message(string text);

    /// <summary>The scenario's current phase (what it waits for).</summary>
    public abstract void Phase(string text);

    /// <summary>The learners' counts; <paramref name="learn2"/> is null while learner 2 has no output yet.</summary>
    public abstract void Progress(long learn1, long? learn2, long total, TimeSpan sinceClientsStarted);

    /// <summary>Ends a progress line in progress, before other output.</summary>
    public virtual void EndProgress()
    {
    }

    /// <summary>"learned c1/total (learn1) c2/total (learn2)  [s s]": the plain progress line, as run.sh printed it.</summary>
    protected static string ProgressLine(long learn1, long? learn2, long total, TimeSpan since) =>
        string.Create(CultureInfo.InvariantCulture, $"learned {learn1}/{total} (learn1) {(learn2 is { } two ? two.ToString(CultureInfo.InvariantCulture) : "-")}/{total} (learn2)  [{since.TotalSeconds:F2} s]");
}

/// <summary>Plain lines on standard error: each message, and the progress at most once a second.</summary>
public sealed class PlainRunDisplay(string program) : RunDisplay(program)
{
    private readonly Stopwatch _sinceLastLine = new();

    public override void Message(string text) => Console.Error.WriteLine($"{Program}: {text}");

    public override void Phase(string text)
    {
        // Plain output has no status area: the messages tell the phases already.
    }

    public override void Progress(long learn1, long? learn2, long total, TimeSpan sinceClientsStarted)
    {
        if (_sinceLastLine.IsRunning && _sinceLastLine.Elapsed < TimeSpan.FromSeconds(1))
        {
            return;
        }

        Console.Error.WriteLine(ProgressLine(learn1, learn2, total, sinceClientsStarted));
        _sinceLastLine.Restart();
    }
}
