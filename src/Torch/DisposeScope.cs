namespace TorchLab.Torch;

/// <summary>
/// Collects every tensor created on this thread while it is the innermost open scope and
/// disposes them when the scope is disposed, as TorchSharp's dispose scopes do. Keep a
/// result alive past the scope with <see cref="torch.Tensor.MoveToOuterDisposeScope"/> or
/// <see cref="torch.Tensor.DetachFromDisposeScope"/>.
/// </summary>
public sealed class DisposeScope : IDisposable
{
    [ThreadStatic] private static DisposeScope? innermost;

    private readonly List<torch.Tensor> owned = new();
    private readonly DisposeScope? outer;
    private bool disposed;

    internal DisposeScope()
    {
        outer = innermost;
        innermost = this;
    }

    internal static DisposeScope? Current => innermost;

    /// <summary>The scope this one is nested in, if any.</summary>
    public DisposeScope? OuterScope => outer;

    internal void Add(torch.Tensor tensor)
    {
        owned.Add(tensor);
        tensor.OwningScope = this;
    }

    /// <summary>Moves the tensor to the enclosing scope (or out of every scope) and returns it.</summary>
    public T MoveToOuter<T>(T tensor) where T : torch.Tensor
    {
        if (tensor.OwningScope != this)
            throw new InvalidOperationException("MoveToOuter: the tensor is not owned by this dispose scope.");
        tensor.OwningScope = null;
        outer?.Add(tensor);
        return tensor;
    }

    /// <summary>Disposes every tensor still owned by this scope.</summary>
    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        foreach (var tensor in owned)
            if (tensor.OwningScope == this)
                tensor.Dispose();
        owned.Clear();
        // Scopes are used with 'using', so they close innermost first; restoring the outer
        // scope here keeps the thread's chain right.
        if (innermost == this) innermost = outer;
    }
}
