using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using TorchLab.Checkpoints;
using TorchLab.Images;
using TorchLab.Prediction;
using TorchLab.Runs;
using TorchLab.Storage.Serialization;
using TorchLab.Training.Data;
using static TorchSharp.torch;

namespace TorchLab.TorchLab.Tests;

/// <summary>
/// <c>predict</c>: its probabilities against the model's own forward pass and against PyTorch's
/// softmax on weights PyTorch saved, a data row and the PNG written from it alike, and one line
/// with exit code 2 for each kind of bad input.
/// </summary>
// Serial: the models are seeded through libtorch's global generator, which other tests draw from.
[Collection(nameof(Serial))]
public class PredictTests : IDisposable
{
    private static readonly string[] DigitRows = File.ReadLines(DataFiles.File("digits.csv")).Take(6).ToArray();     // the header and 5 rows
    private static readonly string[] SpliceRows = File.ReadLines(DataFiles.File("splice.csv")).Skip(2000).Take(4).ToArray();   // 4 test rows
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    public static TheoryData<string> Names => new(ModelRecipe.All.Select(r => r.Name));

    [Theory]
    [MemberData(nameof(Names))]
    public void Probabilities_are_the_softmax_of_the_models_own_forward_pass(string name)
    {
        var recipe = ModelRecipe.Find(name)!;
        var weights = SeededWeights(recipe, 1);
        var data = folder.File("rows.csv");
        File.WriteAllLines(data, recipe.Data == LabData.Digits ? DigitRows : ["label,sequence", .. SpliceRows]);

        var rows = Predict(name, data, "--weights", weights);

        // The oracle: the training data's own loader and the model's forward pass.
        var examples = recipe.Data == LabData.Digits ? DigitsCsv.Load(data) : SpliceCsv.Load(data);
        using var model = recipe.Create();
        Checkpoint.LoadModel(weights, model, PtFile.Load(weights));
        model.eval();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var (x, _) = examples.ToTensors();
        var expected = nn.functional.softmax(model.call(x), 1);
        Assert.Equal(examples.Count, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var want = expected[i].data<float>().ToArray();
            AssertClose(want, rows[i].probabilities, 1e-6, $"{name}, row {i + 1}");
            Assert.Equal(examples.ClassNames[(int)examples.Labels[i]], rows[i].label);
            Assert.Equal(examples.ClassNames[Array.IndexOf(want, want.Max())], rows[i].predicted);
        }
    }

    [Fact]
    public void A_digit_row_written_as_a_png_predicts_exactly_like_the_row()
    {
        for (var level = 0; level <= DigitsCsv.MaxPixel; level++) Assert.Equal(level, DigitInput.LevelOf(DigitInput.GreyOf(level)));
        Assert.Equal((0, 128, 255), (DigitInput.GreyOf(0), DigitInput.GreyOf(8), DigitInput.GreyOf(16)));

        var weights = SeededWeights(ModelRecipe.TinyCnn, 2);
        var data = folder.File("rows.csv");
        File.WriteAllLines(data, DigitRows);
        var images = DigitRows[1..].Select((row, i) => WriteDigitPng(folder.File($"digit{i}.png"), row)).ToList();
        Assert.All(images, png => Assert.Equal(new PngHeader(8, 8, 8, 0), PngFile.ReadHeader(png)));

        var fromRows = Predict("tiny-cnn", data, "--weights", weights);
        var fromImages = Predict("tiny-cnn", [.. images, "--weights", weights]);
        Assert.Equal(fromRows.Select(r => r.probabilities), fromImages.Select(r => r.probabilities));
        Assert.Equal(images, fromImages.Select(r => r.input));
    }

