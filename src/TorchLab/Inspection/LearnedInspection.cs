using TorchLab.ByHand;
using TorchLab.Runs;
using TorchLab.Storage.Folders;
using TorchLab.Training.Data;
using static TorchSharp.torch;

namespace TorchLab.Inspection;

/// <summary>
/// The lab's look inside its trained models (from each run folder's model.pt, on the test set): tiny-cnn's
/// kernels and one digit's feature maps, seq-cnn's first-layer filters, where they fire and the k-mers they
/// found at the junction, where seq-attn's attention goes, and every sequence model's accuracy under a shift.
/// Figures go to <c>out/inspect/</c>.
/// </summary>
public static class LearnedInspection
{
    /// <summary>How many strongest test windows stand for each seq-cnn filter.</summary>
    public const int KmerTop = 20;

    /// <summary>The test digit whose feature maps are drawn.</summary>
    public const int DigitRow = 0;

    public static LearnedFindings Run(
        string outFolder,
        string folderName,
        string dataFolder,
        long seed,
        IReadOnlyList<RunResult> runs,
        Func<ModelRecipe, string, nn.Module<Tensor, Tensor>> loadModel)
    {
        var figures = new LearnedFigures(Path.Combine(outFolder, folderName), outFolder);
        string? Folder(ModelRecipe recipe) => runs.FirstOrDefault(r => r.Name == recipe.Name)?.Settings.OutputFolder;
        var tests = new Dictionary<LabData, LabeledData>();
        LabeledData Test(ModelRecipe recipe) => tests.TryGetValue(recipe.Data, out var t)
            ? t
            : tests[recipe.Data] = recipe.LoadData(dataFolder, seed).Test;

        T With<T>(ModelRecipe recipe, Func<nn.Module<Tensor, Tensor>, T> use)
        {
            using var model = loadModel(recipe, Folder(recipe)!);
            return use(model);
        }

        DigitSample? digit = Folder(ModelRecipe.TinyCnn) is null
            ? null
            : With(ModelRecipe.TinyCnn, m => Digits(m, Test(ModelRecipe.TinyCnn), figures));
        (IReadOnlyList<FilterKmers> kmers, IReadOnlyList<FilterPeaks> near, IReadOnlyList<JunctionLetters> letters)
            junction = Folder(ModelRecipe.SeqCnn) is null
                ? ([], [], [])
                : With(ModelRecipe.SeqCnn, m => Junction(m, Test(ModelRecipe.SeqCnn), figures));
        var attention = Folder(ModelRecipe.SeqAttn) is null
            ? []
            : With(ModelRecipe.SeqAttn, m => Attention(m, Test(ModelRecipe.SeqAttn), figures));

        // Every sequence model the lab trained, in the recipes' order: a model added to ModelRecipe joins the test.
        var curves = ModelRecipe.All
            .Where(r => r.Data == LabData.Splice && Folder(r) is not null)
            .Select(r => With(r, m => ShiftTest.Score(r.Name, m, Test(r), ShiftTest.LabShifts, ShiftTest.Neutral)))
            .ToList();
        var majority = curves.Count > 0
            ? Majority(Test(ModelRecipe.All.First(r => r.Data == LabData.Splice)))
            : (name: "", share: double.NaN);
        var shiftFigure = curves.Count > 0
            ? figures.Shift(curves, majority.name, majority.share)
            : ((string, string)?)null;
        var checkFigures = figures.Written.Where(f => f != shiftFigure).ToList();
        return new LearnedFindings(
            checkFigures,
            digit,
            junction.kmers,
            KmerTop,
            junction.near,
            junction.letters,
            curves,
            shiftFigure,
            majority.name,
            majority.share,
            attention);
    }

