using System.CommandLine;
using System.CommandLine.Help;
using Spectre.Console;
using TorchLab.Commands;

namespace TorchLab.TorchLab.Tests;

/// <summary>
/// Every option and argument of every command, found by walking the real command tree (so a new
/// command or option is tried without editing this file), given values it cannot take: each must
/// end in exit 2 and one line on stderr naming it, without a stack trace or a raw control character.
/// </summary>
public class OptionWalkTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    private const string Missing = "(missing)";
    private const string Escape = "1\u001b[2J\u001b]0;pwned\u0007";

    // Values no numeric option accepts.
    private static readonly string[] NotNumbers =
        ["x", "", "NaN", "Infinity", "-Infinity", "1,5", "0x10", Escape, new string('9', 100_000), Missing];

    // A seed may be negative (as torch.manual_seed's may), so the negative a whole number refuses is one past long's
    // range; every other option counts or scales something, so -1 is out of its range. A learning rate of 1e20 is a
    // number in range (it diverges, exit 1), so a double's huge value is one past double's range.
    private static string[] BadValues(Type type) => type switch
    {
        _ when type == typeof(string) => ["", Missing],
        _ when type == typeof(string[]) => ["no-such-model", "", Escape, Missing],
        _ when type.IsEnum => ["no-such-name", "", "NONE!", Escape, Missing],
        _ when type == typeof(long) || type == typeof(long?) =>
            [.. NotNumbers, "1.5", "-99999999999999999999", "99999999999999999999"],
        _ when type == typeof(double) || type == typeof(double?) => [.. NotNumbers, "1e999", "-1e999", "-1"],
        _ => [.. NotNumbers, "1.5", "-99999999999999999999", "99999999999999999999", "-1"],
    };

    // The arguments a command needs, so that the option under test is what the command line gets wrong.
    private string[] Arguments(Command command) => [.. command.Arguments.SelectMany(a => a.Name switch
    {
        "model" => new[] { "tiny-cnn" },
        "input" => [DigitsFile()],
        _ => throw new InvalidOperationException($"no sample value for the argument {a.Name} of {command.Name}; " +
            "add one to OptionWalkTests.Arguments"),
    })];

    private string DigitsFile()
    {
        var path = folder.File("digits.csv");
        if (!File.Exists(path)) File.WriteAllLines(path, File.ReadLines(DataFiles.File("digits.csv")).Take(3));
        return path;
    }

    private static IEnumerable<(string[] path, Command command)> Walk(Command command, string[] path)
    {
        yield return (path, command);
        foreach (var sub in command.Subcommands)
            foreach (var found in Walk(sub, [.. path, sub.Name]))
                yield return found;
    }

    private static RootCommand Tree() => LabCli.Commands(AnsiConsole.Create(new AnsiConsoleSettings
        { Out = new AnsiConsoleOutput(TextWriter.Null) }));

    private static string? Problem(string[] args, string name)
    {
        var (code, stdout, stderr) = CliRunner.RunSplit(args);
        var lines = stderr.TrimEnd('\n').Split('\n');
        var shown = string.Join(' ', args.Select(a => Training.Data.Excerpt.Of(a, 30)));
        if (code != 2) return $"{shown}: exit {code}\n{Training.Data.Excerpt.Of(stdout + stderr, 400)}";
        if (lines.Length != 1)
            return $"{shown}: {lines.Length} lines on stderr\n{Training.Data.Excerpt.Of(stderr, 400)}";
        var line = lines[0];
        if (!line.StartsWith("error: ", StringComparison.Ordinal) || !line.Contains(name, StringComparison.Ordinal))
            return $"{shown}: the line does not name {name}: {Training.Data.Excerpt.Of(line, 200)}";
        if (line.Any(char.IsControl))
            return $"{shown}: a raw control character in {Training.Data.Excerpt.Of(line, 200)}";
        if (line.Length > 400) return $"{shown}: a line of {line.Length} characters";
        return null;
    }

    [Fact]
    public void Every_option_of_every_command_refuses_bad_values_in_one_line()
    {
        var problems = new List<string>();
        var tried = 0;
        foreach (var (path, command) in Walk(Tree(), []))
        // Flags (--verbose, --csv, --help, --version) take no value.
        foreach (var option in command.Options.Where(o => !o.Hidden && o.ValueType != typeof(bool)
            && o is not (HelpOption or VersionOption)))
        foreach (var value in BadValues(option.ValueType))
        {
            // A run folder in the scratch folder, in case a command prepares it before it reads the bad value.
            string[] output = option.Name != "--out" && command.Options.Any(o => o.Name == "--out")
                ? ["--out", folder.File("out")] : [];
            string[] given = value == Missing ? [] : [value];
            string[] args = [.. path, .. Arguments(command), .. output, option.Name, .. given];
            tried++;
            if (Problem(args, option.Name) is { } problem) problems.Add(problem);
        }
        Assert.True(tried > 100, $"only {tried} command lines: the walk did not find the options");
        Assert.True(problems.Count == 0, $"{problems.Count} of {tried} command lines:\n{string.Join('\n', problems)}");
    }

    [Fact]
    public void Every_argument_of_every_command_refuses_bad_values_in_one_line()
    {
        var problems = new List<string>();
        var tried = 0;
        foreach (var (path, command) in Walk(Tree(), []))
        for (var i = 0; i < command.Arguments.Count; i++)
        foreach (var value in new[] { "", Escape, new string('9', 100_000) })
        {
            var args = Arguments(command);
            args[i] = value;
            tried++;
            // The line names the value (escaped), or a problem found before it is read.
            if (Problem([.. path, .. args], "error: ") is { } problem)
                problems.Add(problem);
        }
        Assert.True(tried >= 9, $"only {tried} command lines: the walk did not find the arguments");
        Assert.True(problems.Count == 0, $"{problems.Count} of {tried} command lines:\n{string.Join('\n', problems)}");
    }
}
