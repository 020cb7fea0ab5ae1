using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Paxos.Core.Configuration;

/// <summary>
/// The configuration could not be loaded: the file is missing, a line is malformed, or an
/// environment-variable override is invalid. <see cref="Exception.Message"/> is one line that says
/// where (<c>path:line:</c>, <c>path:</c> or <c>environment variable NAME:</c>) and what is wrong, so an
/// executable can print it as it is and exit.
/// </summary>
[SuppressMessage(
    "Design",
    "CA1032:Implement standard exception constructors",
    Justification = "Every instance must say which file (and line) it is about; a message-only constructor would lose that.")]
public sealed class ConfigurationFileException : Exception
{
    /// <summary>Creates an error about the file, at a line when <paramref name="line"/> is given.</summary>
    /// <param name="filePath">The configuration file the error is about.</param>
    /// <param name="line">The 1-based line number, or null when no single line is at fault.</param>
    /// <param name="problem">What is wrong, without the location prefix.</param>
    /// <param name="innerException">The I/O error behind it, if any.</param>
    public ConfigurationFileException(string filePath, int? line, string problem, Exception? innerException = null)
        : base(FormatFileMessage(filePath, line, problem), innerException)
    {
        FilePath = filePath;
        Line = line;
        Problem = problem;
    }

    private ConfigurationFileException(string filePath, string environmentVariable, string problem)
        : base($"environment variable {environmentVariable}: {problem}")
    {
        FilePath = filePath;
        EnvironmentVariable = environmentVariable;
        Problem = problem;
    }

    /// <summary>The configuration file being loaded (also set when an override is at fault).</summary>
    public string FilePath { get; }

    /// <summary>The 1-based line at fault, or null when the problem is not on one line.</summary>
    public int? Line { get; }

    /// <summary>The environment variable at fault, or null when the problem is in the file.</summary>
    public string? EnvironmentVariable { get; }

    /// <summary>What is wrong, without the location prefix.</summary>
    public string Problem { get; }

    /// <summary>Creates an error about an environment-variable override of a setting of <paramref name="filePath"/>.</summary>
    public static ConfigurationFileException ForEnvironmentVariable(string filePath, string environmentVariable, string problem) =>
        new(filePath, environmentVariable, problem);

    private static string FormatFileMessage(string filePath, int? line, string problem) =>
        line is { } number
            ? string.Create(CultureInfo.InvariantCulture, $"{filePath}:{number}: {problem}")
            : $"{filePath}: {problem}";
}
