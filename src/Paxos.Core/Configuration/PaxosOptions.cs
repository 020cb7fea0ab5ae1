using System.Net;
using Paxos.Core.Protocol;

namespace Paxos.Core.Configuration;

/// <summary>
/// The validated settings of a cluster, as loaded from <c>paxos.conf</c> and environment overrides by
/// <see cref="PaxosConfiguration.Load(string)"/>.
/// </summary>
public sealed record PaxosOptions
{
    /// <summary>The group clients listen on.</summary>
    public required GroupEndpoint Clients { get; init; }

    /// <summary>The group proposers listen on.</summary>
    public required GroupEndpoint Proposers { get; init; }

    /// <summary>The group acceptors listen on.</summary>
    public required GroupEndpoint Acceptors { get; init; }

    /// <summary>The group learners listen on.</summary>
    public required GroupEndpoint Learners { get; init; }

    /// <summary>How many acceptors the cluster has (1..64); the quorum is a majority of them.</summary>
    public int AcceptorCount { get; init; } = 3;

    /// <summary>
    /// A strict majority of <see cref="AcceptorCount"/>: any two quorums intersect in at least one
    /// acceptor, which is what makes a chosen value stay chosen.
    /// </summary>
    public int QuorumSize => AcceptorCount / 2 + 1;

    /// <summary>The multicast TTL (0..255); 1 keeps frames on the local network.</summary>
    public int Ttl { get; init; } = 1;

    /// <summary>
    /// The IPv4 address of the interface to send on and join groups on. <see cref="LoopbackInterface"/> by
    /// default, so a cluster on one machine works on any host and nothing it sends leaves the machine;
    /// a multi-host cluster names a real interface's address. Null (<c>interface auto</c>) lets the
    /// system choose by its routes.
    /// </summary>
    public IPAddress? Interface { get; init; } = LoopbackInterface;

    /// <summary>The default <see cref="Interface"/>: 127.0.0.1, the loopback interface.</summary>
    public static IPAddress LoopbackInterface => IPAddress.Loopback;

    /// <summary>
    /// The <c>timeout</c> line, kept only so files written for other implementations of the interface
    /// load unchanged; nothing in this implementation uses it.
    /// </summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>
    /// Tags every frame so that processes of another cluster sharing a group are ignored. Unless set
    /// explicitly, <see cref="ClusterIdentity.Derive"/> of the four groups. Note that <c>with</c>
    /// expressions that change a group do not recompute it.
    /// </summary>
    public uint ClusterId { get; init; }

    /// <summary>The absolute path of the <c>key_file</c>, when frames are authenticated.</summary>
    public string? KeyFile { get; init; }

    /// <summary>
    /// The shared key from <see cref="KeyFile"/>: with one, every frame carries an HMAC-SHA256 tag and
    /// frames without a valid tag are dropped. Null (the default) means frames are not authenticated.
    /// </summary>
#pragma warning disable CA1819 // The key is handed to HMAC as it is; a copy per use would be pointless.
    public byte[]? AuthenticationKey { get; init; }
#pragma warning restore CA1819

    /// <summary>
    /// The absolute path of the <c>data_dir</c> folder: with one, acceptors and proposers keep their state
    /// on disk under <see cref="RoleDataDirectory"/> and resume from it after a restart (crash-recovery).
    /// Null (the default): everything stays in memory (crash-stop), as the course's harness expects.
    /// </summary>
    public string? DataDir { get; init; }

    /// <summary>The folder of one role and id under <see cref="DataDir"/> (<c>acceptor2</c>), or null without one.</summary>
    public string? RoleDataDirectory(string role, int id) =>
        DataDir is null ? null : Path.Combine(DataDir, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{role}{id}"));

    /// <summary>The course's reference groups (239.0.0.1, ports 5000/6000/7000/8000) with every other setting at its default.</summary>
    public static PaxosOptions CourseDefaults { get; } = CreateCourseDefaults();

    /// <summary>The endpoint of <paramref name="group"/>.</summary>
    public GroupEndpoint GroupOf(RoleGroup group) => group switch
    {
        RoleGroup.Clients => Clients,
        RoleGroup.Proposers => Proposers,
        RoleGroup.Acceptors => Acceptors,
        RoleGroup.Learners => Learners,
        _ => throw new ArgumentOutOfRangeException(nameof(group), group, "not a role group"),
    };

    private static PaxosOptions CreateCourseDefaults()
    {
        IPAddress address = IPAddress.Parse("239.0.0.1");
        var clients = new GroupEndpoint(address, 5000);
        var proposers = new GroupEndpoint(address, 6000);
        var acceptors = new GroupEndpoint(address, 7000);
        var learners = new GroupEndpoint(address, 8000);
        return new PaxosOptions
        {
            Clients = clients,
            Proposers = proposers,
            Acceptors = acceptors,
            Learners = learners,
            ClusterId = ClusterIdentity.Derive(clients, proposers, acceptors, learners),
        };
    }
}
