using TorchLab.Plotting;
using TorchLab.Storage.Files;

namespace TorchLab.Explanation;

/// <summary>
/// The figures of why the models decided, each written whole (AtomicFile) into one folder: per sequence model a
/// page of integrated-gradients logos and a page of mutagenesis heatmaps; for tiny-cnn test digits and the class
/// means beside their attribution maps.
/// </summary>
public sealed class ExplanationFigures(string folder, string reportFolder)
{
    public const string DigitsFile = "tiny_cnn_attributions.png";

    public const string ClassMeansFile = "tiny_cnn_class_means.png";

    public List<(string caption, string path)> Written { get; } = [];

    /// <summary>The logos' file of a sequence model: seq_cnn_logos.png for seq-cnn.</summary>
    public static string LogosFile(string model) => $"{model.Replace('-', '_')}_logos.png";

    /// <summary>The mutagenesis heatmaps' file of a sequence model: seq_cnn_mutagenesis.png for seq-cnn.</summary>
    public static string MutagenesisFile(string model) => $"{model.Replace('-', '_')}_mutagenesis.png";

    public void Logos(string model, int steps, IReadOnlyList<AttributionLogo> logos) => Add(LogosFile(model),
        $"{model}: integrated gradients ({steps} steps, from the zero vector) of the true class's logit for the first "
            + $"test sequences of each class; each letter is as tall as its attribution, above the axis when it "
            + "raises the logit, below when it lowers it; the dashed line is the junction, between 30 and 31",
        path => AttributionLogoFigure.SavePng(path, $"{model}: which letters made the logit", logos));

    public void Mutagenesis(string model, IReadOnlyList<MutagenesisMap> maps) => Add(MutagenesisFile(model),
        $"{model}: in-silico mutagenesis of the first EI and the first IE test sequence: the change of the true "
            + "class's logit when the position is set to the letter (blue lowers it, red raises it; a dot marks the "
            + "letter present)",
        path => MutagenesisFigure.SavePng(path, $"{model}: every letter at every position", maps));

    public void Digits(string model, int steps, IReadOnlyList<DigitAttribution> items) => Add(DigitsFile,
        $"{model}: the first test digit of each class beside its integrated gradients ({steps} steps, from the blank "
            + "image) of the true class's logit; red raises the logit, blue lowers it, each map on its own scale",
        path => DigitAttributionFigure.SavePng(path, $"{model}: which pixels made the logit", items));

    public void ClassMeans(string model, IReadOnlyList<DigitAttribution> items) => Add(ClassMeansFile,
        $"{model}: each class's mean test digit beside the mean of its integrated-gradients maps (true class)",
        path => DigitAttributionFigure.SavePng(path, $"{model}: what each class's logit rests on, on average",
            items));

    private void Add(string file, string caption, Action<string> draw)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, file);
        AtomicFile.Write(path, draw);
        Written.Add((caption, Path.GetRelativePath(reportFolder, path).Replace('\\', '/')));
    }
}