    [Fact]
    public void Weights_pytorch_saved_predict_as_pytorch_does()
    {
        PythonTorch.RequireOrSkip();
        var digitRow = DigitRows[3];
        var sequence = SpliceRows[1].Split(',')[1];
        // Each of pytorch_lab.py's models, its initial weights tripled so that the classes'
        // probabilities differ, saved as NAME.pt; the input is scaled and one-hot encoded as
        // pytorch_lab.py loads the data. One Python for all four: importing torch is the slow part.
        var expected = JsonSerializer.Deserialize<Dictionary<string, float[]>>(PythonTorch.Run($"""
            import json, os, sys, torch
            sys.path.insert(0, {PythonTorch.Literal(Path.Combine(AppContext.BaseDirectory, "pytorch"))})
            from pytorch_lab import MODELS
            digit = torch.tensor([float(v) / 16 for v in {PythonTorch.Literal(digitRow)}.split(",")[1:]]).reshape(1, 1, 8, 8)
            dna = torch.zeros(1, 4, 60)
            for p, letter in enumerate({PythonTorch.Literal(sequence)}): dna[0, "ACGT".index(letter), p] = 1.0
            result = dict()
            for name, model_class in MODELS.items():
                torch.manual_seed(3)
                model = model_class()
                with torch.no_grad():
                    for p in model.parameters(): p.mul_(3)
                model.eval()
                torch.save(model.state_dict(), os.path.join({PythonTorch.Literal(folder.Path)}, name + ".pt"))
                with torch.no_grad():
                    result[name] = torch.softmax(model(digit if name == "tiny-cnn" else dna), 1)[0].tolist()
            print(json.dumps(result))
            """))!;
        Assert.Equal(ModelRecipe.All.Select(r => r.Name).Order(), expected.Keys.Order());

        File.WriteAllLines(folder.File("row.csv"), [DigitRows[0], digitRow]);
        var digitInputs = new[] { folder.File("row.csv"), WriteDigitPng(folder.File("row.png"), digitRow) };
        foreach (var (name, probabilities) in expected)
        {
            Assert.True(probabilities.Max() - probabilities.Min() > 0.05, $"{name}: PyTorch's probabilities {string.Join(", ", probabilities)} are too even to tell a wrong answer from a right one");
            var rows = Predict(name, [.. name == "tiny-cnn" ? digitInputs : new[] { sequence }, "--weights", folder.File($"{name}.pt")]);
            Assert.Equal(name == "tiny-cnn" ? 2 : 1, rows.Count);
            foreach (var row in rows) AssertClose(probabilities, row.probabilities, 1e-5, $"{name} on {row.input}");
        }
    }

    [Fact]
    public void Bad_sequences_name_the_length_the_letter_and_its_position()
    {
        var weights = SeededWeights(ModelRecipe.SeqCnn, 4);
        var good = SpliceRows[0].Split(',')[1];
        AssertUsageError(["predict", "seq-cnn", good[..59], "--weights", weights],
            $"input 1 '{good[..40]}... (59 characters)' names no file and is not a DNA sequence: sequence has 59 letters, expected 60");
        AssertUsageError(["predict", "seq-cnn", good, good[..20] + "N" + good[21..], "--weights", weights],
            $"input 2 '{good[..20]}N{good[21..40]}... (60 characters)' names no file and is not a DNA sequence: letter 'N' at position 21 is not one of A, C, G, T");
        AssertUsageError(["predict", "seq-cnn", "lowercase" + good[9..].ToLowerInvariant(), "--weights", weights], "letter 'l' at position 1 is not one of A, C, G, T");

        var file = folder.File("seqs.txt");
        File.WriteAllLines(file, [good, "", "EI," + good[1..]]);
        AssertUsageError(["predict", "seq-cnn", file, "--weights", weights], $"{file}:3: sequence has 59 letters, expected 60");
        File.WriteAllLines(file, ["label,sequence", "XX," + good]);
        AssertUsageError(["predict", "seq-cnn", file, "--weights", weights], $"{file}:2: label 'XX' is not one of EI, IE, N");
        File.WriteAllLines(file, ["N," + good + ",3"]);
        AssertUsageError(["predict", "seq-cnn", file, "--weights", weights], $"{file}:1: expected a sequence or 'label,sequence', found 3 values");
        File.WriteAllLines(file, ["label,sequence"]);
        AssertUsageError(["predict", "seq-cnn", file, "--weights", weights], $"input '{file}' holds no rows");
    }

