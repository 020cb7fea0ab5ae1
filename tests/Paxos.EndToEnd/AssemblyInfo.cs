// Every end-to-end test starts a whole cluster of processes; on a 2-core machine they must not overlap.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
