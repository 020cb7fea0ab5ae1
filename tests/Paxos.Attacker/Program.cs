using Paxos.Attacker;

// Paxos.Attacker <command> ...: hostile traffic for the end-to-end tests (see Usage.Text). Like every
// process that sends multicast in our tests, it runs only inside an isolated network namespace.
return args.Length == 0 ? Usage.Fail("a command") : args[0] switch
{
    "forge" => ForgedFrames.Run(args[1..]),
    "raw" => RawDatagrams.Run(args[1..]),
    "transport-check" => TransportCheck.Run(args[1..]),
    _ => Usage.Fail($"a command, not '{args[0]}'"),
};
