namespace Paxos.EndToEnd;

/// <summary>Locates the repository (the folder holding Paxos.sln) from the test binaries.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    private static string FindRoot()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Paxos.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no Paxos.sln above {AppContext.BaseDirectory}");
    }
}
