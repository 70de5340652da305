using TorchLab.Inspection;
using TorchLab.Models;
using TorchLab.Runs;
using TorchLab.Training.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace TorchLab.TorchLab.Tests.Inspection;

/// <summary>The inspection's computations on small tensors whose answers are known: planted motifs, planted letters.</summary>
[Collection(nameof(Serial))]   // seeds libtorch's global generator
public class InspectionTests
{
    // One-hot sequences (N, 4, L) from letters; '-' is the zero vector.
    private static Tensor OneHot(params string[] sequences)
    {
        var length = sequences[0].Length;
        var values = new float[sequences.Length * 4 * length];
        for (var s = 0; s < sequences.Length; s++)
        for (var p = 0; p < length; p++)
            if (LearnedFilters.Alphabet.IndexOf(sequences[s][p]) is var c and >= 0) values[(s * 4 + c) * length + p] = 1;
        return tensor(values, [sequences.Length, 4, length]);
    }

    // A width-7 filter that scores +1 for G at its centre and +1 for T right after it: it detects GT.
    private static Tensor GtFilter()
    {
        var weight = zeros(1, 4, 7);
        weight[0, 2, 3] = tensor(1f);
        weight[0, 3, 4] = tensor(1f);
        return weight;
    }

    private static string Planted(int length, int position, string motif) =>
        new string('A', position) + motif + new string('A', length - position - motif.Length);

    [Fact]
    public void A_gt_filter_fires_where_gt_was_planted_and_its_strongest_windows_hold_the_donor()
    {
        using var scope = NewDisposeScope();
        // GT planted with its G at 0-based positions 30 (the donor's place, 1-based 31-32), 5 and 50.
        var inputs = OneHot(Planted(60, 30, "GT"), Planted(60, 5, "GT"), Planted(60, 50, "GT"));
        var weight = GtFilter();
        var activations = nn.functional.conv1d(inputs, weight, padding: 3);   // (3, 1, 60)

        var counts = FilterFiring.PeakCounts(activations);
        Assert.Equal((1, 60), (counts.GetLength(0), counts.GetLength(1)));
        Assert.Equal(1, counts[0, 30]);
        Assert.Equal(1, counts[0, 5]);
        Assert.Equal(1, counts[0, 50]);
        Assert.Equal(3, counts.Cast<int>().Sum());

        var filters = LearnedFilters.Planes(weight);
        var kmers = JunctionKmers.Find(activations, inputs, [0L, 2L, 2L], filters, 7, top: 3);
        var found = Assert.Single(kmers);
        Assert.Equal(3, found.Strongest.Count);
        Assert.All(found.Strongest, w => Assert.Equal(2f, w.Activation));
        Assert.All(found.Strongest, w => Assert.Equal("AAAGTAA", w.Letters));
        Assert.Equal([28, 3, 48], found.Strongest.OrderBy(w => w.Sequence).Select(w => w.Start));   // 1-based, 3 before the G
        var donor = found.Strongest.Single(w => w.Sequence == 0);
        Assert.True(donor.HasDonor, $"window {donor.Letters} from {donor.Start} should hold GT at 31-32");
        Assert.Equal(0L, donor.Label);
        Assert.Equal(1, found.DonorHits);
        Assert.Equal(0, found.AcceptorHits);
        Assert.Equal([1, 0, 2], found.ClassCounts(3));
        // The argmax letter per column: A (row 0) wins the ties where the filter is zero.
        Assert.Equal("AAAGTAA", found.Consensus);
    }

    [Fact]
    public void An_ag_before_the_boundary_is_the_acceptor_and_windows_beyond_the_ends_read_dashes()
    {
        var acceptor = new KmerWindow("CCAGTTT", 27, 1, 0, 1);   // positions 27-33: A at 29, G at 30
        Assert.True(acceptor.HasAcceptor);
        Assert.False(acceptor.HasDonor);
        Assert.Equal('-', acceptor.At(26));
        // The donor's consensus CAG|GTAAG from EI sequences holds AG at 29-30 too, as the exon's end: a donor, not an acceptor.
        var donorWindows = new FilterKmers(0, "CAGGTAA", [new("CAGGTAA", 28, 3, 0, 0), new("AAGGTAA", 28, 2, 1, 0), new("CTTAGGC", 26, 1, 2, 1)]);
        Assert.Equal((2, 3), (donorWindows.DonorHits, donorWindows.AcceptorHits));
        Assert.True(donorWindows.FindsDonor(0));
        Assert.False(donorWindows.FindsAcceptor(1));
        var acceptorWindows = new FilterKmers(1, "TTTAGGC", [new("TTTAGGC", 26, 3, 0, 1), new("CCTAGAA", 26, 2, 1, 1), new("GAGGTAA", 28, 1, 2, 0)]);
        Assert.Equal((1, 3), (acceptorWindows.DonorHits, acceptorWindows.AcceptorHits));
        Assert.True(acceptorWindows.FindsAcceptor(1));
        Assert.False(acceptorWindows.FindsDonor(0));
        using var scope = NewDisposeScope();
        var inputs = OneHot("GTAAAAAAAA");
        var activations = nn.functional.conv1d(inputs, GtFilter(), padding: 3);
        var window = JunctionKmers.Find(activations, inputs, [2L], LearnedFilters.Planes(GtFilter()), 7, top: 1)[0].Strongest[0];
        Assert.Equal(("---GTAA", -2), (window.Letters, window.Start));
        Assert.Contains("do not describe the same", Assert.Throws<ArgumentException>(() =>
            JunctionKmers.Find(activations, inputs, [2L, 1L], LearnedFilters.Planes(GtFilter()), 7, 1)).Message);
    }

