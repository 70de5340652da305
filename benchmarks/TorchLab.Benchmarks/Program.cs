using BenchmarkDotNet.Running;
using TorchLab.Benchmarks;

// dotnet run -c Release --project benchmarks/TorchLab.Benchmarks -- --filter '*HotCalls*' --inProcess --job short
//   (--inProcess: a separately built benchmark project would lack the libtorch natives)
//   ... -- profile tiny-cnn [epochs] [data folder]   (the phase split of one training step)
//   ... -- step-collection seq-attn [epochs] [rounds] [data folder]   (the cost of YoungCollection)
if (args is ["profile", var model, ..])
{
    StepProfile.Run(model, args.Length > 2 ? int.Parse(args[2]) : 20, args.Length > 3 ? args[3] : "data");
    return;
}
if (args is ["step-collection", var collected, ..])
{
    StepCollectionCost.Run(collected, args.Length > 2 ? int.Parse(args[2]) : 4,
        args.Length > 3 ? int.Parse(args[3]) : 6, args.Length > 4 ? args[4] : "data");
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