    private static DigitSample Digits(nn.Module<Tensor, Tensor> model, LabeledData test, LearnedFigures figures)
    {
        using var scope = NewDisposeScope();
        var (features, _) = test.ToTensors();
        var image = features.narrow(0, DigitRow, 1);                             // (1, 1, 8, 8)
        var outputs = LayerActivations.Capture(model, image);
        try
        {
            // The conv layers' outputs, through ReLU here: what the next layer sees,
            // whether or not ReLU is a module of its own.
            Tensor After(string name) => outputs.First(o => o.Name == name).Output.relu()[0];   // (C, H, W)
            var predicted = outputs[^1].Output.argmax(1).item<long>();
            var sample = new DigitSample(DigitRow, test.Labels[DigitRow], predicted);
            figures.DigitKernels(LearnedFilters.Planes(LearnedFilters.Parameter(model, "conv1.weight").squeeze(1)));
            figures.DigitFeatureMaps(
                sample,
                LearnedFilters.Planes(image[0])[0],
                LearnedFilters.Planes(After("conv1")),
                LearnedFilters.Planes(After("conv2")));
            return sample;
        }
        finally
        {
            foreach (var output in outputs) output.Output.Dispose();
        }
    }

    private static (IReadOnlyList<FilterKmers>, IReadOnlyList<FilterPeaks>, IReadOnlyList<JunctionLetters>) Junction(
        nn.Module<Tensor, Tensor> model,
        LabeledData test,
        LearnedFigures figures)
    {
        using var scope = NewDisposeScope();
        var (inputs, _) = test.ToTensors();                                      // (N, 4, 60)
        var outputs = LayerActivations.Capture(model, inputs);
        try
        {
            // Before ReLU, so a filter that stays negative still has a place where it is least negative.
            var activations = outputs.First(o => o.Name == "conv1").Output;      // (N, 32, 60)
            var weight = LearnedFilters.Parameter(model, "conv1.weight");       // (32, 4, 7)
            var filters = LearnedFilters.Planes(weight);
            var kmers = JunctionKmers.Find(activations, inputs, test.Labels, filters, (int)weight.shape[2], KmerTop);
            var counts = FilterFiring.PeakCounts(activations);
            var byClass = Enumerable.Range(0, test.ClassNames.Count).Select(c =>
            {
                using var rows = tensor(Enumerable.Range(0, test.Count)
                    .Where(i => test.Labels[i] == c)
                    .Select(i => (long)i)
                    .ToArray());
                return (
                    counts: FilterFiring.PeakCounts(activations.index_select(0, rows)),
                    sequences: (int)rows.shape[0]);
            }).ToList();
            // Positions 27-34 (0-based 26-33): the boundary and four on each side, where a window of 7 still covers it.
            double Near(int[,] peaks, int f, int sequences) => sequences == 0
                ? double.NaN
                : Enumerable.Range(JunctionKmers.Boundary - 4, 8).Sum(p => peaks[f, p]) / (double)sequences;
            var near = Enumerable.Range(0, counts.GetLength(0))
                .Select(f => new FilterPeaks(
                    Near(counts, f, test.Count),
                    [.. byClass.Select(c => Near(c.counts, f, c.sequences))]))
                .ToList();
            figures.SequenceFilters(kmers, filters);
            figures.Firing(counts);
            var sequences = JunctionKmers.Letters(inputs)
                .Select((s, i) => (window: new KmerWindow(s, 1, 0, i, test.Labels[i]), label: test.Labels[i]))
                .ToList();
            var letters = test.ClassNames
                .Select((name, c) => sequences.Where(s => s.label == c).ToList())
                .Select((rows, c) => new JunctionLetters(
                    test.ClassNames[c],
                    rows.Count,
                    rows.Count(r => r.window.HasDonor),
                    rows.Count(r => r.window.HasAcceptor)))
                .ToList();
            return (kmers, near, letters);
        }
        finally
        {
            foreach (var output in outputs) output.Output.Dispose();
        }
    }

    private static IReadOnlyList<ClassAttention> Attention(
        nn.Module<Tensor, Tensor> model,
        LabeledData test,
        LearnedFigures figures)
    {
        var maps = AttentionMaps.ByClass(ByHandForward.Weights(model), test);
        figures.Attention(maps);
        return maps;
    }

    private static (string name, double share) Majority(LabeledData test)
    {
        var largest = test.Labels.GroupBy(l => l).MaxBy(g => g.Count())!;
        return (test.ClassNames[(int)largest.Key], largest.Count() / (double)test.Count);
    }
}
