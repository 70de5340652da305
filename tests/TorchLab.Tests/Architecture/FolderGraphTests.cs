namespace TorchLab.TorchLab.Tests.Architecture;

/// <summary>
/// The program's folders depend one way: which folder's files name which other folder's types
/// (<see cref="FolderGraph"/>), with no cycle and no more links than when the cycles were broken.
/// <c>scripts/folder-graph.sh</c> prints the same graph.
/// </summary>
public sealed class FolderGraphTests(ITestOutputHelper output)
{
    // src/TorchLab's links after the storage project, the split of Runs, and the by-hand training and the PyTorch
    // references joining the program (32 on c464191, in one cycle); 34 with the lab's explanation phase
    // (Commands -> Explanation, Reports -> Explanation).
    private const int MostLinks = 34;

    private static readonly string Program =
        Path.Combine(Path.GetDirectoryName(Cli.LabOptions.DefaultDataFolder())!, "src", "TorchLab");

    [Fact]
    public void The_programs_folders_form_no_cycle_and_no_new_links()
    {
        Assert.SkipUnless(Directory.Exists(Program), $"needs the sources ({Program})");
        var graph = FolderGraph.Of(Program);
        output.WriteLine(graph.Describe());
        var cycles = graph.Cycles();
        Assert.True(cycles.Count == 0,
            $"the folders of {Program} form a cycle: {string.Join("; ", cycles.Select(c => string.Join(" -> ", c)))}");
        Assert.True(graph.LinkCount <= MostLinks,
            $"{graph.LinkCount} links between folders, more than {MostLinks}:\n{graph.Describe()}");
    }

    [Fact]
    public void Comments_and_strings_make_no_link_but_interpolated_code_does()
    {
        using var folder = new TempFolder();
        Write(folder, "Low", "Low.cs", "namespace X.Low;\npublic sealed class Thing { }\n");
        Write(folder, "Mid", "Mid.cs",
            "namespace X.Mid;\n// Thing\n/* Thing */\nclass Mid { string a = \"Thing\"; " +
                "string b = @\"Thing\"\"x\"; }\n");
        Write(folder, "High", "High.cs",
            "namespace X.High;\nclass High { string c = $\"{nameof(Thing)} \\\"q\\\" {{Mid}}\"; char d = '\"'; }\n");

        var graph = FolderGraph.Of(folder.Path);

        Assert.Equal("High -> Low: Thing", graph.Describe().Split('\n')[0]);
        Assert.Equal(1, graph.LinkCount);
    }

    [Fact]
    public void A_cycle_is_named_folder_by_folder()
    {
        using var folder = new TempFolder();
        Write(folder, "A", "A.cs", "namespace X.A;\npublic class First { Second s; }\n");
        Write(folder, "B", "B.cs", "namespace X.B;\npublic class Second { Third t; }\n");
        Write(folder, "C", "C.cs", "namespace X.C;\npublic class Third { First f; }\n");

        var cycle = Assert.Single(FolderGraph.Of(folder.Path).Cycles());

        Assert.Equal(["A", "B", "C", "A"], cycle);
    }

    private static void Write(TempFolder folder, string subfolder, string file, string code)
    {
        Directory.CreateDirectory(folder.File(subfolder));
        File.WriteAllText(folder.File(subfolder, file), code);
    }
}
