using System.Globalization;
using Spectre.Console;

namespace Paxos.Cluster.Run;

/// <summary>A live Spectre.Console display on standard error: one bar per learner with values/s, and the scenario's phase.</summary>
public sealed class LiveRunDisplay(string program) : RunDisplay(program)
{
    private readonly IAnsiConsole _console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
    private ProgressContext? _context;
    private ProgressTask? _phase;
    private ProgressTask? _learn1;
    private ProgressTask? _learn2;

    public override T Show<T>(Func<T> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        T result = default!;
        _console.Progress()
            .AutoClear(true)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(context =>
            {
                _context = context;
                _phase = context.AddTask("starting the cluster", maxValue: 1);
                _phase.IsIndeterminate = true;
                try
                {
                    result = body();
                }
                finally
                {
                    _context = null;
                }
            });
        return result;
    }

    public override void Message(string text) => _console.MarkupLineInterpolated($"[grey]{Program}:[/] {text}");

    public override void Phase(string text)
    {
        if (_phase is not null)
        {
            _phase.Description = Markup.Escape(text);
        }
    }

    public override void Progress(long learn1, long? learn2, long total, TimeSpan sinceClientsStarted)
    {
        if (_context is null)
        {
            return;
        }

        double seconds = Math.Max(sinceClientsStarted.TotalSeconds, 1e-3);
        _learn1 ??= _context.AddTask("learn1", maxValue: Math.Max(total, 1));
        Update(_learn1, "learn1", learn1, total, seconds);
        if (learn2 is { } two)
        {
            _learn2 ??= _context.AddTask("learn2", maxValue: Math.Max(total, 1));
            Update(_learn2, "learn2", two, total, seconds);
        }
    }

    private static void Update(ProgressTask task, string name, long learned, long total, double seconds)
    {
        task.Value = Math.Min(learned, Math.Max(total, 1));
        task.Description = string.Create(CultureInfo.InvariantCulture, $"{name} {learned:N0}/{total:N0}  {learned / seconds:N0} values/s");
    }
}
