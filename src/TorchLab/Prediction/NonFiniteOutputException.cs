namespace TorchLab.Prediction;

/// <summary>A model's outputs for an input are not finite: its weights overflow float32 there, so it has no
/// answer to give. The message names the input; the caller adds the weights.</summary>
public sealed class NonFiniteOutputException(string message) : Exception(message);
