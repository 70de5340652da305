using System.Text.RegularExpressions;

namespace TorchLab.TorchLab.Tests;

/// <summary>
/// The README is one screen that links a page per topic under docs/; a page renamed or a heading
/// reworded would leave a learner at a dead link. Every relative link in README.md and docs/ must
/// name a file that exists, and a heading of it where the link names one (GitHub's anchors).
/// </summary>
public partial class DocumentLinkTests
{
    [Fact]
    public void Every_relative_link_in_the_readme_and_docs_names_an_existing_file_and_heading()
    {
        var root = RepositoryRoot();
        var pages = Directory.EnumerateFiles(Path.Combine(root, "docs"), "*.md", SearchOption.AllDirectories)
            .Prepend(Path.Combine(root, "README.md")).ToList();
        var broken = new List<string>();
        var links = 0;
        foreach (var page in pages)
            foreach (var (line, target) in RelativeLinks(page))
            {
                links++;
                var problem = Check(page, target);
                if (problem is not null)
                    broken.Add($"{Path.GetRelativePath(root, page)}:{line}: ({target}) {problem}");
            }
        Assert.True(links >= pages.Count,
            $"only {links} relative links in {pages.Count} pages: is the link pattern still right?");
        Assert.True(broken.Count == 0, $"{broken.Count} broken links of {links}:\n{string.Join("\n", broken)}");
    }

    [Theory]
    [InlineData("What is equal, and what is close", "what-is-equal-and-what-is-close")]
    [InlineData("`summary`: what flows through a model", "summary-what-flows-through-a-model")]
    [InlineData("Step 3: the trained models by hand", "step-3-the-trained-models-by-hand")]
    [InlineData("Speed and memory: the summary", "speed-and-memory-the-summary")]
    [InlineData("Issue 19: `torch.optim.Adam`, a validation split", "issue-19-torchoptimadam-a-validation-split")]
    public void Anchors_are_spelled_as_github_spells_them(string heading, string anchor) =>
        Assert.Equal(anchor, Anchor(heading));

    private static string? Check(string page, string target)
    {
        var hash = target.IndexOf('#');
        var path = hash < 0 ? target : target[..hash];
        var anchor = hash < 0 ? null : Uri.UnescapeDataString(target[(hash + 1)..]);
        var file = path.Length == 0
            ? page
            : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(page)!, Uri.UnescapeDataString(path)));
        if (!File.Exists(file) && !Directory.Exists(file)) return "no such file";
        if (anchor is null || !file.EndsWith(".md", StringComparison.Ordinal)) return null;
        return Anchors(file).Contains(anchor) ? null : $"no heading '#{anchor}' in {Path.GetFileName(file)}";
    }

    /// <summary>Each Markdown link and image outside code, with its line; web and mail links left out.</summary>
    private static IEnumerable<(int line, string target)> RelativeLinks(string page)
    {
        var inFence = false;
        var lines = File.ReadAllLines(page);
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].TrimStart().StartsWith("```", StringComparison.Ordinal)) { inFence = !inFence; continue; }
            if (inFence) continue;
            var text = InlineCode().Replace(lines[i], "");
            foreach (Match link in MarkdownLink().Matches(text))
            {
                var target = link.Groups[1].Value;
                if (!WebOrMail().IsMatch(target)) yield return (i + 1, target);
            }
        }
    }

    /// <summary>The anchors GitHub gives a page's headings, with -1, -2... for repeats.</summary>
    private static HashSet<string> Anchors(string page)
    {
        var anchors = new HashSet<string>();
        var inFence = false;
        foreach (var line in File.ReadLines(page))
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal)) { inFence = !inFence; continue; }
            var heading = inFence ? null : Heading().Match(line);
            if (heading is null || !heading.Success) continue;
            var anchor = Anchor(heading.Groups[1].Value);
            var unique = anchor;
            for (var n = 1; !anchors.Add(unique); n++) unique = $"{anchor}-{n}";
        }
        return anchors;
    }

    /// <summary>GitHub's rule: lower case, punctuation other than - and _ dropped, each space a hyphen.</summary>
    private static string Anchor(string heading) =>
        new string(heading.Trim().ToLowerInvariant()
            .Where(c => char.IsLetterOrDigit(c) || c is ' ' or '-' or '_').ToArray()).Replace(' ', '-');

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "TorchLab.sln"))) return folder.FullName;
        throw new InvalidOperationException(
            $"no TorchLab.sln above {AppContext.BaseDirectory}: run the tests inside the repository");
    }

    [GeneratedRegex(@"!?\[[^\]]*\]\(([^)\s]+)\)")]
    private static partial Regex MarkdownLink();

    [GeneratedRegex("^[a-z][a-z0-9+.-]*:", RegexOptions.IgnoreCase)]
    private static partial Regex WebOrMail();

    [GeneratedRegex("`[^`]*`")]
    private static partial Regex InlineCode();

    [GeneratedRegex(@"^#{1,6}\s+(.+?)\s*#*\s*$")]
    private static partial Regex Heading();
}
