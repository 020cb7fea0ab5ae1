using Microsoft.Extensions.Configuration;

namespace Paxos.Core.Configuration;

/// <summary>Adds a <c>paxos.conf</c> file to a configuration builder; see <see cref="PaxosConfProvider"/> for the keys it sets.</summary>
public sealed class PaxosConfSource : IConfigurationSource
{
    /// <summary>Creates a source for the file at <paramref name="path"/>.</summary>
    public PaxosConfSource(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = path;
    }

    /// <summary>The file to read, as given.</summary>
    public string Path { get; }

    /// <inheritdoc/>
    public IConfigurationProvider Build(IConfigurationBuilder builder) => new PaxosConfProvider(this);
}
