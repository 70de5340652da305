using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/TorchLab.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
