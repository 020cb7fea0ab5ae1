using System.Text.Json.Serialization;

namespace Paxos.Cluster.Run;

/// <summary>Source-generated JSON for <see cref="RunOutcome"/> (no reflection), as for the roles' reports.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(RunOutcome))]
internal sealed partial class RunOutcomeJsonContext : JsonSerializerContext;
