using System.Runtime.CompilerServices;

// The benchmark's pure parts (figures, medians, tables, CSV) are unit-tested from their own project.
[assembly: InternalsVisibleTo("Paxos.Cluster.Bench.Tests")]
