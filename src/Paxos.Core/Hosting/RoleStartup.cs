using Paxos.Core.Configuration;
using Paxos.Core.Protocol;
using Paxos.Core.Storage;

namespace Paxos.Core.Hosting;

/// <summary>
/// The common start of every role executable: parse <c>&lt;id&gt; &lt;config&gt;</c>, load the
/// configuration, create the logger. Bad input ends here with one clear line on stderr and exit code 2.
/// </summary>
public static class RoleStartup
{
    /// <summary>Exit code for bad arguments or configuration.</summary>
    public const int UsageExitCode = 2;

    /// <summary>Exit code when the multicast sockets cannot be set up (no route, no interface, a refused join).</summary>
    public const int NetworkExitCode = 3;

    /// <summary>Returns false, with the exit code to use, when the process cannot start.</summary>
    public static bool TryStart(string roleName, string[] args, out RoleContext context, out int exitCode)
    {
        context = null!;
        string program = $"{roleName}.sh";
        if (!CommandLine.TryParse(args, out int id, out string configPath, out string error))
        {
            Console.Error.WriteLine($"{program}: {error}");
            Console.Error.WriteLine(CommandLine.Usage(program));
            exitCode = UsageExitCode;
            return false;
        }

        PaxosOptions options;
        try
        {
            options = PaxosConfiguration.Load(configPath);
        }
        catch (ConfigurationFileException exception)
        {
            Console.Error.WriteLine($"{program}: {exception.Message}");
            exitCode = UsageExitCode;
            return false;
        }

        // The process's own PAXOS_ settings are read beside the cluster's, once; nothing below reads the environment.
        ProcessOptions process = PaxosConfiguration.LoadProcessOptions();
        context = new RoleContext(roleName, id, configPath, options, process, ProtocolSettings.Processes, RoleLogging.Create(roleName, id, process));
        exitCode = 0;
        return true;
    }

    /// <summary>
    /// Creates the role's host (which opens its sockets) and runs it until <paramref name="stop"/>; returns
    /// the exit code. A network that cannot carry the cluster's multicast ends here with one line on
    /// stderr saying what failed and what to do, and <see cref="NetworkExitCode"/>.
    /// </summary>
    public static int RunHost(RoleContext context, Func<RoleHost> createHost, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(createHost);
        RoleHost host;
        try
        {
            host = createHost();
        }
        catch (MulticastSetupException exception)
        {
            Console.Error.WriteLine($"{context.RoleName}.sh: {exception.Message}");
            return NetworkExitCode;
        }

        using (host)
        {
            try
            {
                return host.Run(stop);
            }
            catch (StorageException exception)
            {
                // Disk full, an I/O error, a damaged record: the turn was not committed, so nothing that
                // depends on it was sent. Stop rather than answer without the disk.
                Console.Error.WriteLine(exception.Message);
                return StorageException.ExitCode;
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="run"/> (e.g. a role resuming from its store, then its host) and turns a storage
    /// failure outside the host's loop into the same one line and exit code 4.
    /// </summary>
    public static int RunStoring(RoleContext context, Func<int> run)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(run);
        try
        {
            return run();
        }
        catch (StorageException exception)
        {
            Console.Error.WriteLine(exception.Message);
            return StorageException.ExitCode;
        }
    }

    /// <summary>
    /// The memory file an acceptor or proposer without a data folder keeps its history in (outside its heap);
    /// null where the system offers none, and the history then stays in the heap as objects.
    /// </summary>
    public static MemoryFileBatchArchive? OpenHistoryArchive(RoleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        MemoryFileBatchArchive? archive = MemoryFileBatchArchive.TryCreate($"paxos-{context.RoleName}{context.Id}-history");
        if (archive is null)
        {
            context.Log.Debug("no memory file (memfd_create); the history stays in the heap");
        }

        return archive;
    }

    /// <summary>
    /// Opens the role's store in its data folder when <c>data_dir</c> is set (null store otherwise). A folder
    /// that is locked, damaged, foreign or newer ends here: one line on stderr naming it, exit code 4.
    /// </summary>
    public static bool TryOpenStore<TStore>(RoleContext context, Func<string, TStore> open, out TStore? store, out int exitCode)
        where TStore : class
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(open);
        store = null;
        exitCode = 0;
        if (context.Options.RoleDataDirectory(context.RoleName, context.Id) is not { } folder)
        {
            return true;
        }

        try
        {
            store = open(folder);
            context.Log.Information("state kept in {Folder} (crash-recovery)", folder);
            return true;
        }
        catch (StorageException exception)
        {
            Console.Error.WriteLine(exception.Message);
            exitCode = StorageException.ExitCode;
            return false;
        }
    }

    /// <summary>Reports an id the role cannot use (e.g. an acceptor id outside 1..acceptor_count) and returns the exit code.</summary>
    public static int RejectId(RoleContext context, string problem)
    {
        ArgumentNullException.ThrowIfNull(context);
        Console.Error.WriteLine($"{context.RoleName}.sh: id {context.Id}: {problem}");
        return UsageExitCode;
    }
}
