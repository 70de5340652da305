using System.Text;
using TorchLab.Storage.Files;

namespace TorchLab.TorchLab.Tests;

/// <summary>The program's one file writer: the whole new file or the old one, and no temporary file left either way.</summary>
public class AtomicFileTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    private string[] Entries() => [.. Directory.GetFileSystemEntries(folder.Path).Select(Path.GetFileName).Order()!];

    [Fact]
    public void Each_entry_point_replaces_the_file_with_what_it_wrote()
    {
        var path = folder.File("out.txt");
        File.WriteAllText(path, "old");
        AtomicFile.WriteAllText(path, "naïve text\n");
        Assert.Equal("naïve text\n"u8.ToArray(), File.ReadAllBytes(path));   // UTF-8, no byte-order mark

        AtomicFile.Write(path, stream => stream.Write([1, 2, 3]));
        Assert.Equal([1, 2, 3], File.ReadAllBytes(path));

        AtomicFile.Write(path, temporary => File.WriteAllText(temporary, "by path"));
        Assert.Equal("by path", File.ReadAllText(path));
        Assert.Equal(["out.txt"], Entries());
    }

    [Fact]
    public void The_temporary_file_lies_beside_the_destination_under_a_fresh_name_each_time()
    {
        var names = new List<string>();
        for (var i = 0; i < 2; i++) AtomicFile.Write(folder.File("figure.png"), temporary => { names.Add(temporary); File.WriteAllText(temporary, "png"); });
        Assert.All(names, name => Assert.Equal(folder.Path, Path.GetDirectoryName(name)));
        Assert.All(names, name => Assert.Contains($".figure.png.{Environment.ProcessId}-", Path.GetFileName(name)));
        Assert.NotEqual(names[0], names[1]);
    }

    [Fact]
    public void A_failing_write_leaves_the_old_file_and_no_temporary_file()
    {
        var path = folder.File("metrics.json");
        File.WriteAllText(path, "old");
        var failure = new IOException("disk full");
        Assert.Same(failure, Assert.Throws<IOException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write(Encoding.UTF8.GetBytes("half of the new"));
            throw failure;
        })));
        Assert.Same(failure, Assert.Throws<IOException>(() => AtomicFile.Write(path, temporary =>
        {
            File.WriteAllText(temporary, "half of the new");
            throw failure;
        })));
        Assert.Equal("old", File.ReadAllText(path));
        Assert.Equal(["metrics.json"], Entries());
    }

    [Fact]
    public void A_destination_that_cannot_be_replaced_keeps_what_was_there()
    {
        // A folder where the file should go: writing succeeds, the rename fails, and the temporary file goes too.
        Directory.CreateDirectory(folder.File("taken.png"));
        Assert.ThrowsAny<IOException>(() => AtomicFile.WriteAllText(folder.File("taken.png"), "new"));
        Assert.True(Directory.Exists(folder.File("taken.png")));
        Assert.Equal(["taken.png"], Entries());

        var missing = folder.File("missing", "x.txt");
        Assert.Contains(missing, Assert.Throws<DirectoryNotFoundException>(() => AtomicFile.WriteAllText(missing, "new")).Message);
    }
}
