namespace TorchLab.Torch;

public static partial class torch
{
    public static partial class nn
    {
        public abstract partial class Module
        {
            /// <summary>
            /// Every parameter and buffer by dotted name, in PyTorch's order. The values share
            /// storage with the module (detached handles owned by the caller's dispose scope).
            /// </summary>
            public Dictionary<string, Tensor> state_dict()
            {
                var result = new Dictionary<string, Tensor>();
                AddState(result, "");
                return result;
            }

            /// <summary>
            /// Copies values from <paramref name="state"/> into this module's parameters and buffers.
            /// With <paramref name="strict"/>, missing or unexpected keys are an error; a shape
            /// mismatch is always one. The message lists every problem at once.
            /// </summary>
            /// <returns>The keys this module has but <paramref name="state"/> lacks, and the reverse.</returns>
            public (IReadOnlyList<string> missing_keys, IReadOnlyList<string> unexpected_keys) load_state_dict(
                IReadOnlyDictionary<string, Tensor> state, bool strict = true)
            {
                var own = OwnTensors();
                var missing = own.Keys.Where(k => !state.ContainsKey(k)).ToList();
                var unexpected = state.Keys.Where(k => !own.ContainsKey(k)).ToList();
                var problems = new List<string>();
                if (strict && missing.Count > 0) problems.Add($"Missing key(s): {string.Join(", ", missing.Select(k => $"\"{k}\""))}.");
                if (strict && unexpected.Count > 0) problems.Add($"Unexpected key(s): {string.Join(", ", unexpected.Select(k => $"\"{k}\""))}.");
                foreach (var (key, target) in own)
                {
                    if (!state.TryGetValue(key, out var source)) continue;
                    if (!source.shape.SequenceEqual(target.shape))
                        problems.Add($"size mismatch for {key}: copying a param with shape [{string.Join(", ", source.shape)}], " +
                                     $"the shape in current model is [{string.Join(", ", target.shape)}].");
                }
                if (problems.Count > 0)
                    throw new ArgumentException($"Error(s) in loading state_dict for {name}:\n\t{string.Join("\n\t", problems)}", nameof(state));

                using var noGrad = no_grad();
                foreach (var (key, target) in own)
                    if (state.TryGetValue(key, out var source))
                        target.copy_(source);
                return (missing, unexpected);
            }

            private Dictionary<string, Tensor> OwnTensors() =>
                named_parameters().Select(p => (p.name, tensor: (Tensor)p.parameter))
                    .Concat(named_buffers().Select(b => (b.name, tensor: b.buffer)))
                    .ToDictionary(p => p.name, p => p.tensor);

            // PyTorch's order: a module's own parameters, then its buffers, then each child's, depth first.
            private void AddState(Dictionary<string, Tensor> result, string prefix)
            {
                foreach (var (name, parameter) in named_parameters(recurse: false))
                    result[prefix + name] = parameter.detach();
                foreach (var (name, buffer) in named_buffers(recurse: false))
                    result[prefix + name] = buffer.detach();
                foreach (var (name, child) in named_children())
                    child.AddState(result, $"{prefix}{name}.");
            }
        }

        /// <summary>A module with a typed forward pass; <see cref="call"/> runs it.</summary>
        public abstract class Module<TInput, TOutput> : Module
        {
            /// <summary>Names the module.</summary>
            protected Module(string name) : base(name) { }

            /// <summary>The computation; call it through <see cref="call"/>.</summary>
            public abstract TOutput forward(TInput input);

            /// <summary>Runs <see cref="forward"/>.</summary>
            public TOutput call(TInput input) => forward(input);
        }
    }
}
