using System.Reflection;
using Paxos.Core.Configuration;
using Paxos.Core.Protocol;
using Paxos.Core.Storage;
using Paxos.Core.Wire;

namespace Paxos.Core.Tests.Layering;

/// <summary>
/// The layers point one way: Protocol (pure) ← Wire, Storage ← Paxos.Core (configuration, hosting). The
/// project references enforce it at build time; these tests say it where a reader looks for the rules.
/// </summary>
public sealed class AssemblyLayerTests
{
    private static string[] PaxosReferencesOf(Assembly assembly) =>
        [.. assembly.GetReferencedAssemblies().Select(name => name.Name!).Where(name => name.StartsWith("Paxos", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

    [Fact]
    public void Protocol_references_no_other_assembly_of_ours()
    {
        Assert.Empty(PaxosReferencesOf(typeof(Ballot).Assembly));
    }

    [Fact]
    public void Protocol_uses_no_socket_file_or_logging_library()
    {
        string[] references = [.. typeof(Ballot).Assembly.GetReferencedAssemblies().Select(name => name.Name!)];

        Assert.DoesNotContain(references, name => name.Contains("Sockets", StringComparison.Ordinal) || name.Contains("Serilog", StringComparison.Ordinal)
            || name.Contains("Lightning", StringComparison.Ordinal) || name.Contains("Console", StringComparison.Ordinal));
    }

    [Fact]
    public void Wire_depends_on_the_protocol_only()
    {
        Assert.Equal(["Paxos.Core.Protocol"], PaxosReferencesOf(typeof(FrameCodec).Assembly));
    }

    [Fact]
    public void Storage_depends_on_the_protocol_only()
    {
        Assert.Equal(["Paxos.Core.Protocol"], PaxosReferencesOf(typeof(LmdbAcceptorStore).Assembly));
    }

    [Fact]
    public void Core_sits_on_top_of_the_three()
    {
        Assert.Equal(["Paxos.Core.Protocol", "Paxos.Core.Storage", "Paxos.Core.Wire"], PaxosReferencesOf(typeof(PaxosOptions).Assembly));
    }
}
