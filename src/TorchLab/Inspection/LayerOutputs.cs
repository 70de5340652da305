using static TorchSharp.torch;

namespace TorchLab.Inspection;

/// <summary>What one leaf module returned in a forward pass: its name as in <c>named_modules</c>, its type, its output.</summary>
public sealed record LayerOutput(string Name, string Type, Tensor Output);

/// <summary>Every leaf module's output in one forward pass, caught by forward hooks (which fire only through <c>call()</c>).</summary>
public static class LayerOutputs
{
    /// <summary>
    /// Runs <paramref name="input"/> through <paramref name="model"/> in eval mode under inference mode and returns each
    /// leaf's output in call order, as detached copies the caller owns and disposes. Leaves that are not
    /// <c>Module&lt;Tensor, Tensor&gt;</c> (a GRU) are not caught.
    /// </summary>
    public static IReadOnlyList<LayerOutput> Capture(nn.Module<Tensor, Tensor> model, Tensor input)
    {
        model.eval();
        var outputs = new List<LayerOutput>();
        var removers = new List<Action>();
        foreach (var (name, module) in model.named_modules())
        {
            if (module.children().Any() || module is not nn.Module<Tensor, Tensor> leaf) continue;
            var remover = leaf.register_forward_hook((m, _, output) =>
            {
                outputs.Add(new LayerOutput(name, m.GetType().Name, output.detach().clone().DetachFromDisposeScope()));
                return null!;   // keeps the module's own output
            });
            removers.Add(remover.remove);
        }
        try
        {
            using var inference = inference_mode();
            using var scope = NewDisposeScope();
            model.call(input);
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
        return outputs;
    }
}
