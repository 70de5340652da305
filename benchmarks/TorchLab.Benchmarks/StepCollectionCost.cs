using System.Diagnostics;
using System.Globalization;
using TorchLab.Runner;
using TorchLab.Runs;
using TorchLab.Training;
using static TorchSharp.torch;

namespace TorchLab.Benchmarks;

/// <summary>
/// What seq-attn's collection after each step (YoungCollection, issue 27) costs in time, measured in
/// one process so that the machine's drift lands on every variant: rounds of the same seeded run
/// without it, with it, and with it followed by GC.WaitForPendingFinalizers, in a rotated order,
/// at the recipe's thread count. Prints each round's seconds per epoch and the ratios to "none".
/// <c>dotnet run -c Release --project benchmarks/TorchLab.Benchmarks -- step-collection [model] [epochs]
/// [rounds] [data]</c>
/// </summary>
public static class StepCollectionCost
{
    private sealed record Variant(string Name, Func<ModelRecipe, Action<int, int, double>?> OnStep);

    private static readonly Variant[] Variants =
    [
        new("none", _ => null),
        new("collect", recipe => YoungCollection.AfterStep(recipe)),
        new("collect+wait", recipe => YoungCollection.AfterStep(recipe, (_, _, _) => GC.WaitForPendingFinalizers())),
    ];

    public static void Run(string model, int epochs, int rounds, string dataFolder)
    {
        var recipe = ModelRecipe.Find(model)
            ?? throw new ArgumentException($"step-collection: unknown model '{model}'");
        set_num_threads(recipe.Threads);
        var perEpoch = Variants.ToDictionary(v => v.Name, _ => new List<double>());
        Console.WriteLine($"{recipe.Name}, {recipe.Threads} thread(s), {epochs} epochs a run (the first one not " +
            $"timed), {rounds} rounds");
        for (var round = 0; round < rounds; round++)
        {
            var line = new List<string>();
            for (var k = 0; k < Variants.Length; k++)
            {
                var variant = Variants[(round + k) % Variants.Length];   // rotated, so no variant always runs first
                var seconds = Time(recipe, dataFolder, epochs, variant.OnStep(recipe));
                perEpoch[variant.Name].Add(seconds);
                line.Add($"{variant.Name} {Format(seconds)}");
            }
            Console.WriteLine($"round {round + 1}: s/epoch {string.Join(", ", line)}");
        }
        var none = Median(perEpoch["none"]);
        foreach (var variant in Variants)
        {
            var ratios = Enumerable.Range(0, rounds)
                .Select(r => perEpoch[variant.Name][r] / perEpoch["none"][r]).ToList();
            Console.WriteLine($"{variant.Name,-13} median s/epoch {Format(Median(perEpoch[variant.Name]))}, " +
                $"ratio to none {Format(Median(perEpoch[variant.Name]) / none)} (per round: " +
                $"{string.Join(" ", ratios.Select(Format))})");
        }
    }

    // Median seconds per epoch of one seeded run, after an untimed first epoch (oneDNN primitives, JIT).
    private static double Time(ModelRecipe recipe, string dataFolder, int epochs, Action<int, int, double>? onStep)
    {
        using var setup = RunSetup.Protocol(recipe, dataFolder, CPU);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var history = TrainingLoop.Fit(setup.Model, setup.Optimizer, setup.Train, setup.Valid, epochs,
            onStep: onStep);
        return Median(history.Epochs.Skip(1).Select(e => e.Seconds).ToList());
    }

    private static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToList();
        var half = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[half] : (sorted[half - 1] + sorted[half]) / 2;
    }

    private static string Format(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);
}
