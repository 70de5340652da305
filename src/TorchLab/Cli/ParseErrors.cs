using System.CommandLine;
using System.CommandLine.Parsing;

namespace TorchLab.Cli;

/// <summary>
/// A command line that did not parse, as the one line the README promises. System.CommandLine
/// reports each stray token and a missing argument by the command's name only; this names the
/// token, or the argument that is missing and what it takes.
/// </summary>
public static class ParseErrors
{
    /// <summary>The line (without "error: ") for a <paramref name="parse"/> that has errors.</summary>
    public static string Describe(ParseResult parse)
    {
        var command = parse.CommandResult.Command;
        var path = Path(parse.CommandResult);
        // The first stray token is the mistake; those after it are usually its value ("--epoch 3").
        if (parse.UnmatchedTokens.Count > 0)
        {
            // Quoted short and escaped: a stray token can be a 100,000-character paste or hold escape sequences.
            var token = Training.Data.Excerpt.Of(parse.UnmatchedTokens[0]);
            if (token.StartsWith('-'))
                return $"'{token}' is not an option{(path.Length > 0 ? $" of {path}" : "")}; {Help(path)} lists them";
            if (parse.CommandResult.Parent is null && command.Subcommands.Count > 0)
                return $"'{token}' is not a command; the commands are " +
                    $"{string.Join(", ", command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name))} " +
                        $"({Help(path)} says what each does)";
            return $"unexpected argument '{token}'{(path.Length > 0 ? $" for {path}" : "")}; " +
                $"{Help(path)} shows the usage";
        }
        var missing = command.Arguments.Where(a => a.Arity.MinimumNumberOfValues > 0
            && parse.CommandResult.GetResult(a) is not { Tokens.Count: > 0 }).ToList();
        // The missing argument's own error says only "Required argument missing for command: 'train'".
        var others = parse.Errors.Where(e => missing.Count == 0 || !(e.SymbolResult == parse.CommandResult
            || e.SymbolResult is ArgumentResult { Argument: var a } && missing.Contains(a)));
        var lines = missing.Select(a => $"{path}: {a.Name.ToUpperInvariant()} is missing " +
            $"({Lower(a.Description ?? a.Name)})")
            .Concat(others.Select(e => e.Message.TrimEnd('.'))).Distinct().ToList();
        return string.Join("; ", lines);
    }

    private static string Path(CommandResult result) =>
        result.Parent is CommandResult parent ? $"{Path(parent)} {result.Command.Name}".TrimStart() : "";

    private static string Help(string path) => path.Length > 0 ? $"{path} --help" : "--help";

    private static string Lower(string text) => text.Length > 0 ? char.ToLowerInvariant(text[0]) + text[1..] : text;
}
