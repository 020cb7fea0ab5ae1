using System.Net;
using Paxos.Core.Configuration;
using Paxos.Core.Protocol;

namespace Paxos.Core.Tests.Configuration;

public sealed class PaxosOptionsTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 2)]
    [InlineData(4, 3)]
    [InlineData(5, 3)]
    [InlineData(64, 33)]
    public void Quorum_is_a_strict_majority_of_acceptors(int acceptors, int quorum)
    {
        PaxosOptions options = PaxosOptions.CourseDefaults with { AcceptorCount = acceptors };

        Assert.Equal(quorum, options.QuorumSize);
        Assert.True(2 * options.QuorumSize > acceptors, "two quorums must intersect");
    }

    [Fact]
    public void GroupOf_returns_each_role_group()
    {
        PaxosOptions options = PaxosOptions.CourseDefaults;

        Assert.Equal(5000, options.GroupOf(RoleGroup.Clients).Port);
        Assert.Equal(6000, options.GroupOf(RoleGroup.Proposers).Port);
        Assert.Equal(7000, options.GroupOf(RoleGroup.Acceptors).Port);
        Assert.Equal(8000, options.GroupOf(RoleGroup.Learners).Port);
        Assert.Throws<ArgumentOutOfRangeException>(() => options.GroupOf((RoleGroup)42));
    }

    [Fact]
    public void Course_defaults_use_the_course_groups_and_default_settings()
    {
        PaxosOptions options = PaxosOptions.CourseDefaults;

        Assert.Equal("239.0.0.1:5000", options.Clients.ToString());
        Assert.Equal("239.0.0.1:8000", options.Learners.ToString());
        Assert.Equal(3, options.AcceptorCount);
        Assert.Equal(1, options.Ttl);
        Assert.Equal(System.Net.IPAddress.Loopback, options.Interface);
        Assert.Null(options.Timeout);
        Assert.Same(PaxosOptions.CourseDefaults, options);
    }

    [Fact]
    public void Group_endpoints_compare_by_value()
    {
        var first = new GroupEndpoint(IPAddress.Parse("239.0.0.1"), 7000);
        var second = new GroupEndpoint(IPAddress.Parse("239.0.0.1"), 7000);

        Assert.Equal(first, second);
        Assert.NotEqual(first, second with { Port = 7001 });
    }
}
