namespace Paxos.Core.Hosting.Reports;

/// <summary>
/// What a role process tells the tool that started it, as a typed record shared by both sides (the roles
/// write it, <c>paxosctl</c> and the tests read it), instead of log lines to grep or text to parse.
/// Written as JSON to <c>&lt;PAXOS_STATS_DIR&gt;/&lt;role&gt;&lt;id&gt;.&lt;kind&gt;.json</c> by
/// <see cref="RoleReportFile"/>; absent when no such folder is set (the course's harness).
/// </summary>
/// <param name="Role">The role's name: acceptor, proposer, learner or client.</param>
/// <param name="Id">The process's id within its role.</param>
/// <param name="Pid">The process id (the role scripts exec the program, so it is the script's pid too).</param>
/// <param name="Kind">Which report: <see cref="RoleReportKind.Ready"/> or <see cref="RoleReportKind.Stats"/>.</param>
/// <param name="AtUs">When the report was made, in Unix microseconds.</param>
/// <param name="Measures">The figures by name (<see cref="RoleStats"/>'s keys, e.g. <c>peakRssKb</c>, <c>values</c>).</param>
public sealed record RoleReport(
    string Role,
    int Id,
    int Pid,
    RoleReportKind Kind,
    long AtUs,
    IReadOnlyDictionary<string, double> Measures)
{
    /// <summary>The measure named <paramref name="key"/>, or <paramref name="otherwise"/> when the report has none.</summary>
    public double Get(string key, double otherwise = 0) => Measures.TryGetValue(key, out double value) ? value : otherwise;

    /// <summary>The measure named <paramref name="key"/> as a whole number (counters, microseconds, kilobytes).</summary>
    public long GetLong(string key, long otherwise = 0) => Measures.TryGetValue(key, out double value) ? (long)value : otherwise;
}
