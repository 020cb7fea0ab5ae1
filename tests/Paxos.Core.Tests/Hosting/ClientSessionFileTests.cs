using Paxos.Core.Hosting;
using Paxos.Core.Storage;

namespace Paxos.Core.Tests.Hosting;

/// <summary>The durable client's session folder: created once, resumed, locked, and refused when damaged.</summary>
public sealed class ClientSessionFileTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "paxos-client-session-" + Guid.NewGuid().ToString("N"), "client3");

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_folder)!, recursive: true);

    private string SessionPath => Path.Combine(_folder, "session");

    [Fact]
    public void A_new_folder_stores_the_new_session_before_anything_is_sent()
    {
        using (var file = ClientSessionFile.Open(_folder, 3, 0xABC))
        {
            Assert.False(file.Resumed);
            Assert.Equal(0xABCUL, file.Session);
            Assert.Equal(0UL, file.Acknowledged);
            Assert.True(File.Exists(SessionPath));
        }

        using var reopened = ClientSessionFile.Open(_folder, 3, 0xDEF);
        Assert.True(reopened.Resumed);
        Assert.Equal(0xABCUL, reopened.Session);
    }

    [Fact]
    public void A_failed_background_save_surfaces_as_a_storage_error_naming_the_folder_at_the_next_save()
    {
        using var file = ClientSessionFile.Open(_folder, 3, 11);
        // A directory where the temporary file must go: the write fails as on a full or broken disk.
        Directory.CreateDirectory(Path.Combine(_folder, "session.tmp"));

        file.SaveInBackground(5);
        var error = Assert.Throws<StorageException>(() => file.Save(6));

        Assert.Contains($"client 3: {Path.GetFullPath(_folder)}: cannot write session", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_restart_resumes_the_session_and_the_saved_acknowledged_prefix()
    {
        using (var file = ClientSessionFile.Open(_folder, 3, 77))
        {
            file.Save(1_000);
            file.Save(400); // never backwards: a stale prefix must not be stored over a newer one
            Assert.Equal(1_000UL, file.Acknowledged);
        }

        using var reopened = ClientSessionFile.Open(_folder, 3, 99);
        Assert.Equal((77UL, 1_000UL), (reopened.Session, reopened.Acknowledged));
        Assert.False(File.Exists(SessionPath + ".tmp"));
    }

    [Fact]
    public void Background_saves_keep_the_latest_prefix_and_never_go_backwards()
    {
        using (var file = ClientSessionFile.Open(_folder, 3, 5))
        {
            for (ulong prefix = 1; prefix <= 2_000; prefix += 7)
            {
                file.SaveInBackground(prefix);
            }

            file.SaveInBackground(10); // older than what was asked before: ignored
            file.WaitForWrites();
            Assert.Equal(1_996UL, file.Acknowledged);
            Assert.Equal(1_996UL, file.Requested);
        }

        using var reopened = ClientSessionFile.Open(_folder, 3, 6);
        Assert.Equal(1_996UL, reopened.Acknowledged);
    }

    [Fact]
    public void A_second_process_with_the_same_folder_is_refused()
    {
        using var first = ClientSessionFile.Open(_folder, 3, 1);

        var exception = Assert.Throws<StorageException>(() => ClientSessionFile.Open(_folder, 3, 2));
        Assert.Contains(_folder, exception.Message, StringComparison.Ordinal);
        Assert.Contains("in use by another process", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("paxos client session v1\nclient 3\nsession 00000000000000ab\nackno", "damaged")]
    [InlineData("", "damaged")]
    [InlineData("paxos client session v1\nclient 4\nsession 00000000000000ab\nacknowledged 5\n", "client 4, not client 3")]
    [InlineData("paxos client session v2\nclient 3\nsession 00000000000000ab\nacknowledged 5\n", "newer")]
    [InlineData("paxos client session v1\nclient 3\nsession xyz\nacknowledged 5\n", "damaged")]
    public void A_damaged_foreign_or_newer_file_is_refused_and_left_as_it_is(string contents, string problem)
    {
        Directory.CreateDirectory(_folder);
        File.WriteAllText(SessionPath, contents);

        var exception = Assert.Throws<StorageException>(() => ClientSessionFile.Open(_folder, 3, 1));

        Assert.Contains(_folder, exception.Message, StringComparison.Ordinal);
        Assert.Contains(problem, exception.Message, StringComparison.Ordinal);
        Assert.Equal(contents, File.ReadAllText(SessionPath));
    }
}
