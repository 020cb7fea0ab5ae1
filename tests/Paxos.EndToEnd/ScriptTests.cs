namespace Paxos.EndToEnd;

/// <summary>Bad input to the scripts: clear messages, the documented exit codes, and a checker that can fail.</summary>
public sealed class ScriptTests
{
    [Fact]
    public void Role_script_with_wrong_arguments_prints_usage_and_exits_2()
    {
        CapturedRun result = Command.RunIsolated(TimeSpan.FromMinutes(2), Repository.PathOf("acceptor.sh"), "1");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("usage: acceptor.sh <id> <path to config>", result.StandardError, StringComparison.Ordinal);
        Assert.Equal("", result.StandardOutput);
    }

    [Fact]
    public void Role_script_with_a_bad_config_line_names_file_and_line_and_exits_2()
    {
        using var folder = new RunFolder("badconf");
        string config = folder.File("paxos.conf");
        File.WriteAllText(config, "clients 239.0.0.1 5000\nproposers 239.0.0.1 6000\nacceptors 10.0.0.1 7000\nlearners 239.0.0.1 8000\n");

        CapturedRun result = Command.RunIsolated(TimeSpan.FromMinutes(2), Repository.PathOf("learner.sh"), "1", config);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{config}:3:", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("multicast", result.StandardError, StringComparison.Ordinal);
        Assert.Equal("", result.StandardOutput);
    }

    [Fact]
    public void Role_script_with_a_missing_config_file_exits_2()
    {
        CapturedRun result = Command.RunIsolated(TimeSpan.FromMinutes(2), Repository.PathOf("proposer.sh"), "1", "/nonexistent/paxos.conf");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("/nonexistent/paxos.conf", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void Acceptor_id_outside_the_configured_count_is_refused()
    {
        CapturedRun result = Command.RunIsolated(TimeSpan.FromMinutes(2), Repository.PathOf("acceptor.sh"), "4", Repository.PathOf("paxos.conf"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("1..3", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void Role_in_a_namespace_whose_loopback_is_down_says_what_to_do_and_exits_3()
    {
        // A bare `unshare -rn`: lo exists but is down, so the loopback group cannot be joined.
        CapturedRun result = Command.Run("unshare", ["-rn", Repository.PathOf("acceptor.sh"), "1", Repository.PathOf("paxos.conf")], TimeSpan.FromMinutes(2));

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("acceptor.sh: cannot join the multicast group 239.0.0.1:7000 on the loopback interface 127.0.0.1", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("ip link set lo up", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.StandardError, StringComparison.Ordinal);
        Assert.Equal("", result.StandardOutput);
    }

    [Fact]
    public void Role_with_interface_auto_and_no_route_for_multicast_says_what_to_do_and_exits_3()
    {
        using var folder = new RunFolder("noroute");
        string config = folder.File("paxos.conf");
        File.WriteAllText(config, File.ReadAllText(Repository.PathOf("paxos.conf")) + "interface auto\n");

        // lo is up, but there is no route for 224.0.0.0/4 and no default route.
        CapturedRun result = Command.Run(
            "unshare", ["-rn", "bash", "-c", "ip link set lo up && exec \"$0\" \"$@\"", Repository.PathOf("learner.sh"), "1", config], TimeSpan.FromMinutes(2));

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("learner.sh: cannot join the multicast group 239.0.0.1:8000 on the interface the system's routes choose (interface auto)", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("route for 224.0.0.0/4", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled", result.StandardError, StringComparison.Ordinal);
        Assert.Equal("", result.StandardOutput);
    }

    [Fact]
    public void Check_all_reports_each_kind_of_failure()
    {
        using var run = new RunFolder("checkfail");
        File.WriteAllText(run.File("prop1"), "1\n2\n");
        File.WriteAllText(run.File("prop2"), "3\n");

        // learn2 differs in order (test 1), learn1 holds an unproposed value (test 2), and both miss "3" (test 3).
        File.WriteAllText(run.File("learn1"), "1\n2\n99\n");
        File.WriteAllText(run.File("learn2"), "2\n1\n");

        CapturedRun check = Command.Run(Repository.PathOf("check_all.sh"), [run.Path], TimeSpan.FromMinutes(1));

        Assert.NotEqual(0, check.ExitCode);
        Assert.Equal(3, check.StandardOutput.Split('\n').Count(line => line == "  > Failed!"));
    }

    [Fact]
    public void Check_all_accepts_a_correct_run()
    {
        using var run = new RunFolder("checkok");
        File.WriteAllText(run.File("prop1"), "1\n2\n2\n");
        File.WriteAllText(run.File("prop2"), "3\n");
        File.WriteAllText(run.File("learn1"), "2\n1\n3\n2\n");
        File.WriteAllText(run.File("learn2"), "2\n1\n3\n2\n");

        Expect.CheckAllPasses(run);
    }
}