    [Fact]
    public void Bad_images_and_rows_name_the_file_and_what_it_is()
    {
        var weights = SeededWeights(ModelRecipe.TinyCnn, 5);
        void Refused(string input, string message) => AssertUsageError(["predict", "tiny-cnn", input, "--weights", weights], message);
        var png = folder.File("x.png");
        foreach (var (width, height, depth, colour, what) in new[] { (16, 16, 8, 0, "16x16 pixels, 8-bit greyscale"), (8, 8, 8, 2, "8x8 pixels, 8-bit RGB"),
                     (8, 8, 16, 0, "8x8 pixels, 16-bit greyscale"), (8, 8, 8, 4, "8x8 pixels, 8-bit greyscale with alpha"), (8, 8, 4, 0, "8x8 pixels, 4-bit greyscale") })
        {
            File.WriteAllBytes(png, HandMadePng(width, height, depth, colour));
            Refused(png, $"'{png}' is a PNG of {what}; the digit models read 8x8 8-bit greyscale PNGs");
        }
        File.WriteAllBytes(folder.File("photo.jpg"), ForeignImages.Jpeg);
        Refused(folder.File("photo.jpg"), $"'{folder.File("photo.jpg")}' is not a PNG file");

        var rows = folder.File("rows.csv");
        var pixels = DigitRows[1].Split(',')[1..];
        File.WriteAllLines(rows, [string.Join(',', pixels), string.Join(',', pixels[1..])]);
        Refused(rows, $"{rows}:2: expected 64 pixels, or a label and 64 pixels as in digits.csv, found 63 values");
        File.WriteAllLines(rows, [DigitRows[0], "12," + string.Join(',', pixels)]);
        Refused(rows, $"{rows}:2: label '12' is not a digit 0-9");
        File.WriteAllLines(rows, [string.Join(',', ["0", "0", "0", "17", .. pixels[4..]])]);
        Refused(rows, $"{rows}:1: pixel p3 '17' is not a number in 0..16");
    }

    [Fact]
    public void Missing_empty_huge_and_folder_inputs_are_refused_by_name()
    {
        var weights = SeededWeights(ModelRecipe.TinyCnn, 6);
        void Refused(string model, string input, string message) => AssertUsageError(["predict", model, input, "--weights", weights], message);
        Refused("tiny-cnn", folder.File("none.png"), $"input '{folder.File("none.png")}' not found");
        Refused("seq-cnn", folder.File("none.txt"), $"input '{folder.File("none.txt")}' not found");
        Refused("tiny-cnn", folder.Path, $"input '{folder.Path}' is a folder; the digit models read");
        Refused("seq-cnn", folder.Path, $"input '{folder.Path}' is a folder; the sequence models read");
        var png = WriteDigitPng(folder.File("digit.png"), DigitRows[1]);
        Refused("seq-cnn", png, $"input '{png}' is not a text file; the sequence models read");
        File.WriteAllBytes(folder.File("photo.dat"), ForeignImages.Jpeg);
        Refused("tiny-cnn", folder.File("photo.dat"), $"input '{folder.File("photo.dat")}' is not a text file; the digit models read");
        File.WriteAllBytes(folder.File("empty.csv"), []);
        Refused("tiny-cnn", folder.File("empty.csv"), $"input '{folder.File("empty.csv")}' is empty");
        // A sparse file: its size is refused before a byte is read.
        using (var huge = File.Create(folder.File("huge.csv"))) huge.SetLength(InputLines.MaxBytes + 1);
        Refused("seq-cnn", folder.File("huge.csv"), $"input '{folder.File("huge.csv")}' is 33,554,433 bytes, over the limit of 33,554,432 for an input file");
        var many = folder.File("many.txt");
        File.WriteAllLines(many, Enumerable.Repeat(SpliceRows[0].Split(',')[1], ModelInputs.MaxInputs + 1));
        Refused("seq-cnn", many, $"more than 10,000 inputs (at '{many}:10001'); classify them in several runs");
        // One long line of commas is refused before it is split.
        File.WriteAllText(folder.File("commas.csv"), new string(',', 100_000));
        Refused("tiny-cnn", folder.File("commas.csv"), $"{folder.File("commas.csv")}:1: the line is longer than 4096 characters, the limit for an input row");
    }

