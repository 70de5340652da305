using TorchLab.Runs;
using static TorchSharp.torch;

namespace TorchLab.Checkpoints;

/// <summary>
/// A trained model read back for inspection or prediction: the recipe's module with the weights
/// of a run folder's model.pt, or of any state-dict file (TorchLab's or PyTorch's
/// <c>torch.save(model.state_dict())</c>), in eval mode on the CPU.
/// </summary>
public static class TrainedModel
{
    /// <summary>
    /// Loads <paramref name="path"/> (a run folder, read as its model.pt, or a .pt file) into a new
    /// <paramref name="recipe"/> model. A file of another model fails naming the keys or shapes
    /// that do not fit, before any weight is copied.
    /// </summary>
    /// <exception cref="FileNotFoundException">There is no such folder or file.</exception>
    /// <exception cref="InvalidDataException">The weights are another model's.</exception>
    public static nn.Module<Tensor, Tensor> Load(ModelRecipe recipe, string path)
    {
        using var weights = WeightsFile.Read(path);
        return Load(recipe, weights);
    }

    /// <summary>A new <paramref name="recipe"/> model with <paramref name="weights"/>, which stay the
    /// caller's.</summary>
    /// <exception cref="InvalidDataException">The weights are another model's.</exception>
    public static nn.Module<Tensor, Tensor> Load(ModelRecipe recipe, WeightsFile weights)
    {
        var model = recipe.Create();
        try
        {
            using var scope = NewDisposeScope();
            Checkpoint.LoadModel(weights.File, model, weights.Tensors);
        }
        catch
        {
            model.Dispose();
            throw;
        }
        model.eval();
        return model;
    }

    /// <summary>Whether <paramref name="weights"/> are a <paramref name="recipe"/> model's (names, shapes and
    /// values).</summary>
    public static bool Fits(ModelRecipe recipe, WeightsFile weights)
    {
        try
        {
            Load(recipe, weights).Dispose();
            return true;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }
}
