using System.Text.Json;

namespace Paxos.Core.Hosting.Reports;

/// <summary>Where a <see cref="RoleReport"/> lives on disk, and how it is written and read.</summary>
public static class RoleReportFile
{
    /// <summary>The report file of <paramref name="role"/> <paramref name="id"/> of kind <paramref name="kind"/> in <paramref name="folder"/>.</summary>
    public static string PathOf(string folder, string role, int id, RoleReportKind kind) =>
        Path.Combine(folder, $"{role}{id}.{kind.ToString().ToLowerInvariant()}.json");

    /// <summary>Writes <paramref name="report"/> into <paramref name="folder"/>, replacing an earlier one, through a temporary file so a reader never sees half.</summary>
    public static void Write(string folder, RoleReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        string path = PathOf(folder, report.Role, report.Id, report.Kind);
        string temporary = path + ".tmp";
        File.WriteAllBytes(temporary, JsonSerializer.SerializeToUtf8Bytes(report, RoleReportJsonContext.Default.RoleReport));
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Reads the report at <paramref name="path"/>; null when there is none (yet) or it is not a report.</summary>
    public static RoleReport? TryRead(string path)
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllBytes(path), RoleReportJsonContext.Default.RoleReport);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    /// <summary>Reads the report of <paramref name="role"/> <paramref name="id"/> of kind <paramref name="kind"/> in <paramref name="folder"/>, or null.</summary>
    public static RoleReport? TryRead(string folder, string role, int id, RoleReportKind kind) =>
        TryRead(PathOf(folder, role, id, kind));
}