    [Fact]
    public void Weights_of_another_model_or_no_model_are_refused_naming_whose_they_are()
    {
        var seqCnn = SeededWeights(ModelRecipe.SeqCnn, 7);
        var digits = folder.File("rows.csv");
        File.WriteAllLines(digits, DigitRows);
        AssertUsageError(["predict", "tiny-cnn", digits, "--weights", seqCnn], $"--weights: '{seqCnn}' holds seq-cnn's weights, not tiny-cnn's");

        // Weights that fit none of the lab's models: the keys that do not fit are named.
        var conv = Path.Combine(AppContext.BaseDirectory, "fixtures", "conv2d_state_dict.pt");
        AssertUsageError(["predict", "tiny-cnn", digits, "--weights", conv], $"--weights: {conv}: the weights do not fit TinyCnn: missing 'conv1.weight', 'conv1.bias'");

        // A training checkpoint holds the weights under other names, beside Adam's state.
        var checkpoint = folder.File("checkpoint.pt");
        manual_seed(7);
        using (var model = ModelRecipe.TinyCnn.Create())
            PtFile.Save([.. model.state_dict().Select(kv => KeyValuePair.Create("model." + kv.Key, kv.Value)), KeyValuePair.Create("optimizer.param_groups.0.lr", tensor(1e-3))], checkpoint);
        AssertUsageError(["predict", "tiny-cnn", digits, "--weights", checkpoint],
            $"--weights: '{checkpoint}' is a training checkpoint; predict reads a run's model.pt, the best epoch's weights (give the run folder, {folder.Path})");

        File.WriteAllText(folder.File("notes.pt"), "not a state dict");
        AssertUsageError(["predict", "tiny-cnn", digits, "--weights", folder.File("notes.pt")], $"--weights: '{folder.File("notes.pt")}': ");
        AssertUsageError(["predict", "tiny-cnn", digits, "--weights", folder.File("none")], $"--weights: '{folder.File("none")}' not found");
        AssertUsageError(["predict", "tiny-cnn", digits, "--weights", folder.Path], $"'{folder.Path}' holds no model.pt");
    }

    [Fact]
    public void The_table_shows_each_class_the_prediction_and_the_labels_agreement()
    {
        var weights = SeededWeights(ModelRecipe.SeqSketch, 8);
        var file = folder.File("seqs.csv");
        File.WriteAllLines(file, ["label,sequence", .. SpliceRows]);
        var (code, output) = CliRunner.Run("predict", "seq-sketch", file, "--weights", weights);
        Assert.True(code == 0, output);
        var csv = Predict("seq-sketch", file, "--weights", weights);
        var header = output.Split('\n').First(l => l.Contains("p(EI)"));
        foreach (var column in new[] { "input", "label", "p(EI)", "p(IE)", "p(N)", "predicted" }) Assert.Contains(column, header);
        for (var i = 0; i < csv.Count; i++)
        {
            var cells = output.Split('\n').Single(l => l.Contains($"{file}:{i + 2} ")).Split('│', '|').Select(c => c.Trim()).ToArray();
            Assert.Equal([$"{file}:{i + 2}", csv[i].label, .. csv[i].probabilities.Select(p => p.ToString("0.000", CultureInfo.InvariantCulture)), csv[i].predicted], cells[1..^1]);
        }
        Assert.Contains($"{csv.Count(r => r.label == r.predicted)} of the 4 labelled inputs are predicted as labelled.", output);
    }

