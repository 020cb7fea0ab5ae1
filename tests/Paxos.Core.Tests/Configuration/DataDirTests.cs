using Paxos.Core.Configuration;

namespace Paxos.Core.Tests.Configuration;

public sealed class DataDirTests
{
    private static TempConfFile ConfWith(string extraLine) => new(TempConfFile.CourseText + "\n" + extraLine + "\n");

    [Fact]
    public void No_data_dir_means_memory_only()
    {
        using TempConfFile conf = TempConfFile.Course();

        Assert.Null(PaxosConfiguration.Load(conf.Path, NoEnvironment.Empty).DataDir);
    }

    [Fact]
    public void Data_dir_is_relative_to_the_config_folder()
    {
        using TempConfFile conf = ConfWith("data_dir state");

        PaxosOptions options = PaxosConfiguration.Load(conf.Path, NoEnvironment.Empty);

        Assert.Equal(Path.Combine(conf.Directory, "state"), options.DataDir);
    }

    [Fact]
    public void Absolute_data_dir_is_kept()
    {
        using TempConfFile conf = ConfWith("data_dir /var/lib/paxos");

        Assert.Equal("/var/lib/paxos", PaxosConfiguration.Load(conf.Path, NoEnvironment.Empty).DataDir);
    }

    [Fact]
    public void Environment_overrides_the_file()
    {
        using TempConfFile conf = ConfWith("data_dir state");
        string other = Path.Combine(conf.Directory, "other");

        PaxosOptions options = PaxosConfiguration.Load(conf.Path, NoEnvironment.With(("PAXOS_DATA_DIR", other)));

        Assert.Equal(other, options.DataDir);
    }

    [Fact]
    public void Data_dir_that_is_a_file_is_an_error_on_its_line()
    {
        using TempConfFile conf = ConfWith("data_dir paxos.conf");

        var error = Assert.Throws<ConfigurationFileException>(() => PaxosConfiguration.Load(conf.Path, NoEnvironment.Empty));

        Assert.Equal(5, error.Line);
        Assert.Contains("not a directory", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Data_dir_without_a_path_is_an_error_on_its_line()
    {
        using TempConfFile conf = ConfWith("data_dir");

        var error = Assert.Throws<ConfigurationFileException>(() => PaxosConfiguration.Load(conf.Path, NoEnvironment.Empty));

        Assert.Equal(5, error.Line);
    }

    [Fact]
    public void Empty_data_dir_from_the_environment_names_the_variable()
    {
        using TempConfFile conf = TempConfFile.Course();

        var error = Assert.Throws<ConfigurationFileException>(
            () => PaxosConfiguration.Load(conf.Path, NoEnvironment.With(("PAXOS_DATA_DIR", " "))));

        Assert.Equal("PAXOS_DATA_DIR", error.EnvironmentVariable);
    }

    [Fact]
    public void Role_folder_is_named_by_role_and_id()
    {
        PaxosOptions options = PaxosOptions.CourseDefaults with { DataDir = "/data" };

        Assert.Equal("/data/acceptor2", options.RoleDataDirectory("acceptor", 2));
        Assert.Null(PaxosOptions.CourseDefaults.RoleDataDirectory("acceptor", 2));
    }
}
