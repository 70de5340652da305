using TorchLab.Torch;

// Placeholder until the CLI lands: shows that libtorch is reachable and computes.
Console.WriteLine($"libtorch {torch.__version__}, device cpu, {torch.get_num_threads()} threads, CUDA available: {torch.cuda.is_available()}");
torch.manual_seed(0);
using var a = torch.tensor(new float[] { 1, 2, 3, 4 }, new long[] { 2, 2 });
using var b = torch.ones(2, 2);
using var c = torch.matmul(a, b);
Console.WriteLine($"[[1, 2], [3, 4]] @ ones(2, 2) computed by libtorch:\n{c}");
