namespace Paxos.Cluster.Run;

/// <summary>The help text of <c>paxosctl run</c> (and <c>./run.sh --help</c>): what a run does, beyond the option list.</summary>
internal static class RunUsage
{
    public const string Description = """
        Starts, on this machine and inside an isolated network namespace, the course's cluster: 3
        acceptors, 2 learners, 2 proposers and 2 clients (each client proposes its own file of random
        numbers, like the course's $RANDOM generator). Instead of fixed sleeps it waits until each process
        reports it is receiving, then until both learners have learned every value (or the timeout), stops
        everything, prints a summary (values, elapsed time, values/s) and runs ./check_all.sh on the result.
        Exit status 0 when the outcome is what the scenario expects, 1 when not, 2 on bad usage.

        usage: ./run.sh <values per client> [options]
               ./run.sh --inputs DIR [options]

        Durable mode (crash-recovery): --restart-acceptors, --restart-proposer, --power-cut and
        --late-learner use --data-dir <--out folder>/data unless another --data-dir is given; none of them
        goes with --kill-acceptors, --catch-up or --settle.

        Output folder: prop1 prop2 (the values), learn1 learn2 (the learners' stdout), paxos.conf (this
        run's own copy: processes are stopped by the path in their command line), logs/<role><id>.log (stderr
        of each process; set PAXOS_LOG_LEVEL, e.g. Debug, for more), stats/ (each process's typed ready and
        stats reports; PAXOS_STATS_DIR names another folder), result.json (the outcome, for programs).

        Examples:
          ./run.sh 1000                        # the basic test: 2 x 1000 values, everything learned
          ./run.sh 10000 --acceptors 2         # still a majority
          ./run.sh 100 --acceptors 1           # no progress may be made
          ./run.sh 1000 --loss 0.2             # 20% of messages dropped
          ./run.sh 10000 --kill-acceptors 1    # one acceptor crashes mid-run
          ./run.sh 10000 --kill-acceptors 2    # two crash: progress stops, safety holds
          ./run.sh 100 --catch-up              # a late learner catches up
          ./run.sh 1000 --settle 5             # as the course does: 5 s, then stop and check
          ./run.sh --inputs mydir              # propose mydir/prop1 and mydir/prop2
          ./run.sh 1000000 --data-dir /tmp/pd --out /tmp/o   # durable: acceptors sync before answering
          ./run.sh 100000 --restart-acceptors  # rolling acceptor restarts mid-run
          ./run.sh 100000 --restart-proposer   # the leader is killed and restarted
          ./run.sh 100000 --power-cut          # everything killed mid-run, then restarted
          ./run.sh 5000000 --late-learner      # learner 2 catches up from storage at the end
          ./check_all.sh out                   # re-check a finished run (or: paxosctl check out)
        """;
}
