namespace TorchLab.Prediction;

/// <summary>
/// One example to classify: where it came from (a file, a file and line, or the argument), the
/// model's input as the training data would give it, and the label the input carried, if any
/// (shown beside the prediction, never given to the model).
/// </summary>
public sealed record PredictionInput(string Source, float[] Example, string? Label = null);
