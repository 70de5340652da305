using System.IO.Compression;
using System.Text;
using TorchLab.Training.Data;
using static TorchSharp.torch;

namespace TorchLab.Storage.Serialization;

/// <summary>
/// Reads a state dict from torch.save's zip: <c>{prefix}/data.pkl</c> describes the tensors,
/// <c>{prefix}/data/{key}</c> holds each storage's raw little-endian bytes. Every description is
/// checked against its storage, and every record's size against <see cref="PtLimits"/>, before
/// the first tensor is allocated.
/// </summary>
internal sealed class PtReader
{
    private readonly string path;
    private readonly Dictionary<string, ZipArchiveEntry> records = new(StringComparer.Ordinal);
    private readonly string prefix;
    private long budget;  // bytes all records read together may still expand to
    private long viewBudget;  // bytes the tensors' views may still span together

    private PtReader(string path, ZipArchive zip, long fileLength)
    {
        this.path = path;
        budget = Math.Max(PtLimits.MaxInflationRatio * fileLength, PtLimits.MinInflationBudget);
        viewBudget = Math.Max(PtLimits.MaxViewRatio * fileLength, PtLimits.MinInflationBudget);
        if (zip.Entries.Count > PtLimits.MaxZipEntries)
            throw Fail($"the zip holds more than {PtLimits.MaxZipEntries} entries");
        foreach (var entry in zip.Entries) records.TryAdd(entry.FullName, entry);
        // PyTorch names the archive's folder after the first record (the file's stem before 2.0, "archive" since).
        var first = zip.Entries.Count > 0 ? zip.Entries[0].FullName : "";
        prefix = first.Contains('/') ? first[..(first.IndexOf('/') + 1)] : "";
    }

    public static OrderedDictionary<string, Tensor> Read(string path)
    {
        FileStream file;
        try
        {
            file = InputFile.Open(path, PtLimits.MaxFileBytes, "a .pt file");
        }
        catch (InputFileException e)
        {
            throw new PtFormatException(path, e.Problem, e);
        }
        using var _ = file;
        try
        {
            using var zip = new ZipArchive(file, ZipArchiveMode.Read, leaveOpen: true);
            return new PtReader(path, zip, file.Length).ReadStateDict();
        }
        catch (InvalidDataException e)
        {
            throw new PtFormatException(path, Diagnose(file, e.Message), e);
        }
    }

    // Why the zip reader gave up, in words a user can act on.
    private static string Diagnose(FileStream file, string zipError)
    {
        Span<byte> head = stackalloc byte[4];
        file.Position = 0;
        var n = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        if (n >= 2 && head[0] == 0x80 && head[1] == 0x02)
            return "not a PyTorch zip file: this is torch.save's legacy format " +
                "(_use_new_zipfile_serialization=False), which is not supported";
        if (n == 4 && head.SequenceEqual("PK\x03\x04"u8))
            return $"truncated or corrupt zip ({zipError})";
        return $"not a PyTorch zip file ({zipError})";
    }

    private PtFormatException Fail(string problem) => new(path, problem);

    private OrderedDictionary<string, Tensor> ReadStateDict()
    {
        var pickleEntry = Record("data.pkl") ?? throw Fail("not a PyTorch zip file: it has no data.pkl record");
        CheckByteOrder();
        if (pickleEntry.Length > PtLimits.MaxPickleBytes)
            throw Fail($"data.pkl holds {pickleEntry.Length} bytes, more than the " +
                $"{PtLimits.MaxPickleBytes}-byte limit");
        Spend(pickleEntry);
        var pickle = new byte[pickleEntry.Length];
        ReadRecord(pickleEntry, pickle);
        var tensors = TensorSpecs(new Unpickler(pickle, path).Load());

        var storages = tensors.Select(t => t.Spec.Storage).Distinct().ToList();
        var entries = storages.Select(StorageRecord).ToList();  // every size checked before any allocation
        foreach (var (name, spec) in tensors) Span(name, spec);

        using var scope = NewDisposeScope();
        var bases = new Dictionary<StorageRef, Tensor>();
        for (var i = 0; i < storages.Count; i++)
        {
            var storage = empty(storages[i].ElementCount, storages[i].Type);
            if (storages[i].ElementCount > 0) ReadRecord(entries[i], storage.bytes);
            bases[storages[i]] = storage;
        }
        var result = new OrderedDictionary<string, Tensor>();
        foreach (var (name, spec) in tensors)
            result[name] = bases[spec.Storage].as_strided(spec.Size, spec.Stride,
                spec.Offset).MoveToOuterDisposeScope();
        return result;
    }

    private ZipArchiveEntry? Record(string name) => records.GetValueOrDefault(prefix + name);

