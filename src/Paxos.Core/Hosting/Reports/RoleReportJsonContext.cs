using System.Text.Json.Serialization;

namespace Paxos.Core.Hosting.Reports;

/// <summary>Source-generated JSON for <see cref="RoleReport"/>: no reflection, so it works under Native AOT.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    WriteIndented = false)]
[JsonSerializable(typeof(RoleReport))]
internal sealed partial class RoleReportJsonContext : JsonSerializerContext;
