namespace TorchLab.Storage.Serialization;

/// <summary>
/// The limits <see cref="PtFile.Load"/> enforces so that a hostile or broken file costs at most
/// a few times its own size in memory and time, and never more than these fixed caps. A state
/// dict of any model this lab trains (and of models far larger) stays well inside them.
/// </summary>
public static class PtLimits
{
    /// <summary>
    /// Largest file, in bytes (1 GiB): four thousand times the largest checkpoint this lab writes
    /// (seq-gru's, 250 KB), and more than most models' state dicts. Only a regular file is
    /// read (never a FIFO, a device or <c>/dev/stdin</c>), so the file's size is known before it is opened.
    /// </summary>
    public const long MaxFileBytes = 1L << 30;

    /// <summary>Largest <c>data.pkl</c> (the pickled dict of tensor descriptions), in bytes.</summary>
    public const long MaxPickleBytes = 64L << 20;

    /// <summary>
    /// Largest storage (one <c>data/N</c> record), in bytes: 2 GiB less one byte, the most one
    /// span can hold. <see cref="PtFile.Save"/> refuses larger tensors for the same reason.
    /// </summary>
    public const long MaxStorageBytes = int.MaxValue;

    /// <summary>
    /// The records a load reads (data.pkl and the storages) may hold together at most this many
    /// times the file's size, or <see cref="MinInflationBudget"/> for a smaller file. torch.save
    /// stores records uncompressed, so its files need 1×; a re-zipped file may deflate them.
    /// A zip bomb (a gigabyte of zeros deflated into a megabyte), or records that overlap in the
    /// file, are refused from their declared sizes before anything is allocated.
    /// </summary>
    public const long MaxInflationRatio = 8;

    /// <summary>The inflation budget of a file smaller than 1/<see cref="MaxInflationRatio"/> of it.</summary>
    public const long MinInflationBudget = 1L << 20;

    /// <summary>
    /// The tensors a load returns may span together, in bytes (elements × element size of each
    /// view), at most the inflation budget again: a stride-0 view of a billion elements over one
    /// stored value is a few bytes in the file but 8 GB once copied, so views are sized before
    /// any is made. torch.save's own files have views no larger than their storages.
    /// </summary>
    public const long MaxViewRatio = MaxInflationRatio;

    /// <summary>Longest string in <c>data.pkl</c>, in bytes (a key, a storage's name); a state dict's are a few
    /// dozen.</summary>
    public const int MaxStringBytes = 64 << 10;

    /// <summary>Most entries in the zip.</summary>
    public const int MaxZipEntries = 1_000_000;

    /// <summary>Most values on the pickle's stack at once (Python batches dict items by 1,000).</summary>
    public const int MaxStackDepth = 100_000;

    /// <summary>Most open MARKs at once: how deeply tuples, lists and dicts may nest.</summary>
    public const int MaxMarkDepth = 64;

    /// <summary>Most values the pickle may create in all (strings, numbers, tuples, tensors...).</summary>
    public const int MaxObjects = 2_000_000;

    /// <summary>Most memo entries (BINPUT, LONG_BINPUT, MEMOIZE).</summary>
    public const int MaxMemoEntries = 1_000_000;

    /// <summary>Most dimensions of one tensor.</summary>
    public const int MaxDimensions = 64;
}
