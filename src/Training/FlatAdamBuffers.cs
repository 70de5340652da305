using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TorchLab.Training;

/// <summary>
/// One contiguous tensor for the parameters and one for each of Adam's moments, with every
/// parameter and every <see cref="Adam.State"/> moment turned into a view of its slice. An
/// elementwise Adam update then takes eight calls for the whole model instead of eight per
/// parameter; the views keep modules, autograd, <c>state_dict</c> and checkpoints as they were.
/// Gradients stay autograd's own tensors and are gathered with one <c>cat</c> per step.
/// </summary>
internal sealed class FlatAdamBuffers : IDisposable
{
    private readonly Parameter[] parameters;
    private readonly Tensor[] parameterViews;
    private readonly IntPtr storage;
    // Our slices, and the separate views over them that the states hold: loading a state_dict
    // disposes a state's tensors, which must not take our slices with them.
    private readonly Tensor[] expAvgViews, expAvgSqViews, givenExpAvg, givenExpAvgSq;

    /// <summary>Adopts <paramref name="parameters"/> (float32, one device) and their states.</summary>
    public FlatAdamBuffers(IReadOnlyList<Parameter> parameters, IReadOnlyList<Adam.State> states)
    {
        this.parameters = [.. parameters];
        var total = parameters.Sum(p => p.numel());
        var (dtype, device) = (parameters[0].dtype, parameters[0].device);
        Parameters = empty(total, dtype: dtype, device: device).DetachFromDisposeScope();
        ExpAvg = zeros(total, dtype: dtype, device: device).DetachFromDisposeScope();
        ExpAvgSq = zeros(total, dtype: dtype, device: device).DetachFromDisposeScope();
        parameterViews = new Tensor[parameters.Count];
        (expAvgViews, expAvgSqViews) = (new Tensor[parameters.Count], new Tensor[parameters.Count]);
        (givenExpAvg, givenExpAvgSq) = (new Tensor[parameters.Count], new Tensor[parameters.Count]);
        using var noGrad = no_grad();
        long offset = 0;
        for (var i = 0; i < parameters.Count; i++)
        {
            var (parameter, length) = (parameters[i], parameters[i].numel());
            Tensor Slice(Tensor flat) => flat.narrow(0, offset, length).view(parameter.shape).DetachFromDisposeScope();
            parameterViews[i] = Slice(Parameters);
            expAvgViews[i] = Slice(ExpAvg);
            expAvgSqViews[i] = Slice(ExpAvgSq);
            offset += length;
        }
        using (var flatStorage = Parameters.storage<float>()) storage = flatStorage.data_ptr();
        AdoptParameters();
        var initial = states.SelectMany(s => new[] { s.exp_avg, s.exp_avg_sq }).ToList();
        AdoptMoments(states);
        foreach (var moment in initial) moment.Dispose();   // Adam's own zeros, now copied into the slices
    }

    public Tensor Parameters { get; }
    public Tensor ExpAvg { get; }
    public Tensor ExpAvgSq { get; }

    /// <summary>
    /// Makes every parameter a view of its slice, copying its values in; after the first time it
    /// only acts on a parameter whose storage was replaced (<c>to(device)</c>, a load that swaps
    /// tensors), so the flat update never writes to a buffer the model no longer reads.
    /// </summary>
    public void AdoptParameters()
    {
        using var noGrad = no_grad();
        for (var i = 0; i < parameters.Length; i++)
        {
            using (var own = parameters[i].storage<float>())
                if (own.data_ptr() == storage && parameters[i].storage_offset() == parameterViews[i].storage_offset()) continue;
            parameterViews[i].copy_(parameters[i]);
            parameters[i].set_(parameterViews[i]);   // modules and autograd see the same parameter, now in Parameters
        }
    }

    /// <summary>
    /// Points each state's moments at their slices, copying in the values of any that are not
    /// the slices (loading a state_dict replaces a state's tensors).
    /// </summary>
    public void AdoptMoments(IReadOnlyList<Adam.State> states)
    {
        using var noGrad = no_grad();
        for (var i = 0; i < states.Count; i++)
        {
            if (!ReferenceEquals(states[i].exp_avg, givenExpAvg[i])) states[i].exp_avg = givenExpAvg[i] = Adopt(expAvgViews[i], states[i].exp_avg);
            if (!ReferenceEquals(states[i].exp_avg_sq, givenExpAvgSq[i])) states[i].exp_avg_sq = givenExpAvgSq[i] = Adopt(expAvgSqViews[i], states[i].exp_avg_sq);
        }
    }

    private static Tensor Adopt(Tensor slice, Tensor values)
    {
        slice.copy_(values);
        return slice.view(slice.shape).DetachFromDisposeScope();
    }

    /// <summary>Every parameter's gradient in one flat tensor, in the current dispose scope; null when one has none.</summary>
    public Tensor? Gradients()
    {
        var gradients = new Tensor[parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            var gradient = parameters[i].grad;
            if (gradient is null) return null;
            gradients[i] = gradient.view(-1);
        }
        return cat(gradients);
    }

    public void Dispose()
    {
        foreach (var view in parameterViews.Concat(expAvgViews).Concat(expAvgSqViews).Concat(givenExpAvg).Concat(givenExpAvgSq)) view?.Dispose();
        ExpAvg.Dispose();
        ExpAvgSq.Dispose();
        // The model's parameters share this storage and keep it alive; only this handle goes.
        Parameters.Dispose();
    }
}
