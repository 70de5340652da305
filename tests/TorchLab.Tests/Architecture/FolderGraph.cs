using System.Text;
using System.Text.RegularExpressions;

namespace TorchLab.TorchLab.Tests.Architecture;

/// <summary>
/// Which folder of a source tree uses which other folder's types: folder A links to folder B when
/// a file in A names a type declared at the top level of a file in B, as a whole word outside
/// comments and string literals. Extension methods and types reached through <c>var</c> alone are
/// not seen, so the graph can miss a link but never invents one from a comment.
/// </summary>
/// <remarks>
/// No dependencies beyond the BCL: <c>scripts/folder-graph.sh</c> compiles this file on its own
/// to print the graph of any checkout.
/// </remarks>
public sealed partial class FolderGraph
{
    /// <summary>Folder → the folders it uses → the types that make each link.</summary>
    public SortedDictionary<string, SortedDictionary<string, SortedSet<string>>> Links { get; } =
        new(StringComparer.Ordinal);

    /// <summary>The number of links (ordered pairs of folders).</summary>
    public int LinkCount => Links.Values.Sum(targets => targets.Count);

    /// <summary>
    /// The graph of the folders directly under <paramref name="root"/>; files at the root itself, and
    /// the build's bin/ and obj/, are left out.
    /// </summary>
    public static FolderGraph Of(string root)
    {
        var files = Directory.GetDirectories(root)
            .Where(folder => Path.GetFileName(folder) is not ("bin" or "obj"))
            .SelectMany(folder => Directory.GetFiles(folder, "*.cs", SearchOption.AllDirectories)
                .Select(file => (folder: Path.GetFileName(folder), code: CodeOnly(File.ReadAllText(file)))))
            .ToList();
        var owner = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (folder, code) in files)
            foreach (var type in TopLevelTypes(code))
                owner[type] = folder;
        var graph = new FolderGraph();
        foreach (var (folder, code) in files)
        {
            var targets = graph.TargetsOf(folder);
            foreach (Match word in Word().Matches(code))
                if (owner.TryGetValue(word.Value, out var other) && other != folder)
                {
                    if (!targets.TryGetValue(other, out var types))
                        targets[other] = types = new(StringComparer.Ordinal);
                    types.Add(word.Value);
                }
        }
        return graph;
    }

    /// <summary>
    /// Every cycle's folders, one list per strongly connected group, the first folder repeated at the end.
    /// </summary>
    public List<List<string>> Cycles()
    {
        var cycles = new List<List<string>>();
        var done = new HashSet<string>(StringComparer.Ordinal);
        foreach (var start in Links.Keys)
        {
            if (done.Contains(start)) continue;
            var group = Reachable(start).Where(other => Reachable(other).Contains(start)).ToHashSet();
            done.UnionWith(group);
            if (group.Count > 1) cycles.Add(PathBack(start, group));
        }
        return cycles;
    }

    /// <summary>One line per link, with the types that make it, then the count and the cycles.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        foreach (var (folder, targets) in Links)
            foreach (var (target, types) in targets)
                text.AppendLine($"{folder} -> {target}: {string.Join(", ", types)}");
        text.AppendLine($"{LinkCount} links between {Links.Count} folders");
        var cycles = Cycles();
        text.AppendLine(cycles.Count == 0 ? "no cycle" : $"{cycles.Count} cycle(s):");
        foreach (var cycle in cycles) text.AppendLine("  " + string.Join(" -> ", cycle));
        return text.ToString();
    }

    private SortedDictionary<string, SortedSet<string>> TargetsOf(string folder)
    {
        if (!Links.TryGetValue(folder, out var targets)) Links[folder] = targets = new(StringComparer.Ordinal);
        return targets;
    }

    private HashSet<string> Reachable(string start)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { start };
        var queue = new Queue<string>([start]);
        while (queue.TryDequeue(out var folder))
            foreach (var next in Links.GetValueOrDefault(folder)?.Keys ?? Enumerable.Empty<string>())
                if (seen.Add(next)) queue.Enqueue(next);
        return seen;
    }

    // The shortest way from start back to itself inside its group, by breadth-first search.
    private List<string> PathBack(string start, HashSet<string> group)
    {
        var previous = new Dictionary<string, string>(StringComparer.Ordinal);
        var queue = new Queue<string>([start]);
        while (queue.TryDequeue(out var folder))
            foreach (var next in Links[folder].Keys.Where(group.Contains))
            {
                if (next == start)
                {
                    var path = new List<string> { start };
                    for (var at = folder; at != start; at = previous[at]) path.Insert(1, at);
                    path.Add(start);
                    return path;
                }
                if (previous.TryAdd(next, folder)) queue.Enqueue(next);
            }
        throw new InvalidOperationException($"{start} has no way back inside its group");
    }

    // Types declared outside any other type's braces (file-scoped or block namespaces both).
    private static IEnumerable<string> TopLevelTypes(string code)
    {
        var namespaceDepth = BlockNamespace().IsMatch(code) ? 1 : 0;
        var depth = 0;
        var declarations = Declaration().Matches(code).ToDictionary(m => m.Index);
        for (var i = 0; i < code.Length; i++)
        {
            if (declarations.TryGetValue(i, out var declaration) && depth == namespaceDepth)
                yield return declaration.Groups["name"].Value;
            if (code[i] == '{') depth++;
            else if (code[i] == '}') depth--;
        }
    }

    /// <summary>
    /// The code with comments and literals blanked out; an interpolated string's holes stay, since
    /// they are code. Line breaks are kept.
    /// </summary>
    public static string CodeOnly(string source)
    {
        var code = new StringBuilder(source.Length);
        var i = 0;
        while (i < source.Length)
        {
            var c = source[i];
            var next = i + 1 < source.Length ? source[i + 1] : '\0';
            if (c == '/' && next == '/')
                while (i < source.Length && source[i] != '\n') i++;
            else if (c == '/' && next == '*')
            {
                var end = source.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? source.Length : end + 2;
            }
            else if (c == '\'')
                i = SkipQuoted(source, i + 1, '\'', verbatim: false);
            else if (StringStart(source, i) is { } start)
            {
                code.Append(' ');
                i = SkipString(source, start, code);
            }
            else
            {
                code.Append(c);
                i++;
            }
        }
        return code.ToString();
    }

    private readonly record struct Start(int Body, bool Interpolated, bool Verbatim, int RawQuotes);

    // A string literal's prefix ($, @, $@, @$, raw """) at i, or null.
    private static Start? StringStart(string s, int i)
    {
        var j = i;
        bool interpolated = false, verbatim = false;
        while (j < s.Length && (s[j] == '$' || s[j] == '@'))
        {
            interpolated |= s[j] == '$';
            verbatim |= s[j] == '@';
            j++;
        }
        if (j >= s.Length || s[j] != '"') return null;
        if (j > i && i > 0 && (char.IsLetterOrDigit(s[i - 1]) || s[i - 1] == '_')) return null;
        var quotes = 0;
        while (j + quotes < s.Length && s[j + quotes] == '"') quotes++;
        return quotes >= 3
            ? new Start(j + quotes, interpolated, Verbatim: false, quotes)
            : new Start(j + 1, interpolated, verbatim, RawQuotes: 0);
    }

    private static int SkipString(string s, Start start, StringBuilder code)
    {
        var i = start.Body;
        var closing = new string('"', start.RawQuotes);
        while (i < s.Length)
        {
            if (start.RawQuotes > 0 && string.CompareOrdinal(s, i, closing, 0, start.RawQuotes) == 0)
                return i + start.RawQuotes;
            if (start.RawQuotes == 0 && s[i] == '"')
            {
                if (start.Verbatim && i + 1 < s.Length && s[i + 1] == '"') { i += 2; continue; }
                return i + 1;
            }
            if (start.RawQuotes == 0 && !start.Verbatim && s[i] == '\\') { i += 2; continue; }
            if (start.Interpolated && s[i] == '{')
            {
                if (i + 1 < s.Length && s[i + 1] == '{') { i += 2; continue; }
                i = KeepHole(s, i + 1, code);
                continue;
            }
            i++;
        }
        return i;
    }

    // Copies an interpolation hole's code (up to its closing brace), itself stripped of literals.
    private static int KeepHole(string s, int i, StringBuilder code)
    {
        var depth = 0;
        var start = i;
        while (i < s.Length)
        {
            if (StringStart(s, i) is { } nested)
            {
                code.Append(CodeOnly(s[start..i])).Append(' ');
                i = SkipString(s, nested, code);
                start = i;
                continue;
            }
            if (s[i] == '\'') { i = SkipQuoted(s, i + 1, '\'', verbatim: false); continue; }
            if (s[i] == '{') depth++;
            if (s[i] == '}' && depth-- == 0) break;
            i++;
        }
        code.Append(CodeOnly(s[start..Math.Min(i, s.Length)])).Append(' ');
        return i + 1;
    }

    private static int SkipQuoted(string s, int i, char quote, bool verbatim)
    {
        while (i < s.Length && s[i] != quote && s[i] != '\n')
            i += !verbatim && s[i] == '\\' ? 2 : 1;
        return i + 1;
    }

    [GeneratedRegex(@"\b[A-Za-z_]\w*\b")]
    private static partial Regex Word();

    [GeneratedRegex(@"\b(?:class|struct|interface|enum|record(?:\s+(?:class|struct))?)\s+(?<name>[A-Za-z_]\w*)")]
    private static partial Regex Declaration();

    [GeneratedRegex(@"^\s*namespace\s+[\w.]+\s*\{", RegexOptions.Multiline)]
    private static partial Regex BlockNamespace();
}
