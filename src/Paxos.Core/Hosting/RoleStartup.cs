using Paxos.Core.Configuration;
using Paxos.Core.Protocol;

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

        context = new RoleContext(roleName, id, configPath, options, ProtocolSettings.Processes, RoleLogging.Create(roleName, id));
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
            return host.Run(stop);
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