    private void CheckByteOrder()
    {
        if (Record("byteorder") is not { } entry) return;  // PyTorch before 2.1 wrote none: little-endian
        if (entry.Length > 16) throw Fail("the byteorder record is not 'little' or 'big'");
        Spend(entry);
        var bytes = new byte[entry.Length];
        ReadRecord(entry, bytes);
        var order = Encoding.ASCII.GetString(bytes).Trim();
        if (order != "little" || !BitConverter.IsLittleEndian)
            throw Fail($"storages are '{order}'-endian; only little-endian files on " +
                $"little-endian machines are supported");
    }

    private List<(string Name, TensorSpec Spec)> TensorSpecs(object? root)
    {
        if (root is not OrderedDictionary<object, object?> dict)
            throw Fail($"data.pkl holds a {Unpickler.KindOf(root)}, not a dict of tensors");
        var tensors = new List<(string, TensorSpec)>(dict.Count);
        foreach (var (key, value) in dict)
        {
            if (key is not string name) throw Fail($"a key of the dict is a {Unpickler.KindOf(key)}, not a str");
            if (value is not TensorSpec spec)
                throw Fail($"entry '{Excerpt.Of(name)}' is a {Unpickler.KindOf(value)}, not a tensor");
            Check(name, spec);
            tensors.Add((name, spec));
        }
        return tensors;
    }

    // The elements a strided view reaches must lie inside its storage, or as_strided would read
    // past the end of the allocation.
    private void Check(string name, TensorSpec spec)
    {
        if (spec.Offset < 0 || spec.Size.Any(s => s < 0) || spec.Stride.Any(s => s < 0))
            throw Fail($"tensor '{Excerpt.Of(name)}' has a negative size, stride or storage offset");
        long needed;
        try
        {
            var elements = spec.Size.Aggregate(1L, (product, s) => checked(product * s));
            checked { _ = elements * spec.Storage.ElementSize; }
            needed = elements == 0 ? 0 : checked(spec.Offset + 1 + spec.Size.Zip(spec.Stride,
                (s, d) => checked((s - 1) * d)).Sum());
        }
        catch (OverflowException)
        {
            throw Fail($"tensor '{Excerpt.Of(name)}' has sizes and strides whose extent overflows 64 bits");
        }
        if (needed > spec.Storage.ElementCount)
            throw Fail($"tensor '{Excerpt.Of(name)}' needs {needed} elements but its storage holds " +
                $"{spec.Storage.ElementCount}");
    }

    // What a view spans (which a copy of it allocates) must fit the view budget: stride 0 lets a
    // view span far more than its storage holds.
    private void Span(string name, TensorSpec spec)
    {
        var elements = spec.Size.Aggregate(1L, (product, s) => product * s);  // Check proved these cannot overflow
        var bytes = elements * spec.Storage.ElementSize;
        viewBudget -= bytes;
        if (bytes > PtLimits.MaxStorageBytes || viewBudget < 0)
            throw Fail($"tensor '{Excerpt.Of(name)}' is a view of {elements} {spec.Storage.Type} elements ({bytes} " +
                $"bytes) over a storage of {spec.Storage.ElementCount}: "
                + $"the tensors together would span more than {PtLimits.MaxViewRatio} times the file's size (or " +
                    $"{PtLimits.MaxStorageBytes} bytes for one)");
    }

    private ZipArchiveEntry StorageRecord(StorageRef storage)
    {
        var name = "data/" + storage.Key;
        var entry = Record(name) ?? throw Fail($"storage record '{name}' is missing");
        var bytes = storage.ElementCount * storage.ElementSize;  // ≤ MaxStorageBytes (Unpickler)
        if (entry.Length != bytes)
            throw Fail($"storage record '{name}' holds {entry.Length} bytes but its {storage.ElementCount} " +
                $"{storage.Type} elements need {bytes}");
        Spend(entry);
        return entry;
    }

    private void Spend(ZipArchiveEntry entry)
    {
        budget -= entry.Length;
        if (budget < 0)
            throw Fail($"record '{entry.FullName}' would expand to {entry.Length} bytes from " +
                $"{entry.CompressedLength}: the records together exceed "
                + $"{PtLimits.MaxInflationRatio} times the file's size (a zip bomb?)");
    }

    // Reads exactly the entry's declared length, and refuses an entry that holds more: the
    // declared size is what the limits were checked against.
    private void ReadRecord(ZipArchiveEntry entry, Span<byte> into)
    {
        using var stream = entry.Open();
        var read = stream.ReadAtLeast(into, into.Length, throwOnEndOfStream: false);
        if (read < into.Length)
            throw Fail($"truncated: record '{entry.FullName}' ends after {read} of its {into.Length} bytes");
        Span<byte> extra = stackalloc byte[1];
        if (stream.Read(extra) != 0)
            throw Fail($"record '{entry.FullName}' holds more bytes than the {into.Length} its header declares");
    }
}
