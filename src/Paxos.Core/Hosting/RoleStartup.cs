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

    /// <summary>Reports an id the role cannot use (e.g. an acceptor id outside 1..acceptor_count) and returns the exit code.</summary>
    public static int RejectId(RoleContext context, string problem)
    {
        ArgumentNullException.ThrowIfNull(context);
        Console.Error.WriteLine($"{context.RoleName}.sh: id {context.Id}: {problem}");
        return UsageExitCode;
    }
}
