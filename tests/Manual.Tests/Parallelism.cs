// Several classes seed libtorch's one global generator (manual_seed) and then draw from it (dropout masks);
// run in parallel, another class's seed can land between the two, and a mask differs. The whole project
// takes seconds, so its classes run one after another.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
