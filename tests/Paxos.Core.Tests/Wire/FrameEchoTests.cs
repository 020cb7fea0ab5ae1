using Paxos.Core.Protocol;
using Paxos.Core.Protocol.Messages;
using Paxos.Core.Wire;

namespace Paxos.Core.Tests.Wire;

public sealed class FrameEchoTests
{
    [Fact]
    public void A_proposers_own_decision_and_heartbeat_are_echoes()
    {
        Assert.True(FrameHeader.IsEchoOf(WireSamples.Encode(new Decision(5, 5, WireSamples.MixedBatch()), senderId: 2), 2));
        Assert.True(FrameHeader.IsEchoOf(WireSamples.Encode(new Heartbeat(new Ballot(1, 2), 3), senderId: 2), 2));
    }

    [Fact]
    public void Another_proposers_decision_is_not_an_echo() =>
        Assert.False(FrameHeader.IsEchoOf(WireSamples.Encode(new Decision(5, 5, WireSamples.MixedBatch()), senderId: 1), 2));

    [Fact]
    public void A_client_request_from_a_client_with_the_proposers_id_is_not_an_echo() =>
        Assert.False(FrameHeader.IsEchoOf(WireSamples.Encode(new ClientRequest(WireSamples.MixedBatch()), senderId: 2), 2));

    [Theory]
    [InlineData(0)]
    [InlineData(11)]
    public void A_datagram_shorter_than_a_header_is_not_an_echo(int length) =>
        Assert.False(FrameHeader.IsEchoOf(WireSamples.Encode(new Heartbeat(new Ballot(1, 2), 3), senderId: 2).AsSpan(0, length), 2));
}
