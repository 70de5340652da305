using BenchmarkDotNet.Running;
using TorchLab.Benchmarks;

// dotnet run -c Release --project benchmarks/TorchLab.Benchmarks -- --filter '*HotCalls*' --inProcess --job short
//   (--inProcess: a separately built benchmark project would lack the libtorch natives)
//   ... -- profile tiny-cnn [epochs] [data folder]   (the phase split of one training step)
if (args is ["profile", var model, ..])
{
    StepProfile.Run(model, args.Length > 2 ? int.Parse(args[2]) : 20, args.Length > 3 ? args[3] : "data");
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
