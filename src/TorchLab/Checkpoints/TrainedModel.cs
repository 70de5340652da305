using TorchLab.Runs;
using TorchLab.Storage.Serialization;
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
        var file = Directory.Exists(path) ? Path.Combine(path, "model.pt") : path;
        if (!File.Exists(file))
            throw new FileNotFoundException(Directory.Exists(path) ? $"'{path}' holds no model.pt (is it a finished run's folder?)" : $"weights '{path}' not found", file);
        var model = recipe.Create();
        using (NewDisposeScope())
            Checkpoint.LoadModel(file, model, PtFile.Load(file));
        model.eval();
        return model;
    }
}
