namespace Paxos.EndToEnd;

/// <summary>
/// A temporary output folder of one run (prop1 prop2 learn1 learn2 logs/), with readers that keep
/// lines as raw bytes so byte-exactness can be checked. Deleted on dispose, unless PAXOS_KEEP_RUNS=1
/// asks to keep it for a look at the logs.
/// </summary>
internal sealed class RunFolder : IDisposable
{
    public RunFolder(string name)
        : this(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "paxos-e2e", $"{name}-{Guid.NewGuid():N}"), owned: true)
    {
    }

    private RunFolder(string path, bool owned)
    {
        Path = path;
        _owned = owned;
        Directory.CreateDirectory(Path);
    }

    private readonly bool _owned;

    /// <summary>A folder inside another run's folder (e.g. one of two clusters); deleted with its parent, not on its own.</summary>
    public static RunFolder Existing(string path) => new(path, owned: false);

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>The lines of a file as byte arrays, without their '\n'; a missing file reads as no lines.</summary>
    public IReadOnlyList<byte[]> Lines(string name)
    {
        string path = File(name);
        if (!System.IO.File.Exists(path))
        {
            return [];
        }

        byte[] content = System.IO.File.ReadAllBytes(path);
        var lines = new List<byte[]>();
        int start = 0;
        for (int i = 0; i < content.Length; i++)
        {
            if (content[i] == (byte)'\n')
            {
                lines.Add(content[start..i]);
                start = i + 1;
            }
        }

        if (start < content.Length)
        {
            lines.Add(content[start..]);
        }

        return lines;
    }

    /// <summary>The lines as strings, for files known to be text.</summary>
    public IReadOnlyList<string> TextLines(string name) =>
        Lines(name).Select(line => System.Text.Encoding.UTF8.GetString(line)).ToList();

    public string Log(string role) => System.IO.File.Exists(File($"logs/{role}.log")) ? System.IO.File.ReadAllText(File($"logs/{role}.log")) : "";

    public void Dispose()
    {
        if (!_owned || Environment.GetEnvironmentVariable("PAXOS_KEEP_RUNS") == "1")
        {
            return;
        }

        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder left behind does no harm.
        }
    }
}
