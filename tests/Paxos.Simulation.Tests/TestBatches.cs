using System.Text;
using Paxos.Core.Protocol;

namespace Paxos.Simulation.Tests;

/// <summary>Builds batches by hand for the checker's own tests.</summary>
internal static class TestBatches
{
    public static Batch BatchOf(params (uint Client, ulong Session, ulong Sequence, string Value)[] submissions)
    {
        var builder = new BatchBuilder();
        foreach ((uint client, ulong session, ulong sequence, string value) in submissions)
        {
            Assert.True(builder.TryAdd(client, session, sequence, Encoding.UTF8.GetBytes(value)));
        }

        return builder.Build();
    }
}
