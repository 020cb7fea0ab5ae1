using System.CommandLine;
using Paxos.Cluster;

// paxosctl <command> [options]: each command lives in its own folder and contributes one Command.
var root = new RootCommand("paxosctl: runs, benchmarks and checks Paxos clusters on this machine, each inside its own isolated network namespace.");
foreach (Command command in ClusterCommands.All())
{
    root.Subcommands.Add(command);
}

return root.Parse(args).Invoke();
