using Paxos.Cluster;

// paxosctl <command> [options]: each command lives in its own folder and contributes one Command.
return ClusterCommands.Invoke(args);
