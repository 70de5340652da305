using TorchLab.Checkpoints;
using TorchLab.Cli;
using TorchLab.Prediction;
using TorchLab.Runs;
using TorchLab.Storage.Serialization;
using static TorchSharp.torch;

namespace TorchLab.Commands;

/// <summary>
/// <c>--weights</c> of <c>summary</c>, <c>predict</c> and <c>explain</c>: a trained model read back, where weights
/// that do not fit are bad input (the wrong file or the wrong model was named), said in one line
/// that points at the right command when the file is another model's or a training checkpoint.
/// The file is read once; whose weights it holds is asked of what was read.
/// </summary>
public static class WeightsOption
{
    /// <summary>
    /// The weights <paramref name="given"/> with <c>--weights</c>, or the model's run folder <c>out/MODEL</c>; a
    /// path that does not exist is refused, with a hint to train the model first when none was given.
    /// </summary>
    /// <exception cref="UsageException">No such file or folder.</exception>
    public static string Resolve(ModelRecipe recipe, string? given)
    {
        var path = given ?? Path.Combine("out", recipe.Name);
        if (Directory.Exists(path) || File.Exists(path)) return path;
        var hint = given is null ? $" (train the model first: train {recipe.Name}; or give --weights)" : "";
        throw new UsageException($"--weights: '{path}' not found{hint}");
    }

    /// <summary>
    /// The <paramref name="recipe"/> model with the weights at <paramref name="path"/> (see
    /// <see cref="TrainedModel.Load(ModelRecipe, string)"/>); <paramref name="command"/> names the
    /// command in the hints.
    /// </summary>
    /// <exception cref="UsageException">No such file, or weights that do not fit, naming why.</exception>
    public static nn.Module<Tensor, Tensor> Load(ModelRecipe recipe, string path, string command)
    {
        WeightsFile weights;
        try
        {
            weights = WeightsFile.Read(path);
        }
        catch (Exception e) when (e is FileNotFoundException or PtFormatException)
        {
            throw new UsageException($"--weights: {e.Message}");
        }
        using (weights)
        {
            try
            {
                return TrainedModel.Load(recipe, weights);
            }
            catch (InvalidDataException e)
            {
                throw new UsageException(WhyNot(recipe, weights, path, command, e));
            }
        }
    }

    /// <summary>
    /// <see cref="ClassProbabilities.Of"/> of <paramref name="inputs"/> with the weights read from
    /// <paramref name="path"/>, where logits that are not finite on an input are a usage error (exit 2, as for
    /// weights that do not load): the file given is not weights a model can answer with.
    /// </summary>
    public static float[][] Probabilities(nn.Module<Tensor, Tensor> trained, string path,
        IReadOnlyList<PredictionInput> inputs, long[] shape)
    {
        try
        {
            return ClassProbabilities.Of(trained, inputs, shape);
        }
        catch (NonFiniteOutputException e)
        {
            throw new UsageException($"--weights: the weights of '{path}' overflow float32: {e.Message}; no " +
                "trained model has such weights (train it again, or check the file)");
        }
    }

    private static string WhyNot(ModelRecipe recipe, WeightsFile weights, string path, string command, Exception e)
    {
        if (weights.IsCheckpoint)
            return $"--weights: '{path}' is a training checkpoint; {command} reads a run's " +
                $"model.pt, the best epoch's " +
                $"weights (give the run folder, {ShellQuote.Of(Path.GetDirectoryName(Path.GetFullPath(path))!)})";
        var owner = ModelRecipe.All.FirstOrDefault(other => other != recipe && TrainedModel.Fits(other, weights));
        return owner is null
            ? $"--weights: {e.Message}"
            : $"--weights: '{path}' holds {owner.Name}'s weights, not {recipe.Name}'s " +
                $"({command} {owner.Name} --weights {ShellQuote.Of(path)} ...)";
    }
}