    [Fact]
    public void Weights_that_overflow_the_logits_are_refused_naming_the_weights_and_the_input()
    {
        foreach (var (recipe, input) in new[] { (ModelRecipe.TinyCnn, "rows.csv"), (ModelRecipe.SeqCnn, SpliceRows[0].Split(',')[1]) })
        {
            // Finite weights, every one scaled by 1e30: the loader accepts them (they are finite), the logits overflow.
            var weights = folder.File($"{recipe.Name}-1e30.pt");
            manual_seed(10);
            using (var model = recipe.Create())
            using (var scope = NewDisposeScope())
                PtFile.Save(new Dictionary<string, Tensor>(model.state_dict().Select(kv => KeyValuePair.Create(kv.Key, kv.Value * 1e30f))), weights);
            File.WriteAllLines(folder.File("rows.csv"), DigitRows);
            var name = recipe == ModelRecipe.TinyCnn ? folder.File("rows.csv") : input;
            var source = recipe == ModelRecipe.TinyCnn ? $"{Excerpt.Of($"{name}:2")}' are " : "";   // the first row, after the header
            AssertUsageError(["predict", recipe.Name, name, "--weights", weights],
                $"--weights: the weights of '{weights}' overflow float32: the model's logits for input '{source}");
            AssertUsageError(["predict", recipe.Name, name, "--weights", weights, "--csv"], "so it has no probabilities; no trained model has such weights");
            // summary shows the statistics (where they stop being finite is what it is for) and says so.
            var (code, output) = CliRunner.Run("summary", recipe.Name, "--weights", weights);
            Assert.True(code == 0, output);
            Assert.Contains("'s outputs are not finite (inf or NaN) on these rows: the weights overflow float32 from that layer on", output);
        }
    }

