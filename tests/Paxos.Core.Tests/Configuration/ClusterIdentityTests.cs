using System.Net;
using System.Text;
using Paxos.Core.Configuration;

namespace Paxos.Core.Tests.Configuration;

public sealed class ClusterIdentityTests
{
    [Theory]
    [InlineData("", 0x811c9dc5u)]
    [InlineData("a", 0xe40c292cu)]
    [InlineData("foobar", 0xbf9cf968u)]
    public void Fnv1a32_matches_the_published_test_vectors(string text, uint expected) =>
        Assert.Equal(expected, ClusterIdentity.Fnv1a32(Encoding.ASCII.GetBytes(text)));

    [Fact]
    public void Canonical_text_lists_the_groups_in_fixed_order()
    {
        PaxosOptions course = PaxosOptions.CourseDefaults;

        string text = ClusterIdentity.CanonicalText(course.Clients, course.Proposers, course.Acceptors, course.Learners);

        Assert.Equal(
            "clients 239.0.0.1 5000\nproposers 239.0.0.1 6000\nacceptors 239.0.0.1 7000\nlearners 239.0.0.1 8000\n",
            text);
    }

    [Fact]
    public void Derived_cluster_id_is_the_hash_of_the_canonical_text()
    {
        PaxosOptions course = PaxosOptions.CourseDefaults;
        byte[] canonical = Encoding.UTF8.GetBytes(
            "clients 239.0.0.1 5000\nproposers 239.0.0.1 6000\nacceptors 239.0.0.1 7000\nlearners 239.0.0.1 8000\n");

        Assert.Equal(ClusterIdentity.Fnv1a32(canonical), course.ClusterId);
    }

    [Fact]
    public void Derived_cluster_id_is_stable_across_loads_and_spellings()
    {
        using var plain = TempConfFile.Course();
        using var spelled = new TempConfFile("""
            # same groups, other layout
            LEARNERS	239.0.0.1	8000
            acceptors 239.0.0.1 7000   # comment
            Proposers 239.0.0.1 6000
            clients 239.0.0.1 5000
            ttl 5
            """);

        uint first = PaxosConfiguration.Load(plain.Path, NoEnvironment.Empty).ClusterId;
        uint second = PaxosConfiguration.Load(plain.Path, NoEnvironment.Empty).ClusterId;
        uint third = PaxosConfiguration.Load(spelled.Path, NoEnvironment.Empty).ClusterId;

        Assert.Equal(first, second);
        Assert.Equal(first, third);
        Assert.Equal(PaxosOptions.CourseDefaults.ClusterId, first);
    }

    [Fact]
    public void Derived_cluster_id_differs_for_different_ports()
    {
        using var course = TempConfFile.Course();
        using var otherPort = new TempConfFile(TempConfFile.CourseText.Replace("7000", "7001", StringComparison.Ordinal));
        using var swapped = new TempConfFile(TempConfFile.CourseText
            .Replace("5000", "X", StringComparison.Ordinal)
            .Replace("6000", "5000", StringComparison.Ordinal)
            .Replace("X", "6000", StringComparison.Ordinal));

        uint courseId = PaxosConfiguration.Load(course.Path, NoEnvironment.Empty).ClusterId;
        uint otherPortId = PaxosConfiguration.Load(otherPort.Path, NoEnvironment.Empty).ClusterId;
        uint swappedId = PaxosConfiguration.Load(swapped.Path, NoEnvironment.Empty).ClusterId;

        Assert.NotEqual(courseId, otherPortId);
        Assert.NotEqual(courseId, swappedId);
    }

    [Fact]
    public void Derived_cluster_id_differs_for_different_addresses()
    {
        PaxosOptions course = PaxosOptions.CourseDefaults;
        var otherGroup = new GroupEndpoint(IPAddress.Parse("239.0.0.2"), 8000);

        uint other = ClusterIdentity.Derive(course.Clients, course.Proposers, course.Acceptors, otherGroup);

        Assert.NotEqual(course.ClusterId, other);
    }

    [Fact]
    public void Cluster_id_line_overrides_the_derived_one()
    {
        using var file = new TempConfFile(TempConfFile.CourseText + "\ncluster_id 0\n");

        PaxosOptions options = PaxosConfiguration.Load(file.Path, NoEnvironment.Empty);

        Assert.Equal(0u, options.ClusterId);
        Assert.NotEqual(0u, PaxosOptions.CourseDefaults.ClusterId);
    }
}
