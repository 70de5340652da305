using static TorchSharp.torch;

namespace TorchLab.Runs;

/// <summary>
/// What one leaf module returned in a forward pass: its name in <c>named_modules</c>, its type, its output.
/// </summary>
public sealed record LayerOutput(string Name, string Type, Tensor Output);

/// <summary>
/// Every leaf module's output in one forward pass, caught by TorchSharp's forward hooks, as
/// torchinfo and Keras' <c>summary()</c> see a model. Hooks fire only through <c>call()</c>, so a
/// step written as a function (<c>x.flatten(1)</c>) has no row: only modules do.
/// </summary>
public static class LayerActivations
{
    /// <summary>
    /// Runs <paramref name="input"/> through <paramref name="model"/> in eval mode under inference
    /// mode (the model is left in eval mode) and returns each leaf module's output in call order, a
    /// module called twice appearing twice. The outputs are detached copies that the caller owns
    /// (they join the caller's dispose scope, if any); the hooks are removed before it returns. A
    /// recurrent module's row holds its sequence output, the first of the pair it returns.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// A leaf module's forward takes or returns something other than tensors.
    /// </exception>
    public static IReadOnlyList<LayerOutput> Capture(nn.Module<Tensor, Tensor> model, Tensor input)
    {
        var outputs = new List<LayerOutput>();
        var removers = new List<Action>();
        try
        {
            foreach (var (name, module) in model.named_modules().Where(m => !m.module.children().Any()))
            {
                var type = module.GetType().Name;
                void Keep(Tensor output) =>
                    outputs.Add(new(name, type, output.detach().clone().MoveToOuterDisposeScope()));
                removers.Add(module switch
                {
                    nn.Module<Tensor, Tensor> layer => layer.register_forward_hook((_, _, output) =>
                    {
                        Keep(output);
                        return output;
                    }).remove,
                    // GRU and RNN: (input, h0) → (sequence output, last hidden state).
                    nn.Module<Tensor, Tensor, (Tensor, Tensor)> recurrent =>
                        recurrent.register_forward_hook((_, _, _, output) =>
                        {
                            Keep(output.Item1);
                            return output;
                        }).remove,
                    _ => throw new ArgumentException(
                        $"{name} ({type}): only modules from tensors to a tensor, or recurrent ones, can be captured",
                        nameof(model)),
                });
            }
            model.eval();
            using var inference = inference_mode();
            using (NewDisposeScope()) model.call(input);
            return outputs;
        }
        catch
        {
            foreach (var output in outputs) output.Output.Dispose();
            throw;
        }
        finally
        {
            foreach (var remove in removers) remove();
        }
    }
}
