namespace Paxos.Cluster.Tests;

/// <summary>A crafted run folder (prop1 prop2 learn1 learn2 ...) in a temporary directory, deleted on dispose.</summary>
internal sealed class TempRunFolder : IDisposable
{
    public TempRunFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "paxosctl-tests", Guid.NewGuid().ToString("N"));

    /// <summary>Writes <paramref name="name"/> with each line followed by a newline.</summary>
    public TempRunFolder With(string name, params string[] lines)
    {
        File.WriteAllText(System.IO.Path.Combine(Path, name), string.Concat(lines.Select(line => line + "\n")));
        return this;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
