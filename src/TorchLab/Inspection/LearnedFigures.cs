using TorchLab.ByHand;
using TorchLab.Plotting;
using TorchLab.Storage.Files;

namespace TorchLab.Inspection;

/// <summary>The figures of what the models learned, each written whole (AtomicFile) into one folder.</summary>
public sealed class LearnedFigures(string folder, string reportFolder)
{
    public List<(string caption, string path)> Written { get; } = [];

    /// <summary>Draws one figure; returns its (caption, path relative to the report).</summary>
    public (string caption, string path) Add(string file, string caption, Action<string> draw)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, file);
        AtomicFile.Write(path, draw);
        var entry = (caption, Path.GetRelativePath(reportFolder, path).Replace('\\', '/'));
        Written.Add(entry);
        return entry;
    }

    public void DigitKernels(float[][,] kernels) => Add("tiny_cnn_kernels.png",
        "tiny-cnn's eight learned conv1 kernels (3x3, one shared scale, blue negative, red positive)",
        path => ImageGrid.SavePng(
            path,
            [("conv1 kernels", [.. kernels.Select((k, i) => new GridImage(k, $"kernel {i + 1}"))])],
            "tiny-cnn: the learned 3x3 kernels of conv1",
            ColorMap.Diverging,
            sharedScale: true,
            cellSize: 110));

    public void DigitFeatureMaps(DigitSample digit, float[,] image, float[][,] conv1, float[][,] conv2) => Add(
        "tiny_cnn_feature_maps.png",
        $"Test digit {digit.TestRow} (label {digit.Label}, predicted {digit.Predicted}) and what the next layer sees: "
            + "conv1's and conv2's outputs after ReLU (each map on its own scale, black 0)",
        path => ImageGrid.SavePng(path,
        [
            ($"test row {digit.TestRow}: a {digit.Label}", [new GridImage(image, "input 8x8")]),
            ("conv1 + ReLU", [.. conv1.Select((m, i) => Map(m, i + 1))]),
            ("conv2 + ReLU", [.. conv2.Take(8).Select((m, i) => Map(m, i + 1))]),
            ("conv2 + ReLU", [.. conv2.Skip(8).Select((m, i) => Map(m, i + 9))]),
        ], $"tiny-cnn feature maps of test digit {digit.TestRow}", cellSize: 100));

    // A map that ReLU zeroed everywhere has no range of its own to shade, so its caption says so.
    private static GridImage Map(float[,] values, int number)
    {
        var allZero = values.Cast<float>().All(v => v == 0) ? ", all 0" : "";
        return new(values, $"map {number} ({values.GetLength(0)}x{values.GetLength(1)}){allZero}");
    }

    public void SequenceFilters(IReadOnlyList<FilterKmers> kmers, float[][,] filters)
    {
        string[] letters = [.. LearnedFilters.Alphabet.Select(c => c.ToString())];
        (string, IReadOnlyList<GridImage>) Row(int r) => (
            $"filters {8 * r + 1}-{Math.Min(8 * r + 8, filters.Length)}",
            [.. filters
                .Skip(8 * r)
                .Take(8)
                .Select((f, i) => new GridImage(
                    f,
                    $"{8 * r + i + 1}: {kmers[8 * r + i].Consensus}",
                    RowNames: letters))]);
        Add("seq_cnn_filters.png",
            "seq-cnn's 32 learned conv1 filters: letters A, C, G, T down, the 7 window positions across "
                + "(one shared scale, blue negative, red positive); each caption is the filter's best k-mer",
            path => ImageGrid.SavePng(
                path,
                [.. Enumerable.Range(0, (filters.Length + 7) / 8).Select(Row)],
                "seq-cnn: the learned conv1 filters (4 letters x 7 positions)",
                ColorMap.Diverging,
                sharedScale: true,
                cellSize: 110));
    }

    public void Firing(int[,] counts)
    {
        var values = new float[counts.GetLength(0), counts.GetLength(1)];
        for (var f = 0; f < values.GetLength(0); f++)
        for (var p = 0; p < values.GetLength(1); p++)
            values[f, p] = counts[f, p];
        Add("seq_cnn_firing.png",
            "Where each seq-cnn conv1 filter fires most: for every test sequence, the position (1-60) "
                + "of the filter's largest activation; the dashed line is the junction, between positions 30 and 31",
            path => HeatmapFigure.SavePng(
                path,
                values,
                "seq-cnn conv1: position of each filter's largest activation",
                ColorMap.Sequential,
                1000,
                640,
                "position of the largest activation (window centre)",
                "filter",
                firstIndex: 1,
                columnLines: [JunctionKmers.Boundary + 0.5],
                barLabel: "test sequences"));
    }

    public void Attention(IReadOnlyList<ClassAttention> maps)
    {
        var heads = ByHandForward.AttentionHeads;
        foreach (var map in maps.Where(m => m.Sequences > 0))
            Add($"seq_attn_attention_{map.Class}.png",
                $"seq-attn's attention in the {map.Sequences} {map.Class} test sequences: "
                    + "row = the position that looks (query), column = the position looked at (key), "
                    + $"averaged over the {heads} heads; each row sums to 1; "
                    + "the dashed line is the junction, between positions 30 and 31",
                path => HeatmapFigure.SavePng(
                    path,
                    map.Map,
                    $"seq-attn: mean attention, {map.Class} test sequences",
                    ColorMap.Sequential,
                    760,
                    640,
                    "key: position looked at",
                    "query: position looking",
                    firstIndex: 1,
                    columnLines: [JunctionKmers.Boundary + 0.5],
                    barLabel: "attention weight"));
        var positions = maps[0].Positions;
        double[] keys = [.. Enumerable.Range(1, positions).Select(k => (double)k)];
        var even = new LineSeries($"evenly (1/{positions})", [keys[0], keys[^1]], [1.0 / positions, 1.0 / positions]);
        Add("seq_attn_attention_received.png",
            $"The attention each position receives in seq-attn, averaged over all {positions} queries, "
                + $"the {heads} heads and each class's test sequences; "
                + $"the flat line is attention spread evenly (1/{positions})",
            path => LineChart.SavePng(
                path,
                "seq-attn: attention received by each position",
                "key: position looked at (the junction is between 30 and 31)",
                "mean attention weight",
                [.. maps
                    .Where(m => m.Sequences > 0)
                    .Select(m => new LineSeries($"{m.Class} ({m.Sequences} sequences)", keys, m.Received)),
                    even],
                width: 900));
    }

    public (string caption, string path) Shift(IReadOnlyList<ShiftCurve> curves, string majorityClass, double majority)
    {
        var always = new LineSeries(
            $"always {majorityClass} (majority class)",
            [(double)curves[0].Shifts[0], curves[0].Shifts[^1]],
            [majority, majority]);
        return Add("shift_accuracy.png",
            "Test accuracy of every sequence model with each test sequence shifted by -10..10 positions "
                + "(padded with the zero vector, no letter)",
            path => LineChart.SavePng(
                path,
                "Test accuracy against a shift of the sequence",
                "shift (positions; + moves the sequence towards its end)",
                "test accuracy",
                [.. curves.Select(c => new LineSeries(
                        c.Model,
                        [.. c.Shifts.Select(s => (double)s)],
                        c.Accuracy,
                        Markers: true)),
                    always],
                width: 900));
    }
}