    [Fact]
    public void A_shift_moves_every_letter_and_pads_with_the_given_vector()
    {
        using var scope = NewDisposeScope();
        var x = OneHot("ACGTACGTAC");
        IReadOnlyList<float> pad = [0.25f, 0.25f, 0.25f, 0.25f];
        var right = ShiftTest.Shift(x, 3, pad);
        Assert.Equal(x.shape, right.shape);
        Assert.True(right.narrow(2, 3, 7).eq(x.narrow(2, 0, 7)).all().item<bool>(), "+3: position p should hold what p-3 held");
        Assert.True(right.narrow(2, 0, 3).eq(0.25f).all().item<bool>(), "+3: the first three positions should be the padding");
        Assert.Equal("---ACGTACG", JunctionKmers.Letters(ShiftTest.Shift(x, 3, ShiftTest.Neutral))[0]);
        Assert.Equal("TACGTAC---", JunctionKmers.Letters(ShiftTest.Shift(x, -3, ShiftTest.Neutral))[0]);
        Assert.Equal("ACGTACGTAC", JunctionKmers.Letters(ShiftTest.Shift(x, 0, ShiftTest.Neutral))[0]);
        Assert.Equal("----------", JunctionKmers.Letters(ShiftTest.Shift(x, -10, ShiftTest.Neutral))[0]);
        Assert.Equal([0f, 0f, 0f, 0f], ShiftTest.Neutral);

        Assert.Contains("(1, 4, 10)", Assert.Throws<ArgumentException>(() => ShiftTest.Shift(x, 1, [0f, 0f, 0f])).Message);
        Assert.Contains("moves every position", Assert.Throws<ArgumentException>(() => ShiftTest.Shift(x, 11, pad)).Message);
    }

    [Fact]
    public void Global_averaging_is_blind_to_a_shift_and_a_position_aware_model_is_not()
    {
        // Random letters in the middle 40 positions, no letter in the 10 at each end: a shift of up to 10 only
        // moves the content, which the sketch's average over positions cannot see. Each model's labels are its
        // own unshifted answers, so both score 100% at shift 0.
        manual_seed(3);
        using var scope = NewDisposeScope();
        var letters = randint(0, 4, [200, 40]);
        var middle = nn.functional.one_hot(letters, 4).permute(0, 2, 1).to(float32);   // (200, 4, 40)
        var x = nn.functional.pad(middle, [10, 10]);                                   // (200, 4, 60)
        LabeledData Labelled(nn.Module<Tensor, Tensor> model)
        {
            model.eval();
            using var inference = inference_mode();
            var labels = model.call(x).argmax(1).data<long>().ToArray();
            return new LabeledData(x.data<float>().ToArray(), [4, 60], labels, SpliceCsv.Classes);
        }
        int[] shifts = [-10, -5, -1, 0, 1, 5, 10];
        var sketch = new SeqSketch();
        var cnn = new SeqCnn();
        var blind = ShiftTest.Score("seq-sketch", sketch, Labelled(sketch), shifts, ShiftTest.Neutral);
        var aware = ShiftTest.Score("seq-cnn", cnn, Labelled(cnn), shifts, ShiftTest.Neutral);

        Assert.Equal(1.0, aware.At(0));
        Assert.All(blind.Accuracy, a => Assert.True(a >= 0.995, $"seq-sketch scores {string.Join(", ", blind.Accuracy)} over shifts {string.Join(", ", shifts)}"));
        Assert.True(aware.At(-5) < 0.9 && aware.At(5) < 0.9 && aware.At(-10) < 0.9 && aware.At(10) < 0.9,
            $"seq-cnn scores {string.Join(", ", aware.Accuracy)} over shifts {string.Join(", ", shifts)}");
    }

    [Fact]
    public void Layer_outputs_catch_each_conv_in_call_order_and_leave_no_hook_behind()
    {
        manual_seed(0);
        using var scope = NewDisposeScope();
        var model = new TinyCnn();
        var x = rand(2, 1, 8, 8);
        var outputs = LayerActivations.Capture(model, x);
        var count = outputs.Count;
        var names = outputs.Select(o => o.Name).ToList();
        Assert.True(names.IndexOf("conv1") < names.IndexOf("conv2") && names.IndexOf("conv2") < names.IndexOf("fc"), string.Join(", ", names));
        var conv1 = outputs.Single(o => o.Name == "conv1");
        Assert.Equal("Conv2d", conv1.Type);
        var expected = nn.functional.conv2d(x, LearnedFilters.Parameter(model, "conv1.weight"), LearnedFilters.Parameter(model, "conv1.bias"), padding: [1, 1]);
        Assert.True(conv1.Output.allclose(expected, rtol: 1e-5, atol: 1e-6), $"conv1 output differs by {(conv1.Output - expected).abs().max().item<float>()}");
        using var inference = inference_mode();
        Assert.True(model.call(x).allclose(outputs[^1].Output), "the last leaf's output should be the logits");
        Assert.Equal(count, outputs.Count);   // that forward pass added nothing: the hooks are gone
    }
}
