namespace Paxos.Core.Tests.Configuration;

/// <summary>A <c>paxos.conf</c> written to its own temporary directory, deleted on dispose.</summary>
internal sealed class TempConfFile : IDisposable
{
    public const string CourseText = """
        clients   239.0.0.1 5000
        proposers 239.0.0.1 6000
        acceptors 239.0.0.1 7000
        learners  239.0.0.1 8000
        """;

    public TempConfFile(string text)
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("paxos-conf-test-").FullName;
        Path = System.IO.Path.Combine(Directory, "paxos.conf");
        File.WriteAllText(Path, text);
    }

    public string Directory { get; }

    public string Path { get; }

    public static TempConfFile Course() => new(CourseText);

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