    [Fact]
    public void A_digit_png_with_transparent_pixels_is_refused_and_a_trns_that_marks_no_pixel_changes_nothing()
    {
        var weights = SeededWeights(ModelRecipe.TinyCnn, 9);
        var levels = DigitRows[1].Split(',')[1..].Select(v => float.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var grey = levels.Select(DigitInput.GreyOf).ToArray();
        var first = Array.IndexOf(grey, (byte)0);
        Assert.True(first >= 0, "the row has no blank pixel");

        // Grey 0 (blank paper) marked transparent by a tRNS chunk: Skia reads it as alpha 0, which laid on white was full ink.
        var png = folder.File("transparent.png");
        File.WriteAllBytes(png, HandMadePng(8, 8, 8, 0, grey, transparentGrey: 0));
        var rgba = PngFile.ReadRgba(png);
        for (var p = 0; p < 64; p++) Assert.Equal(grey[p] == 0 ? 0 : 255, rgba[3, p / 8, p % 8]);
        AssertUsageError(["predict", "tiny-cnn", png, "--weights", weights],
            $"'{png}' has transparent pixels (a tRNS chunk makes row {first / 8 + 1}, column {first % 8 + 1} 100 % transparent); the digit models read 8x8 8-bit greyscale PNGs");

        // A tRNS chunk naming a grey the image does not use makes no pixel transparent: the PNG reads as its row.
        Assert.DoesNotContain((byte)7, grey);
        var opaque = folder.File("opaque.png");
        File.WriteAllBytes(opaque, HandMadePng(8, 8, 8, 0, grey, transparentGrey: 7));
        var data = folder.File("row.csv");
        File.WriteAllLines(data, DigitRows[..2]);
        Assert.Equal(Predict("tiny-cnn", data, "--weights", weights)[0].probabilities, Predict("tiny-cnn", opaque, "--weights", weights)[0].probabilities);

        // Grey with alpha and RGBA hold an alpha channel; the digit models read neither.
        foreach (var (colour, what) in new[] { (4, "8-bit greyscale with alpha"), (6, "8-bit RGBA") })
        {
            File.WriteAllBytes(png, HandMadePng(8, 8, 8, colour));
            AssertUsageError(["predict", "tiny-cnn", png, "--weights", weights], $"'{png}' is a PNG of 8x8 pixels, {what}; the digit models read 8x8 8-bit greyscale PNGs");
        }
    }

    [Fact]
    public void A_sequence_argument_names_its_look_alike_letter_or_spaces_and_never_echoes_raw_input()
    {
        var weights = SeededWeights(ModelRecipe.SeqCnn, 11);
        var good = SpliceRows[0].Split(',')[1];
        string Refused(string input, string fragment)
        {
            var line = AssertUsageError(["predict", "seq-cnn", input, "--weights", weights], fragment);
            Assert.DoesNotContain('\u001b', line);
            Assert.True(line.Length < 300, $"the error line is {line.Length} characters long");
            return line;
        }
        const string notDna = "names no file and is not a DNA sequence: ";

        // A Cyrillic А (U+0410) looks like A: named with its code point and position.
        var cyrillic = good[..20] + "\u0410" + good[21..];
        Refused(cyrillic, $"input 1 '{cyrillic[..40]}... (60 characters)' {notDna}letter 'А' (U+0410) at position 21 is not one of A, C, G, T");
        // GenBank's groups of ten, in capitals and as GenBank writes them, in lower case.
        var spaced = string.Join(' ', good.Chunk(10).Select(c => new string(c)));
        Assert.EndsWith($"{notDna}it holds 5 spaces, the first at position 11 (GenBank's groups of ten): remove them",
            Refused(spaced, notDna));
        Refused(spaced.ToLowerInvariant(), $"(GenBank's groups of ten): remove them; letter '{char.ToLowerInvariant(good[0])}' at position 1 is not one of A, C, G, T (the models read capitals)");
        // An escape sequence pasted before the letters is quoted escaped, never sent to the terminal.
        Refused("\u001b[31m" + good, $"input 1 '\\x1b[31m{good[..32]}... (65 characters)' {notDna}character '\\x1b' (U+001B) at position 1 is not one of A, C, G, T");
        // 100,000 characters: a short excerpt, whether the argument reads as a sequence or as a file name.
        Refused(string.Concat(Enumerable.Repeat(good, 1667))[..100_000], $"{notDna}sequence has 100000 letters, expected 60");
        Refused(new string('é', 100_000), $"input '{new string('é', InputLines.MaxNameChars)}... (100000 characters)' not found");
        Refused("notes\u001b]0;owned\u0007.txt", "input 'notes\\x1b]0;owned\\x07.txt' not found");
    }

    [Fact]
    public void A_loop_of_symbolic_links_is_refused_alike_for_digits_and_sequences()
    {
        var (first, second) = (folder.File("loop1"), folder.File("loop2"));
        File.CreateSymbolicLink(first, second);
        File.CreateSymbolicLink(second, first);
        AssertUsageError(["predict", "tiny-cnn", first, "--weights", SeededWeights(ModelRecipe.TinyCnn, 12)],
            $"input '{first}' is a loop of symbolic links; the digit models read");
        AssertUsageError(["predict", "seq-cnn", first, "--weights", SeededWeights(ModelRecipe.SeqCnn, 12)],
            $"input '{first}' is a loop of symbolic links; the sequence models read");
    }

    [Fact]
    public void A_file_name_with_escape_sequences_is_escaped_in_the_table_and_the_csv()
    {
        var weights = SeededWeights(ModelRecipe.SeqSketch, 13);
        // ESC, a comma, quotes and a line break: each would break the terminal or the CSV's one row per line.
        var file = folder.File("red\u001b[31m,\"x\"\n.txt");
        File.WriteAllLines(file, [SpliceRows[0].Split(',')[1]]);
        var (code, output) = CliRunner.Run("predict", "seq-sketch", file, "--weights", weights);
        Assert.True(code == 0, output);
        Assert.DoesNotContain('\u001b', output);
        Assert.Contains($"{folder.Path}/red\\x1b[31m,\"x\"\\x0a.txt:1 ", output);

        var (csvCode, csv, stderr) = CliRunner.RunSplit("predict", "seq-sketch", file, "--weights", weights, "--csv");
        Assert.True(csvCode == 0, stderr);
        var lines = csv.TrimEnd().Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.StartsWith($"\"{folder.Path}/red\\x1b[31m,\"\"x\"\"\\x0a.txt:1\",,", lines[1]);
    }

    [Fact]
    public void A_long_input_line_is_refused_having_read_only_the_limit()
    {
        // An 8 MB line: read whole, it would be a 16 MB string; bounded, the reader holds 4,097 characters.
        var path = folder.File("long.txt");
        File.WriteAllText(path, new string('A', 8 << 20) + "\n");
        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<DataFormatException>(() => DnaInput.Read(path, 1).ToList());
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal($"{path}:1: the line is longer than 4096 characters, the limit for an input row", error.Message);
        Assert.True(allocated < 2 << 20, $"refusing the line allocated {allocated >> 10} KB");
    }

    private record Row(string input, string label, float[] probabilities, string predicted);

    // predict --csv, parsed: input, label, a probability per class, predicted.
    private static List<Row> Predict(string model, params string[] args)
    {
        var (code, stdout, stderr) = CliRunner.RunSplit(["predict", model, .. args, "--csv"]);
        Assert.True(code == 0, $"predict {model} {string.Join(' ', args)}: exit {code}\n{stderr}");
        return stdout.Trim().Split('\n').Skip(1).Select(line => line.Split(',')).Select(f =>
            new Row(f[0], f[1], f[2..^1].Select(p => float.Parse(p, CultureInfo.InvariantCulture)).ToArray(), f[^1])).ToList();
    }

    // The one line of stderr, which holds the fragment.
    private static string AssertUsageError(string[] args, string fragment)
    {
        var (code, stdout, stderr) = CliRunner.RunSplit(args);
        Assert.True(code == 2, $"exit code {code} for '{string.Join(' ', args)}':\n{stdout}{stderr}");
        var line = Assert.Single(stderr.TrimEnd().Split('\n'));
        Assert.Contains(fragment, line);
        Assert.Equal("", stdout);
        return line;
    }

    private static void AssertClose(float[] expected, float[] actual, double tolerance, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        var worst = expected.Zip(actual, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(worst <= tolerance, $"{what}: max |difference| {worst:E2} over {tolerance:E0}; expected {string.Join(", ", expected)}, got {string.Join(", ", actual)}");
    }

    // The recipe's model as torch.manual_seed(seed) initialises it, saved as a state dict.
    private string SeededWeights(ModelRecipe recipe, long seed)
    {
        var path = folder.File($"{recipe.Name}-{seed}.pt");
        manual_seed(seed);
        using var model = recipe.Create();
        PtFile.Save(model.state_dict(), path);
        return path;
    }

    // A digits.csv row's pixels as the 8x8 greyscale PNG a learner would draw.
    private static string WriteDigitPng(string path, string row)
    {
        var levels = row.Split(',')[1..].Select(v => float.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var grey = new byte[8, 8];
        for (var p = 0; p < 64; p++) grey[p / 8, p % 8] = DigitInput.GreyOf(levels[p]);
        PngFile.WriteGrey(path, grey);
        return path;
    }

    // A valid PNG of any size, depth and colour type (all samples zero), for the kinds Skia does not write.
    // With pixels (8-bit greyscale only), those samples; with transparentGrey, a tRNS chunk marking that grey transparent.
    private static byte[] HandMadePng(int width, int height, int depth, int colour, byte[]? pixels = null, int? transparentGrey = null)
    {
        var samples = colour switch { 2 => 3, 4 => 2, 6 => 4, _ => 1 };
        var rows = new byte[height * (1 + (width * samples * depth + 7) / 8)];   // each row: filter 0, then the samples
        for (var p = 0; p < (pixels?.Length ?? 0); p++) rows[p / width * (width + 1) + 1 + p % width] = pixels![p];
        var raw = new MemoryStream();
        using (var zlib = new ZLibStream(raw, CompressionLevel.Optimal, leaveOpen: true))
            zlib.Write(rows);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        (header[8], header[9]) = ((byte)depth, (byte)colour);
        var png = new MemoryStream();
        png.Write([137, 80, 78, 71, 13, 10, 26, 10]);
        (string type, byte[] data)[] transparency = transparentGrey is { } t ? [("tRNS", [(byte)(t >> 8), (byte)t])] : [];
        (string type, byte[] data)[] chunks = [("IHDR", header), .. transparency, ("IDAT", raw.ToArray()), ("IEND", [])];
        foreach (var (type, data) in chunks)
        {
            var chunk = System.Text.Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
            var number = new byte[4];
            BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
            png.Write(number);
            png.Write(chunk);
            BinaryPrimitives.WriteUInt32BigEndian(number, Crc32.Compute(chunk));
            png.Write(number);
        }
        return png.ToArray();
    }
}
