namespace Paxos.Core.Tests.Configuration;

/// <summary>Environment dictionaries for the test overload of <c>PaxosConfiguration.Load</c>.</summary>
internal static class NoEnvironment
{
    public static IReadOnlyDictionary<string, string?> Empty { get; } = new Dictionary<string, string?>();

    public static IReadOnlyDictionary<string, string?> With(params (string Name, string? Value)[] variables) =>
        variables.ToDictionary(variable => variable.Name, variable => variable.Value);
}
