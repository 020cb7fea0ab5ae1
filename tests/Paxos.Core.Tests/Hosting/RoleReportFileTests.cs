using Paxos.Core.Hosting.Reports;

namespace Paxos.Core.Tests.Hosting;

public sealed class RoleReportFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("role-report-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_written_report_reads_back_with_every_field()
    {
        var written = new RoleReport("learner", 2, 4242, RoleReportKind.Stats, 1_700_000_000_123_456,
            new Dictionary<string, double> { ["values"] = 2_000_000, ["cpuSeconds"] = 1.25, ["lastPrintedUs"] = 1_700_000_000_999_999 });

        RoleReportFile.Write(_folder, written);
        RoleReport? read = RoleReportFile.TryRead(_folder, "learner", 2, RoleReportKind.Stats);

        Assert.NotNull(read);
        Assert.Equal(("learner", 2, 4242, RoleReportKind.Stats, 1_700_000_000_123_456L), (read.Role, read.Id, read.Pid, read.Kind, read.AtUs));
        Assert.Equal(2_000_000L, read.GetLong("values"));
        Assert.Equal(1.25, read.Get("cpuSeconds"));
        Assert.Equal(1_700_000_000_999_999L, read.GetLong("lastPrintedUs"));
        Assert.Equal(-1, read.Get("absent", -1));
        Assert.Equal(Path.Combine(_folder, "learner2.stats.json"), RoleReportFile.PathOf(_folder, "learner", 2, RoleReportKind.Stats));
    }

    [Fact]
    public void A_second_report_of_the_same_kind_replaces_the_first()
    {
        RoleReportFile.Write(_folder, new RoleReport("acceptor", 1, 10, RoleReportKind.Ready, 1, new Dictionary<string, double>()));
        RoleReportFile.Write(_folder, new RoleReport("acceptor", 1, 11, RoleReportKind.Ready, 2, new Dictionary<string, double>()));

        Assert.Equal(11, RoleReportFile.TryRead(_folder, "acceptor", 1, RoleReportKind.Ready)?.Pid);
        Assert.Single(Directory.GetFiles(_folder));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("{\"role\":")]
    [InlineData("not json at all")]
    public void A_missing_empty_or_cut_file_reads_as_no_report(string? content)
    {
        string path = RoleReportFile.PathOf(_folder, "client", 1, RoleReportKind.Ready);
        if (content is not null)
        {
            File.WriteAllText(path, content);
        }

        Assert.Null(RoleReportFile.TryRead(path));
    }
}
