using System.Security.Cryptography;

namespace Paxos.Cluster.Bench;

/// <summary>
/// Values for --value-size: lines of random letters that nothing compresses (each letter carries ~5.7 bits) and
/// that are all distinct, proposed through run.sh --inputs.
/// </summary>
internal static class RandomLines
{
    private const string Letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

    /// <summary>Writes <paramref name="count"/> lines of <paramref name="size"/> letters each (each ended by a newline) to <paramref name="path"/>.</summary>
    public static void Write(string path, long count, int size)
    {
        // Each random byte picks a letter: the 52 letters repeated to 256 (the first 48 come up 5 times in 256, the
        // other 4 times: a slight skew, still incompressible).
        byte[] map = new byte[256];
        for (int i = 0; i < map.Length; i++)
        {
            map[i] = (byte)Letters[i % Letters.Length];
        }

        using var output = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        byte[] line = new byte[size + 1];
        line[size] = (byte)'\n';
        for (long n = 0; n < count; n++)
        {
            RandomNumberGenerator.Fill(line.AsSpan(0, size));
            for (int i = 0; i < size; i++)
            {
                line[i] = map[line[i]];
            }

            output.Write(line);
        }
    }
}
