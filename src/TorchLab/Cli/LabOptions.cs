using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using TorchLab.Runs;

namespace TorchLab.Cli;

/// <summary>Options several commands share, declared once.</summary>
public static class LabOptions
{
    /// <summary><c>--seed</c>, a whole number read like the other numeric options.</summary>
    public static Option<long> Seed() => new("--seed")
    {
        Description = "Random seed for the split, initialisation, shuffling and dropout",
        DefaultValueFactory = _ => 0,
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
                return value;
            result.AddError($"--seed: '{Training.Data.Excerpt.Of(text)}' is not a whole number");
            return 0;
        },
    };

    /// <summary>
    /// Refuses every value of the argument or option behind <paramref name="result"/> that is not
    /// a model's name, with one line naming <paramref name="name"/> and the models there are.
    /// </summary>
    public static void CheckModelNames(SymbolResult result, string name)
    {
        var models = Runs.ModelRecipe.All.Select(r => r.Name).ToList();
        foreach (var token in result.Tokens.Where(t => !models.Contains(t.Value)))
            result.AddError($"{name}: '{Training.Data.Excerpt.Of(token.Value)}' is not a model; the models are " +
                $"{string.Join(", ", models)}");
    }

    /// <summary>The MODEL argument of train, summary, predict and explain; <paramref name="what"/> opens its
    /// description ("The model to train").</summary>
    public static Argument<string> Model(string what)
    {
        var model = new Argument<string>("model") { Description = $"{what}: " +
            $"{string.Join(", ", Runs.ModelRecipe.All.Select(r => r.Name))}" };
        model.Validators.Add(result => CheckModelNames(result, "MODEL"));
        return model;
    }

    /// <summary>The INPUT... argument of predict and explain: digits or DNA, typed or in files.</summary>
    public static Argument<string[]> Inputs() => new("input")
    {
        Description = "For tiny-cnn: an 8x8 8-bit greyscale PNG, or a CSV file of digits.csv rows (64 pixels " +
            "0..16, the label first or not). " +
            "For the sequence models: a 60-letter DNA sequence of A, C, G, T, or a file of them one per line " +
                "(alone or as splice.csv's 'label,sequence')",
        Arity = ArgumentArity.OneOrMore,
    };

    /// <summary>The <c>--weights</c> of predict and explain: a trained model's weights.</summary>
    public static Option<string?> Weights() => new("--weights")
    {
        Description = "A run folder (its model.pt) or a state-dict .pt file, TorchLab's or PyTorch's " +
            "torch.save(model.state_dict()) (default out/MODEL)",
    };

    /// <summary><c>--threads</c>; null leaves each model's own (<see cref="Runs.ModelRecipe.Threads"/>).</summary>
    public static Option<int?> Threads() => new("--threads")
    {
        Description = "Torch intra-op threads (default: the model's, 2 for the CNNs and seq-attn and 1 for the GRU, " +
            "at which PyTorch's reference accuracies were measured)",
        CustomParser = result => ThreadCount(result, result.Tokens.Count == 1 ? result.Tokens[0].Value : ""),
    };

    /// <summary>bench's <c>--threads</c>: one or more thread counts, each read as <see cref="Threads"/> reads
    /// one.</summary>
    /// <remarks>The values are checked here, while parsing: a validator that asked for them would throw
    /// on a value that did not convert, a stack trace in place of the error line.</remarks>
    public static Option<int[]> ThreadCounts(string description) => new("--threads")
    {
        Description = description,
        AllowMultipleArgumentsPerToken = true,
        CustomParser = result =>
        {
            var counts = new List<int>();
            foreach (var token in result.Tokens)
                if (ThreadCount(result, token.Value) is { } count) counts.Add(count);
                else return [];
            return counts.ToArray();
        },
    };

    private static int? ThreadCount(ArgumentResult result, string text)
    {
        var range = Runs.SettingRange.Threads;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            && range.Problem(value) is null)
            return value;
        result.AddError($"--threads: '{Training.Data.Excerpt.Of(text)}' is not a whole number from " +
            $"{range.Minimum} to {range.Maximum}");
        return null;
    }

    /// <summary><c>--lr-schedule</c>.</summary>
    public static Option<Runs.LrSchedule> Schedule() => new("--lr-schedule")
    {
        Description = "none, cosine (CosineAnnealingLR over the epochs) or plateau (ReduceLROnPlateau: halve after 2 " +
            "epochs without a better validation loss)",
        DefaultValueFactory = _ => Runs.LrSchedule.None,
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            if (text is "none" or "cosine" or "plateau") return Enum.Parse<Runs.LrSchedule>(text, ignoreCase: true);
            result.AddError($"--lr-schedule: '{Training.Data.Excerpt.Of(text)}' is not a schedule; " +
                $"use none, cosine or plateau");
            return Runs.LrSchedule.None;
        },
    };

    /// <summary><c>--device</c>.</summary>
    public static Option<string> Device() => new("--device") { Description = "auto, cpu, cuda or cuda:N (auto picks " +
        "CUDA when available)", DefaultValueFactory = _ => "auto" };

    /// <summary><c>--data</c>.</summary>
    public static Option<string> Data() => new("--data") { Description = "Folder holding digits.csv, splice.csv and " +
        "the images", DefaultValueFactory = _ => DefaultDataFolder() };

    /// <summary>The name of <see cref="Verbose"/>.</summary>
    public const string VerboseName = "--verbose";

    /// <summary><c>--verbose</c>.</summary>
    public static Option<bool> Verbose() => new(VerboseName) { Description = "Show stack traces " +
        "on errors", Recursive = true };

    /// <summary>
    /// data/ of the repository when run from anywhere inside it (dotnet run from the root, tests
    /// from bin/), else ./data.
    /// </summary>
    public static string DefaultDataFolder()
    {
        var start = new DirectoryInfo(Directory.GetCurrentDirectory());
        for (var folder = start; folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "TorchLab.sln")))
                return Path.Combine(folder.FullName, "data");
        return "data";
    }

    /// <summary>
    /// An optional whole-number option of at least <paramref name="minimum"/>, read with the
    /// invariant culture and no thousands separators; a bad value is a usage error naming the option.
    /// </summary>
    public static Option<int?> WholeNumber(string name, string description, int minimum = 1) =>
        WholeNumber(name, new Runs.SettingRange(name, minimum, int.MaxValue, Whole: true), description);

    /// <summary>An optional whole-number option for a training setting, within its <paramref name="range"/>.</summary>
    public static Option<int?> WholeNumber(string name, Runs.SettingRange range, string description) => new(name)
    {
        Description = description,
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            {
                var tooLarge = long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _);
                result.AddError($"{name}: '{Training.Data.Excerpt.Of(text)}' is not a whole number" +
                    $"{(tooLarge ? $" up to {int.MaxValue}" : "")}");
                return null;
            }
            if (range.Problem(value) is { } problem) result.AddError($"{name}: {value} {problem}");
            return value;
        },
    };

    /// <summary><c>--epochs</c>, at most <see cref="Runs.TrainSettings.MaxEpochs"/>.</summary>
    public static Option<int?> Epochs(string description) =>
        WholeNumber("--epochs", Runs.SettingRange.Epochs, $"{description}; at most {Runs.TrainSettings.MaxEpochs}, " +
            $"since every step's loss stays in the history, which each epoch's checkpoint rewrites");

    /// <summary>An optional number for a training setting, within its <paramref name="range"/>, read with the invariant
    /// culture.</summary>
    public static Option<double?> Number(string name, Runs.SettingRange range, string description) => new(name)
    {
        Description = description,
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture,
                out var value) || !double.IsFinite(value))
            {
                result.AddError($"{name}: '{Training.Data.Excerpt.Of(text)}' is not a number");
                return null;
            }
            if (range.Problem(value) is { } problem) result.AddError($"{name}: {text} {problem}");
            return value;
        },
    };
}
