using System.Runtime.CompilerServices;

// The tool's pure parts (options, run-folder checks, benchmark figures and tables) are unit-tested.
[assembly: InternalsVisibleTo("Paxos.Cluster.Tests")]
