using Microsoft.Extensions.Configuration;

namespace Paxos.Core.Configuration;

/// <summary>
/// Loads the cluster configuration: the <c>paxos.conf</c> file, overridden by <c>PAXOS_</c>
/// environment variables (e.g. <c>PAXOS_ACCEPTOR_COUNT=5</c>, <c>PAXOS_ACCEPTORS__PORT=7001</c>),
/// validated into <see cref="PaxosOptions"/>. The variables that tune one process rather than the cluster
/// (such as <c>PAXOS_LOG_LEVEL</c>) are bound into <see cref="ProcessOptions"/> by <see cref="LoadProcessOptions"/>.
/// </summary>
public static class PaxosConfiguration
{
    /// <summary>Loads and validates the file at <paramref name="path"/> with the process's environment variables.</summary>
    /// <exception cref="ConfigurationFileException">The file or an override is missing or invalid.</exception>
    public static PaxosOptions Load(string path)
    {
        // The standard environment provider supplies the values; the snapshot only names the variable
        // behind a bad one.
        IReadOnlyDictionary<string, string?> environment = EnvironmentOverrides.SnapshotProcessEnvironment();
        return Load(path, environment, builder => builder.AddEnvironmentVariables(EnvironmentOverrides.Prefix));
    }

    /// <summary>
    /// Loads and validates the file at <paramref name="path"/> with <paramref name="environment"/>
    /// (variable name → value) in place of the process's environment, so tests need not change it.
    /// </summary>
    /// <exception cref="ConfigurationFileException">The file or an override is missing or invalid.</exception>
    public static PaxosOptions Load(string path, IReadOnlyDictionary<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return Load(path, environment, builder => builder.AddInMemoryCollection(EnvironmentOverrides.ToConfigurationEntries(environment)));
    }

    /// <summary>
    /// The process's own <c>PAXOS_</c> settings (<see cref="ProcessOptions"/>) from the process's environment:
    /// with <see cref="Load(string)"/>, the only reader of the environment.
    /// </summary>
    public static ProcessOptions LoadProcessOptions() => ProcessOptions.Bind(EnvironmentOverrides.SnapshotProcessEnvironment());

    private static PaxosOptions Load(string path, IReadOnlyDictionary<string, string?> environment, Action<IConfigurationBuilder> addOverrides)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var builder = new ConfigurationBuilder();
        builder.Add(new PaxosConfSource(path));
        addOverrides(builder);

        // Build() loads the file; a PaxosConfProvider failure surfaces here as ConfigurationFileException.
        IConfigurationRoot configuration = builder.Build();
        PaxosConfProvider file = configuration.Providers.OfType<PaxosConfProvider>().Single();
        return new PaxosOptionsBinder(configuration, file, environment).Bind();
    }
}
