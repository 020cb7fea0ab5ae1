using Paxos.Core.Hosting;
using Paxos.Core.Node;
using Paxos.Core.Protocol;
using Paxos.Core.Protocol.Acceptors;
using Paxos.Core.Protocol.Messages;

namespace Paxos.Simulation;

/// <summary>
/// The simulated edges of each process's <see cref="NodeLoop"/>: the network is the cluster's event queue, the
/// clock is simulated time, a learner's output and a client's input are the safety checker's, and a store's
/// commit takes simulated time. The loop itself is the class the role processes run.
/// </summary>
public sealed partial class SimulatedCluster
{
    private NodeLoop CreateLoop(SimNode node)
    {
        var edges = new NodeEdges(this, node);
        return new NodeLoop(node.Role, edges, this, new NodeSettings { Id = node.Id, ClusterId = ClusterId })
        {
            Input = node.Group == RoleGroup.Clients ? node.Input : null,
            Output = node.Group == RoleGroup.Learners ? edges : null,
            Commit = node.Store is null ? null : edges,
            Observer = edges,
        };
    }

    /// <summary>One process's network, output sink, store commit and observer, over the cluster.</summary>
    private sealed class NodeEdges(SimulatedCluster cluster, SimNode node) : INetwork, IOutputSink, IStoreCommit, INodeObserver
    {
        // ----- network: every datagram becomes a timed delivery event of the cluster -----

        public bool TrySend(RoleGroup destination, ReadOnlySpan<byte> datagram)
        {
            cluster.Fanout(node, destination, datagram.ToArray(), null);
            return true;
        }

        // The cluster delivers each datagram as an event (Deliver), never by the loop's polling.
        public bool WaitForData(TimeSpan timeout) => false;

        public ReceiveOutcome Receive(Span<byte> buffer, out int length)
        {
            length = 0;
            return ReceiveOutcome.NothingWaiting;
        }

        // ----- output: a learner's values go to the checker as they are printed -----

        public bool Failed => false;

        public void Write(ReadOnlySpan<byte> value) => cluster.Checker.OnDelivered(node.LearnerIndex, value, cluster.Now);

        public void Flush()
        {
        }

        // ----- the store's commit -----

        public CommitProgress Commit() => cluster.BeginCommit(node, node.Store!);

        // ----- what the checker sees -----

        public void OnHandled(int senderId, Message message, TimeSpan now)
        {
            if (node.Store is null && message is Accept accept && node.Role is Acceptor acceptor
                && acceptor.TryGetAccepted(accept.Instance, out Ballot ballot, out Batch batch) && ballot == accept.Ballot)
            {
                // Read back from the acceptor's own state: what it now holds for the instance in this ballot.
                // (With a store, a vote counts when the answer carrying it leaves: see ReleaseVotes.)
                cluster.Checker.OnAcceptorAccepted(node.Index, accept.Instance, ballot, batch, now);
            }
        }

        public void OnProposed(ProposedValue value, TimeSpan now) =>
            cluster.Checker.OnSubmitted(new SubmissionKey((uint)node.Id, node.Session, value.Sequence), value.Value.Span);

        public void OnSending(RoleGroup destination, Message message, TimeSpan now) => cluster.Observe(node, destination, message);

        public void OnReleasing(TimeSpan now) => cluster.ReleaseVotes(node);
    }
}
