using Paxos.Cluster.Bench;

namespace Paxos.Cluster.Tests.Bench;

/// <summary>The port writes what the old bash scripts wrote: the same rows and tables from the same reports.</summary>
public sealed class OldScriptOutputTests
{
    private const string Label = "n500-r1000-l0-run1";

    // The paced run of the old table: 2 x 500 small values at 1,000 values/s. Its learners' outputs were removed
    // after the run; collect.sh had counted 4667 value bytes at the slower one.
    private static RunRecord OldRun()
    {
        var folder = new RunFolder(Path.Combine(Fixture.Folder, Label));
        RunEvidence evidence = folder.Read(exitStatus: 0) with { LearnerValueBytes = [4667, 4669] };
        return RunRecord.From(Label, new Combination(500, 1000, "0", null, false), evidence);
    }

    [Fact]
    public void A_runs_csv_row_from_the_role_reports_equals_the_one_collect_sh_wrote()
    {
        string expected = Fixture.Lines("runs.csv").Single(line => line.StartsWith(Label + ",", StringComparison.Ordinal));

        Assert.Equal(expected, RunTables.RunsRow(OldRun()));
    }

    [Fact]
    public void The_runs_csv_and_roles_csv_headers_are_the_old_ones()
    {
        // (The analyzer wants the constant first: here the old file is the reference.)
        Assert.Equal(RunTables.RunsHeader, Fixture.Lines("runs.csv")[0]);
        Assert.Equal(RunTables.RolesHeader, Fixture.Lines("roles.csv")[0]);
        Assert.Equal(MedianTables.CsvHeader, Fixture.Lines("medians.csv")[0]);
    }

    [Fact]
    public void Each_run_s_heading_names_its_size_rate_loss_and_storage_as_collect_sh_did()
    {
        string report = Fixture.Text("report.md");
        RunRecord template = OldRun();
        foreach (string row in Fixture.Lines("runs.csv").Skip(1))
        {
            string[] cells = row.Split(',');
            var combination = new Combination(
                long.Parse(cells[1], System.Globalization.CultureInfo.InvariantCulture),
                cells[2] == "max" ? null : long.Parse(cells[2], System.Globalization.CultureInfo.InvariantCulture),
                cells[3],
                cells[21].Length == 0 ? null : int.Parse(cells[21], System.Globalization.CultureInfo.InvariantCulture),
                cells[28] == "1");
            RunRecord run = template with { Label = cells[0], Combination = combination };

            Assert.Equal(cells[0], combination.Label(1));
            Assert.Contains("\n### " + RunTables.Title(run) + "\n", report, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_roles_csv_rows_equal_the_ones_collect_sh_wrote()
    {
        string[] expected = [.. Fixture.Lines("roles.csv").Where(line => line.StartsWith(Label + ",", StringComparison.Ordinal))];

        Assert.Equal(expected, RunTables.RolesRows(OldRun()));
    }

    [Fact]
    public void A_run_section_of_the_report_equals_the_one_collect_sh_printed()
    {
        Assert.Equal(Fixture.ReportSection("### " + Label + ":"), RunTables.Markdown(OldRun()));
    }

    [Fact]
    public void Medians_csv_is_written_as_medians_sh_wrote_it()
    {
        Assert.Equal(Fixture.Text("medians.csv"), MedianTables.Csv(Fixture.OldMedians()));
    }

    [Fact]
    public void The_medians_section_of_the_report_equals_the_one_medians_sh_printed()
    {
        Assert.Equal(Fixture.ReportSection("### Medians"), MedianTables.Markdown(Fixture.OldMedians()));
    }

    [Fact]
    public void The_target_table_equals_the_one_table_sh_wrote()
    {
        Assert.Equal(Fixture.Text("table.md"), TargetTable.Markdown(Fixture.OldMedians(), "0.01"));
    }
}
