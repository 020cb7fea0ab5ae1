using Paxos.Core.Protocol;
using Paxos.Core.Protocol.Learners;

namespace Paxos.Core.Hosting;

/// <summary>Builds a learner process: its node loop's output is standard output (<see cref="LearnerOutput"/>).</summary>
public static class LearnerHost
{
    /// <summary>Creates the host (which opens its sockets); <paramref name="output"/> is usually standard output.</summary>
    public static RoleHost Create(Learner learner, RoleContext context, Stream output)
    {
        ArgumentNullException.ThrowIfNull(learner);
        ArgumentNullException.ThrowIfNull(context);
        var sink = new LearnerOutput(output, context.Log);
        return new RoleHost(learner, context, RoleGroup.Learners)
        {
            Output = sink,
            Owned = sink,
            Stopping = () =>
            {
                sink.Flush();
                context.Log.Information("delivered {Delivered} values from {Instances} instances ({Duplicates} duplicate submissions skipped, {Requests} catch-up requests)",
                    learner.DeliveredCount, learner.NextInstance, learner.DuplicatesSkipped, learner.CatchUpRequests);
            },
            DescribeRole = stats =>
            {
                stats.Add("values", learner.DeliveredCount);
                stats.Add("instances", learner.NextInstance);
                stats.Add("duplicatesSkipped", learner.DuplicatesSkipped);
                stats.Add("retransmissions", learner.CatchUpRequests);
                stats.Add("bufferedDecisionsDropped", learner.BufferedDecisionsDropped);
                stats.Add("firstPrintedUs", sink.FirstPrintedUs);
                stats.Add("lastPrintedUs", sink.LastPrintedUs);
            },
            ExitCode = () => sink.Failed ? 1 : 0,
        };
    }
}
