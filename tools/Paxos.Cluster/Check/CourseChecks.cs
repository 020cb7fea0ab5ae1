using Paxos.Cluster.Shared;

namespace Paxos.Cluster.Check;

/// <summary>The course's three checks: runs ./check_all.sh (it stays bash, the course's interface) on a folder, its output on ours.</summary>
public static class CourseChecks
{
    /// <summary>Runs check_all.sh on <paramref name="folder"/> with this process's standard output and error; returns its exit status.</summary>
    public static int Run(RepositoryLayout repository, string folder)
    {
        ArgumentNullException.ThrowIfNull(repository);
        return ChildProcess.Run(repository.CheckAll, [folder]);
    }
}
