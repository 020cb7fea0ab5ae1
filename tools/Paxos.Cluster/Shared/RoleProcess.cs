using System.Diagnostics;

namespace Paxos.Cluster.Shared;

/// <summary>
/// One running role process, started through its role script. The scripts exec the program, so <see cref="Pid"/>
/// is the program's pid too: the one its typed reports carry, and the one a crash kills.
/// </summary>
public sealed class RoleProcess : IDisposable
{
    private readonly Process _process;

    private RoleProcess(RoleLaunch launch, Process process)
    {
        Launch = launch;
        _process = process;
        Pid = process.Id;
        Input = launch.InputPiped ? process.StandardInput.BaseStream : null;
    }

    /// <summary>How it was started (a restart starts it the same way).</summary>
    public RoleLaunch Launch { get; }

    /// <summary>Its name, e.g. <c>learner2</c>.</summary>
    public string Name => Launch.Name;

    /// <summary>Its pid.</summary>
    public int Pid { get; }

    /// <summary>Its standard input, when the launch asked for a pipe.</summary>
    public Stream? Input { get; }

    /// <summary>True once it ended (and was reaped).</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Its exit status once ended, as a shell reports it (128 + the signal for a process a signal killed).</summary>
    public int ExitStatus => _process.ExitCode;

    /// <summary>Starts <paramref name="launch"/> with <paramref name="environment"/> added to this process's environment.</summary>
    public static RoleProcess Start(RepositoryLayout repository, RoleLaunch launch, IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(launch);
        ArgumentNullException.ThrowIfNull(environment);
        var start = new ProcessStartInfo("bash")
        {
            UseShellExecute = false,
            RedirectStandardInput = launch.InputPiped,
        };
        // bash starts the role script with the launch's redirections: the same files a shell launcher would hand it
        // (a learner's stdout is a file, not a pipe through us), and exec keeps the pid. Positional parameters:
        // $1 input file, $2 output file, $3 log, then the command: [ip netns exec <host>] <script> <id> <config>.
        string input = launch.InputPiped ? "" : " <\"$in\"";
        string errors = launch.OutputFile is null ? " 2>&1" : " 2>\"$log\"";
        string script = $"in=$1 out=$2 log=$3; shift 3; exec \"$@\"{input} >\"$out\"{errors}";
        string id = launch.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string[] host = launch.Host is null ? [] : ["ip", "netns", "exec", launch.Host];
        foreach (string argument in (string[])["-c", script, "role-launch", launch.InputFile, launch.OutputFile ?? launch.LogPath, launch.LogPath,
                     .. host, repository.RoleScript(launch.Role), id, launch.ConfigPath])
        {
            start.ArgumentList.Add(argument);
        }

        foreach ((string name, string value) in environment)
        {
            start.Environment[name] = value;
        }

        Process process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {launch.Name}");
        return new RoleProcess(launch, process);
    }

    /// <summary>Sends <paramref name="signal"/> (see <see cref="Signals"/>) unless it already ended.</summary>
    public void Signal(int signal)
    {
        if (!HasExited)
        {
            Signals.Send(Pid, signal);
        }
    }

    /// <summary>A crash: SIGKILL (no shutdown code runs), then waits until it is gone.</summary>
    public void Crash()
    {
        Signal(Signals.Kill);
        _process.WaitForExit();
    }

    /// <summary>Waits up to <paramref name="limit"/> for it to end; true when it did.</summary>
    public bool WaitForExit(TimeSpan limit) => _process.WaitForExit(limit);

    /// <summary>Closes its input pipe, if any (the client sees the end of its input).</summary>
    public void CloseInput()
    {
        try
        {
            Input?.Dispose();
        }
        catch (IOException)
        {
            // The reader is gone: nothing to tell it.
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        CloseInput();
        _process.Dispose();
    }
}
