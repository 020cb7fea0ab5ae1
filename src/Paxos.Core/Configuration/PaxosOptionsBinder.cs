using System.Diagnostics.CodeAnalysis;
using System.Net;
using Microsoft.Extensions.Configuration;
using Paxos.Core.Protocol;

namespace Paxos.Core.Configuration;

/// <summary>
/// Turns the merged configuration (file, then environment overrides) into <see cref="PaxosOptions"/>.
/// The file's values were already checked by <see cref="PaxosConfProvider"/>, but an override may be
/// anything, so every value is parsed again here and a bad one is blamed on whichever source won.
/// </summary>
internal sealed class PaxosOptionsBinder(
    IConfigurationRoot configuration,
    PaxosConfProvider file,
    IReadOnlyDictionary<string, string?> environment)
{
    public PaxosOptions Bind()
    {
        GroupEndpoint clients = BindGroup(RoleGroup.Clients);
        GroupEndpoint proposers = BindGroup(RoleGroup.Proposers);
        GroupEndpoint acceptors = BindGroup(RoleGroup.Acceptors);
        GroupEndpoint learners = BindGroup(RoleGroup.Learners);

        int acceptorCount = 3;
        int ttl = 1;
        IPAddress? networkInterface = PaxosOptions.LoopbackInterface;
        TimeSpan? timeout = null;
        uint clusterId = ClusterIdentity.Derive(clients, proposers, acceptors, learners);

        if (TryGetValue(ConfigurationKeys.AcceptorCount, out string? text))
        {
            acceptorCount = SettingParsers.TryParseAcceptorCount(text, out int value, out string? problem)
                ? value
                : throw ErrorAt(ConfigurationKeys.AcceptorCount, problem);
        }

        if (TryGetValue(ConfigurationKeys.Ttl, out text))
        {
            ttl = SettingParsers.TryParseTtl(text, out int value, out string? problem)
                ? value
                : throw ErrorAt(ConfigurationKeys.Ttl, problem);
        }

        if (TryGetValue(ConfigurationKeys.Interface, out text))
        {
            networkInterface = SettingParsers.TryParseInterface(text, out IPAddress? value, out string? problem)
                ? value
                : throw ErrorAt(ConfigurationKeys.Interface, problem);
        }

        if (TryGetValue(ConfigurationKeys.Timeout, out text))
        {
            timeout = SettingParsers.TryParseTimeout(text, out TimeSpan value, out string? problem)
                ? value
                : throw ErrorAt(ConfigurationKeys.Timeout, problem);
        }

        if (TryGetValue(ConfigurationKeys.ClusterId, out text))
        {
            clusterId = SettingParsers.TryParseClusterId(text, out uint value, out string? problem)
                ? value
                : throw ErrorAt(ConfigurationKeys.ClusterId, problem);
        }

        byte[]? key = null;
        string? keyFile = null;
        if (TryGetValue(ConfigurationKeys.KeyFile, out text))
        {
            if (!SettingParsers.TryParseKeyFilePath(text, out string? syntaxProblem))
            {
                throw ErrorAt(ConfigurationKeys.KeyFile, syntaxProblem);
            }

            // A relative path is relative to the configuration file, wherever the process runs.
            keyFile = Path.GetFullPath(text, Path.GetDirectoryName(file.FilePath) ?? "/");

            key = AuthenticationKeyFile.TryLoad(keyFile, out byte[]? loaded, out string? problem)
                ? loaded
                : throw ErrorAt(ConfigurationKeys.KeyFile, problem);
        }

        string? dataDir = null;
        if (TryGetValue(ConfigurationKeys.DataDir, out text))
        {
            if (!SettingParsers.TryParseDataDirPath(text, out string? syntaxProblem))
            {
                throw ErrorAt(ConfigurationKeys.DataDir, syntaxProblem);
            }

            // Like key_file: relative to the configuration file, wherever the process runs.
            dataDir = Path.GetFullPath(text, Path.GetDirectoryName(file.FilePath) ?? "/");
            if (File.Exists(dataDir))
            {
                throw ErrorAt(ConfigurationKeys.DataDir, $"data_dir {dataDir} is not a directory");
            }
        }

        return new PaxosOptions
        {
            Clients = clients,
            Proposers = proposers,
            Acceptors = acceptors,
            Learners = learners,
            AcceptorCount = acceptorCount,
            Ttl = ttl,
            Interface = networkInterface,
            Timeout = timeout,
            ClusterId = clusterId,
            KeyFile = keyFile,
            AuthenticationKey = key,
            DataDir = dataDir,
        };
    }

    private GroupEndpoint BindGroup(RoleGroup group)
    {
        string role = ConfigurationKeys.NameOf(group);
        string addressKey = ConfigurationKeys.AddressOf(role);
        string portKey = ConfigurationKeys.PortOf(role);

        // The provider refuses a file without the role line, so these are only missing if that changes.
        if (!TryGetValue(addressKey, out string? addressText) || !TryGetValue(portKey, out string? portText))
        {
            throw new ConfigurationFileException(file.FilePath, null, $"missing required '{role}' line ({role} <multicast address> <port>)");
        }

        IPAddress address = SettingParsers.TryParseMulticastAddress(addressText, out IPAddress? parsed, out string? addressProblem)
            ? parsed
            : throw ErrorAt(addressKey, addressProblem, role);
        int port = SettingParsers.TryParsePort(portText, out int value, out string? portProblem)
            ? value
            : throw ErrorAt(portKey, portProblem, role);
        return new GroupEndpoint(address, port);
    }

    private bool TryGetValue(string key, [NotNullWhen(true)] out string? value)
    {
        value = configuration[key];
        return value is not null;
    }

    /// <summary>
    /// Blames the provider that supplied the effective value: the last one that has the key. A file
    /// line names its <paramref name="role"/>; a variable's name already does.
    /// </summary>
    private ConfigurationFileException ErrorAt(string key, string problem, string? role = null)
    {
        IConfigurationProvider? winner = configuration.Providers.LastOrDefault(provider => provider.TryGet(key, out _));
        if (ReferenceEquals(winner, file))
        {
            string located = role is null ? problem : $"'{role}' {problem}";
            return new ConfigurationFileException(file.FilePath, file.TryGetLine(key, out int line) ? line : null, located);
        }

        return ConfigurationFileException.ForEnvironmentVariable(file.FilePath, EnvironmentOverrides.VariableNameOf(key, environment), problem);
    }
}
