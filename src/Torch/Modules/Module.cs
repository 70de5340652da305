using TorchLab.Torch.Native;
using static TorchLab.Torch.torch;

namespace TorchLab.Torch;

public static partial class torch
{
    public static partial class nn
    {
        /// <summary>
        /// Base of every layer and model, as PyTorch's <c>nn.Module</c>: it owns named parameters,
        /// buffers and submodules (registered explicitly or by <see cref="RegisterComponents"/>),
        /// whose dotted names (<c>conv1.weight</c>) are the state-dict keys PyTorch uses.
        /// Disposing a module disposes everything it owns.
        /// </summary>
        public abstract partial class Module : IDisposable
        {
            private readonly List<(string name, Modules.Parameter? parameter)> ownParameters = new();
            private readonly List<(string name, Tensor? buffer)> ownBuffers = new();
            private readonly List<(string name, Module module)> ownChildren = new();
            private bool disposed;

            /// <summary>Names the module (used in messages and printing).</summary>
            protected Module(string name) => this.name = name;

            /// <summary>The module's type name, e.g. <c>Conv2d</c>.</summary>
            public string name { get; }

            /// <summary>Whether the module is in training mode (dropout active, batch-norm using batch statistics).</summary>
            public bool training { get; private set; } = true;

            /// <summary>Adds a parameter under <paramref name="name"/>; null reserves the name (e.g. a disabled bias).</summary>
            public void register_parameter(string name, Modules.Parameter? parameter) => Add(ownParameters, name, parameter);

            /// <summary>Adds a buffer: state saved in the state dict but not trained (e.g. running means).</summary>
            public void register_buffer(string name, Tensor? buffer)
            {
                buffer?.DetachFromDisposeScope();
                Add(ownBuffers, name, buffer);
            }

            /// <summary>Adds a submodule under <paramref name="name"/>.</summary>
            public void register_module(string name, Module module) => Add(ownChildren, name, module);

            /// <summary>
            /// Registers every field of the derived class holding a module, parameter or tensor,
            /// under the field's name, in declaration order, as TorchSharp does; so a field
            /// <c>conv1</c> yields the state-dict keys <c>conv1.weight</c> and <c>conv1.bias</c>.
            /// </summary>
            protected void RegisterComponents()
            {
                var flags = System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Public
                            | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.DeclaredOnly;
                for (var type = GetType(); type is not null && type != typeof(Module); type = type.BaseType)
                {
                    foreach (var field in type.GetFields(flags))
                    {
                        var fieldName = field.Name.StartsWith('<') ? field.Name[1..field.Name.IndexOf('>')] : field.Name;
                        switch (field.GetValue(this))
                        {
                            case Module module when !IsRegistered(fieldName):
                                register_module(fieldName, module);
                                break;
                            case Modules.Parameter parameter when !IsRegistered(fieldName):
                                register_parameter(fieldName, parameter);
                                break;
                            case Tensor buffer when !IsRegistered(fieldName):
                                register_buffer(fieldName, buffer);
                                break;
                        }
                    }
                }
            }

            /// <summary>Parameters with dotted names, this module's first, then each submodule's in registration order.</summary>
            public IEnumerable<(string name, Modules.Parameter parameter)> named_parameters(bool recurse = true)
            {
                foreach (var (name, parameter) in ownParameters)
                    if (parameter is not null) yield return (name, parameter);
                if (!recurse) yield break;
                foreach (var (prefix, child) in ownChildren)
                foreach (var (name, parameter) in child.named_parameters())
                    yield return ($"{prefix}.{name}", parameter);
            }

            /// <summary>All parameters (what an optimizer updates).</summary>
            public IEnumerable<Modules.Parameter> parameters(bool recurse = true) => named_parameters(recurse).Select(p => p.parameter);

            /// <summary>Buffers with dotted names, in the same order as <see cref="named_parameters"/>.</summary>
            public IEnumerable<(string name, Tensor buffer)> named_buffers(bool recurse = true)
            {
                foreach (var (name, buffer) in ownBuffers)
                    if (buffer is not null) yield return (name, buffer);
                if (!recurse) yield break;
                foreach (var (prefix, child) in ownChildren)
                foreach (var (name, buffer) in child.named_buffers())
                    yield return ($"{prefix}.{name}", buffer);
            }

            /// <summary>The direct submodules.</summary>
            public IEnumerable<(string name, Module module)> named_children() => ownChildren;

            /// <summary>Sets training mode here and in every submodule; returns this module.</summary>
            public Module train(bool on = true)
            {
                training = on;
                foreach (var (_, child) in ownChildren) child.train(on);
                return this;
            }

            /// <summary>Sets evaluation mode (same as <c>train(false)</c>).</summary>
            public Module eval() => train(false);

            /// <summary>Drops every parameter's gradient (PyTorch 2's default), or zeroes it in place.</summary>
            public void zero_grad(bool set_to_none = true)
            {
                foreach (var parameter in parameters())
                {
                    if (set_to_none) parameter.grad = null;
                    else using (var grad = parameter.grad) grad?.zero_();
                }
            }

            /// <summary>Moves every parameter and buffer to <paramref name="device"/> in place; handles stay valid.</summary>
            public Module to(Device device) => Apply(t => t.to(device));

            /// <summary>Converts every floating-point parameter and buffer to <paramref name="type"/> in place.</summary>
            public Module to(ScalarType type) =>
                Apply(t => t.dtype is ScalarType.Float32 or ScalarType.Float64 ? t.to(type) : t.alias());

            /// <summary>Frees every parameter, buffer and submodule.</summary>
            public void Dispose()
            {
                if (disposed) return;
                disposed = true;
                foreach (var (_, parameter) in ownParameters) parameter?.Dispose();
                foreach (var (_, buffer) in ownBuffers) buffer?.Dispose();
                foreach (var (_, child) in ownChildren) child.Dispose();
                GC.SuppressFinalize(this);
            }

            private Module Apply(Func<Tensor, Tensor> convert)
            {
                using var scope = NewDisposeScope();
                using var noGrad = no_grad();
                foreach (var tensor in parameters().Cast<Tensor>().Concat(named_buffers().Select(b => b.buffer)))
                {
                    tensor.grad = null;
                    LibTorch.Check(LibTorch.tl_set_data(tensor.Handle, convert(tensor).Handle));
                }
                return this;
            }

            private bool IsRegistered(string name) =>
                ownParameters.Any(p => p.name == name) || ownBuffers.Any(b => b.name == name) || ownChildren.Any(c => c.name == name);

            private void Add<T>(List<(string, T)> list, string name, T item)
            {
                if (string.IsNullOrEmpty(name) || name.Contains('.'))
                    throw new ArgumentException($"{this.name}: invalid name '{name}' (it must be non-empty and contain no '.')", nameof(name));
                if (IsRegistered(name))
                    throw new ArgumentException($"{this.name}: '{name}' is already registered", nameof(name));
                list.Add((name, item));
            }
        }
    }
}
