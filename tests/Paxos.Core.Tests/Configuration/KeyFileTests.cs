using Paxos.Core.Configuration;

namespace Paxos.Core.Tests.Configuration;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // File modes are the point of these tests.
public sealed class KeyFileTests
{
    private static readonly byte[] KeyBytes = [.. Enumerable.Range(0, 32).Select(i => (byte)(i * 7))];

    private static string WriteKey(TempConfFile conf, string name, byte[] bytes, UnixFileMode mode)
    {
        string path = Path.Combine(conf.Directory, name);
        File.WriteAllBytes(path, bytes);
        File.SetUnixFileMode(path, mode);
        return path;
    }

    private static TempConfFile ConfWith(string extraLine) => new(TempConfFile.CourseText + "\n" + extraLine + "\n");

    [Fact]
    public void No_key_file_means_frames_are_not_authenticated()
    {
        using TempConfFile conf = TempConfFile.Course();

        PaxosOptions options = PaxosConfiguration.Load(conf.Path, NoEnvironment.Empty);

        Assert.Null(options.AuthenticationKey);
        Assert.Null(options.KeyFile);
    }

    [Fact]
    public void Key_file_relative_to_the_config_folder_is_loaded_byte_for_byte()
    {
        using TempConfFile conf = ConfWith("key_file paxos.key");
        string keyPath = WriteKey(conf, "paxos.key", KeyBytes, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        PaxosOptions options = PaxosConfiguration.Load(conf.Path, NoEnvironment.Empty);

        Assert.Equal(KeyBytes, options.AuthenticationKey);
        Assert.Equal(keyPath, options.KeyFile);
    }

    [Fact]
    public void Key_file_readable_by_others_is_refused_naming_the_line_and_the_fix()
    {
        using TempConfFile conf = ConfWith("key_file paxos.key");
        WriteKey(conf, "paxos.key", KeyBytes, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        var error = Assert.Throws<ConfigurationFileException>(() => PaxosConfiguration.Load(conf.Path, NoEnvironment.Empty));

        Assert.Equal(5, error.Line);
        Assert.Contains("accessible by group or others", error.Message, StringComparison.Ordinal);
        Assert.Contains("chmod 600", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Key_file_readable_by_the_group_is_refused()
    {
        using TempConfFile conf = ConfWith("key_file paxos.key");
        WriteKey(conf, "paxos.key", KeyBytes, UnixFileMode.UserRead | UnixFileMode.GroupRead);

        Assert.Throws<ConfigurationFileException>(() => PaxosConfiguration.Load(conf.Path, NoEnvironment.Empty));
    }

    [Fact]
    public void Missing_key_file_is_an_error_on_its_line()
    {
        using TempConfFile conf = ConfWith("key_file nowhere.key");

        var error = Assert.Throws<ConfigurationFileException>(() => PaxosConfiguration.Load(conf.Path, NoEnvironment.Empty));

        Assert.Equal(5, error.Line);
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Key_shorter_than_16_bytes_is_refused()
    {
        using TempConfFile conf = ConfWith("key_file short.key");
        WriteKey(conf, "short.key", new byte[15], UnixFileMode.UserRead);

        var error = Assert.Throws<ConfigurationFileException>(() => PaxosConfiguration.Load(conf.Path, NoEnvironment.Empty));

        Assert.Contains("15 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Key_file_can_come_from_the_environment()
    {
        using TempConfFile conf = TempConfFile.Course();
        string keyPath = WriteKey(conf, "env.key", KeyBytes, UnixFileMode.UserRead);

        PaxosOptions options = PaxosConfiguration.Load(conf.Path, NoEnvironment.With(("PAXOS_KEY_FILE", keyPath)));

        Assert.Equal(KeyBytes, options.AuthenticationKey);
    }

    [Fact]
    public void Bad_key_file_from_the_environment_names_the_variable()
    {
        using TempConfFile conf = TempConfFile.Course();

        var error = Assert.Throws<ConfigurationFileException>(
            () => PaxosConfiguration.Load(conf.Path, NoEnvironment.With(("PAXOS_KEY_FILE", "/nonexistent/key"))));

        Assert.Equal("PAXOS_KEY_FILE", error.EnvironmentVariable);
    }
}
