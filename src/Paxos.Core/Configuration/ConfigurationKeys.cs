using Paxos.Core.Protocol;

namespace Paxos.Core.Configuration;

/// <summary>
/// The flat configuration keys the <c>paxos.conf</c> provider sets and the binder reads, and the
/// names of the file's lines. One place, so the file, the environment overrides and the binder
/// cannot drift apart.
/// </summary>
internal static class ConfigurationKeys
{
    public const string AcceptorCount = "acceptor_count";
    public const string Ttl = "ttl";
    public const string Interface = "interface";
    public const string Timeout = "timeout";
    public const string ClusterId = "cluster_id";
    public const string KeyFile = "key_file";
    public const string DataDir = "data_dir";

    /// <summary>The role lines, in the fixed order of the file format and of the derived cluster id.</summary>
    public static IReadOnlyList<(string Name, RoleGroup Group)> Roles { get; } =
    [
        ("clients", RoleGroup.Clients),
        ("proposers", RoleGroup.Proposers),
        ("acceptors", RoleGroup.Acceptors),
        ("learners", RoleGroup.Learners),
    ];

    /// <summary>The optional one-value lines.</summary>
    public static IReadOnlyList<string> Optional { get; } = [AcceptorCount, Ttl, Interface, Timeout, ClusterId, KeyFile, DataDir];

    /// <summary>Every line name, as listed in the "unknown key" error.</summary>
    public static string AllLineNames { get; } =
        string.Join(", ", Roles.Select(role => role.Name).Concat(Optional.Take(Optional.Count - 1))) + " or " + Optional[^1];

    public static string AddressOf(string role) => role + ":address";

    public static string PortOf(string role) => role + ":port";

    public static string NameOf(RoleGroup group) => Roles.First(role => role.Group == group).Name;
}
