namespace Paxos.Core.Tests.Storage;

/// <summary>A temporary data folder for a store on real LMDB, deleted on dispose.</summary>
internal sealed class TempDataFolder : IDisposable
{
    public const uint ClusterId = 12345;

    public TempDataFolder() => Path = Directory.CreateTempSubdirectory("paxos-store-test-").FullName;

    public string Path { get; }

    public string DataFile => System.IO.Path.Combine(Path, "data.mdb");

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
