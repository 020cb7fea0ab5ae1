using System.Diagnostics.CodeAnalysis;

// The folder's name (Shared/: code another command may reuse) is the namespace's; no Visual Basic caller will ever
// import this tool's namespaces, where 'Shared' is a keyword.
[assembly: SuppressMessage("Naming", "CA1716:Identifiers should not match keywords", Scope = "namespace", Target = "~N:Paxos.Cluster.Shared", Justification = "A C# tool; the folder name says what the code is for.")]
