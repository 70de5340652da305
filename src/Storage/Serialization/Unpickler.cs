using System.Buffers.Binary;
using System.Text;
using TorchLab.Training.Data;

namespace TorchLab.Storage.Serialization;

/// <summary>
/// A restricted reader for the pickle (protocol 2) that torch.save writes for a state dict.
/// It knows only the opcodes that subset uses, resolves only the globals on the allow-list
/// (OrderedDict, the tensor rebuild functions, the storage classes), and calls nothing: REDUCE
/// on an allowed global builds a plain value. See pickletools.py for the opcodes.
/// </summary>
internal sealed class Unpickler(byte[] pickle, string path)
{
    private const string OrderedDict = "collections.OrderedDict", RebuildTensor = "torch._utils._rebuild_tensor_v2",
        RebuildParameter = "torch._utils._rebuild_parameter";

    private readonly List<object?> stack = [];
    private readonly List<int> marks = [];
    private readonly Dictionary<long, object?> memo = [];
    private readonly Dictionary<string, StorageRef> storages = [];  // views of one storage share it
    private int position, objects;

    public object? Load()
    {
        while (true)
        {
            var at = position;
            var op = Byte();
            switch (op)
            {
                case 0x80: Byte(); break;                                 // PROTO
                case 0x95: Take(8); break;                                // FRAME (protocol 4; harmless)
                case (byte)'.': return Pop();                             // STOP
                case (byte)'(': Mark(); break;
                case (byte)'}': Push(new OrderedDictionary<object, object?>()); break;
                case (byte)']': Push(new List<object?>()); break;
                case (byte)')': Push(Array.Empty<object?>()); break;
                case (byte)'N': Push(null); break;
                case 0x88: Push(true); break;                             // NEWTRUE
                case 0x89: Push(false); break;                            // NEWFALSE
                case (byte)'t': Push(PopMark().ToArray()); break;         // TUPLE
                case 0x85: case 0x86: case 0x87: Push(PopTuple(op - 0x84)); break;  // TUPLE1..3
                case (byte)'l': Push(PopMark()); break;                   // LIST
                case (byte)'d': { var d = new OrderedDictionary<object, object?>(); SetItems(d,
                    PopMark()); Push(d); break; }
                case (byte)'a': { var v = Pop(); Top<List<object?>>("APPEND").Add(v); break; }
                case (byte)'e': { var items = PopMark(); Top<List<object?>>("APPENDS").AddRange(items); break; }
                case (byte)'s': { var v = Pop(); var k = Pop(); SetItems(Top<OrderedDictionary<object,
                    object?>>("SETITEM"), [k, v]); break; }
                case (byte)'u': { var items = PopMark(); SetItems(Top<OrderedDictionary<object,
                    object?>>("SETITEMS"), items); break; }
                case (byte)'J': Push((long)BinaryPrimitives.ReadInt32LittleEndian(Take(4))); break;   // BININT
                case (byte)'K': Push((long)Byte()); break;                                            // BININT1
                case (byte)'M': Push((long)BinaryPrimitives.ReadUInt16LittleEndian(Take(2))); break;  // BININT2
                case 0x8a: Push(Long1()); break;
                case (byte)'G': Push(BinaryPrimitives.ReadDoubleBigEndian(Take(8))); break;            // BINFLOAT
                case (byte)'X': Push(Text(Length(BinaryPrimitives.ReadUInt32LittleEndian(Take(4))), utf8: true)); break;
                case 0x8c: Push(Text(Byte(), utf8: true)); break;        // SHORT_BINUNICODE
                case (byte)'T': Push(Text(Length(BinaryPrimitives.ReadUInt32LittleEndian(Take(4))),
                    utf8: false)); break;
                case (byte)'U': Push(Text(Byte(), utf8: false)); break;  // SHORT_BINSTRING
                case (byte)'q': Remember(Byte()); break;                  // BINPUT
                case (byte)'r': Remember(BinaryPrimitives.ReadUInt32LittleEndian(Take(4))); break;
                case 0x94: Remember(memo.Count); break;                   // MEMOIZE
                case (byte)'h': Push(Recall(Byte())); break;              // BINGET
                case (byte)'j': Push(Recall(BinaryPrimitives.ReadUInt32LittleEndian(Take(4)))); break;
                case (byte)'c': Push(Global(Line() + "." + Line())); break;
                case (byte)'R': { var args = Pop(); var callable = Pop(); Push(Reduce(callable, args)); break; }
                case (byte)'b': Build(); break;
                case (byte)'Q': Push(Persistent(Pop())); break;           // BINPERSID
                case (byte)'0': Pop(); break;                             // POP
                case (byte)'1': PopMark(); break;                         // POP_MARK
                case (byte)'2': Push(Peek()); break;                      // DUP
                default: throw Fail($"unsupported pickle opcode 0x{op:x2} at byte {at} of data.pkl");
            }
        }
    }

    private PtFormatException Fail(string problem) => new(path, problem);

    private ReadOnlySpan<byte> Take(int count)
    {
        if (pickle.Length - position < count) throw Fail("truncated: data.pkl ends in the middle of a value");
        position += count;
        return pickle.AsSpan(position - count, count);
    }

    private byte Byte() => Take(1)[0];

    private int Length(uint length)
    {
        if (length > pickle.Length - position) throw Fail("truncated: a string in data.pkl runs past its end");
        if (length > PtLimits.MaxStringBytes)
            throw Fail($"a string of {length} bytes at byte {position} of data.pkl is over the " +
                $"{PtLimits.MaxStringBytes}-byte limit for a key or name");
        return (int)length;
    }

    private string Text(int length, bool utf8)
    {
        var bytes = Take(length);
        try
        {
            return utf8 ? new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes)
                : Encoding.Latin1.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw Fail($"a string at byte {position - length} of data.pkl is not valid UTF-8");
        }
    }

    private string Line()
    {
        var end = Array.IndexOf(pickle, (byte)'\n', position);
        if (end < 0 || end - position > 256) throw Fail("truncated: a GLOBAL name in data.pkl has no end");
        var text = Encoding.ASCII.GetString(pickle, position, end - position);
        position = end + 1;
        return text;
    }

    private long Long1()
    {
        var bytes = Take(Byte());
        if (bytes.Length > 8) throw Fail("an integer in data.pkl is wider than 64 bits");
        long value = 0;
        for (var i = bytes.Length - 1; i >= 0; i--) value = (value << 8) | bytes[i];
        if (bytes.Length is > 0 and < 8 && (bytes[^1] & 0x80) != 0) value |= -1L << (8 * bytes.Length);  // sign-extend
        return value;
    }

    private void Push(object? value)
    {
        if (stack.Count >= PtLimits.MaxStackDepth)
            throw Fail($"data.pkl needs a stack deeper than {PtLimits.MaxStackDepth} values");
        if (++objects > PtLimits.MaxObjects) throw Fail($"data.pkl holds more than {PtLimits.MaxObjects} values");
        stack.Add(value);
    }

    private object? Peek() => stack.Count > (marks.Count > 0 ? marks[^1] : 0) ? stack[^1]
        : throw Fail("malformed data.pkl (stack underflow)");

    private object? Pop()
    {
        var value = Peek();
        stack.RemoveAt(stack.Count - 1);
        return value;
    }

    private T Top<T>(string opcode) where T : class =>
        Peek() as T ?? throw Fail($"malformed data.pkl ({opcode} on a {KindOf(stack[^1])})");

    private void Mark()
    {
        if (marks.Count >= PtLimits.MaxMarkDepth)
            throw Fail($"data.pkl nests deeper than {PtLimits.MaxMarkDepth} levels");
        marks.Add(stack.Count);
    }

    private List<object?> PopMark()
    {
        if (marks.Count == 0) throw Fail("malformed data.pkl (no MARK)");
        var start = marks[^1];
        marks.RemoveAt(marks.Count - 1);
        var items = stack.GetRange(start, stack.Count - start);
        stack.RemoveRange(start, stack.Count - start);
        return items;
    }

    private object?[] PopTuple(int count)
    {
        var items = new object?[count];
        for (var i = count - 1; i >= 0; i--) items[i] = Pop();
        return items;
    }

    private void SetItems(OrderedDictionary<object, object?> dict, List<object?> items)
    {
        if (items.Count % 2 != 0) throw Fail("malformed data.pkl (a dict item without its value)");
        for (var i = 0; i < items.Count; i += 2)
            dict[items[i] is string or long ? items[i]! : throw Fail($"a dict key in data.pkl is a " +
                $"{KindOf(items[i])}; only str and int keys are supported")] = items[i + 1];
    }

    private void Remember(long index)
    {
        if (memo.Count >= PtLimits.MaxMemoEntries && !memo.ContainsKey(index))
            throw Fail($"data.pkl memoizes more than {PtLimits.MaxMemoEntries} values");
        memo[index] = Peek();
    }

    private object? Recall(long index) =>
        memo.TryGetValue(index, out var value) ? value
            : throw Fail($"malformed data.pkl (memo {index} was never stored)");

    private PickleGlobal Global(string name)
    {
        var allowed = name is OrderedDict or RebuildTensor or RebuildParameter
            || (name.StartsWith("torch.", StringComparison.Ordinal)
                && StorageTypes.Find(name["torch.".Length..]) is not null);
        return allowed ? new PickleGlobal(name)
            : throw Fail($"refuses global '{Excerpt.Of(name)}': a state dict holds only tensors, so only " +
                $"OrderedDict, tensor rebuilding and torch storage types may appear");
    }

    private object? Reduce(object? callable, object? args)
    {
        if (callable is not PickleGlobal global) throw Fail($"malformed data.pkl (REDUCE calls a {KindOf(callable)})");
        if (args is not object?[] a)
            throw Fail($"malformed data.pkl (REDUCE of '{Excerpt.Of(global.Name)}' with {KindOf(args)} arguments)");
        switch (global.Name)
        {
            case OrderedDict when a.Length == 0:
                return new OrderedDictionary<object, object?>();
            case RebuildTensor when a.Length >= 4:
                if (a[0] is not StorageRef storage || a[1] is not long offset)
                    throw Fail($"malformed data.pkl ({RebuildTensor} needs a storage and an offset)");
                var size = Integers(a[2], "size");
                var stride = Integers(a[3], "stride");
                if (size.Length != stride.Length)
                    throw Fail($"malformed data.pkl (a tensor has {size.Length} sizes but {stride.Length} strides)");
                return new TensorSpec(storage, offset, size, stride);
            case RebuildParameter when a.Length >= 1 && a[0] is TensorSpec data:
                return data;  // requires_grad and hooks do not survive into a state dict
            default:
                throw Fail($"malformed data.pkl (cannot call '{Excerpt.Of(global.Name)}' with {a.Length} arguments)");
        }
    }

    private long[] Integers(object? value, string what)
    {
        if (value is not object?[] items || items.Length > PtLimits.MaxDimensions)
            throw Fail($"malformed data.pkl (a tensor {what} is not a tuple of at most " +
                $"{PtLimits.MaxDimensions} integers)");
        return items.Select(item => item as long? ?? throw Fail($"malformed data.pkl (a tensor {what} holds " +
            $"a {KindOf(item)})")).ToArray();
    }

    // BUILD sets an object's state. The only objects here are OrderedDicts, whose state
    // (_metadata: each module's version) a TorchSharp model has no use for.
    private void Build()
    {
        Pop();
        Top<OrderedDictionary<object, object?>>("BUILD");
    }

    // ('storage', torch.XStorage, key, location, numel): record data/<key> holds numel elements.
    private StorageRef Persistent(object? id)
    {
        if (id is not object?[] { Length: 5 } t || t[0] is not "storage" || t[1] is not PickleGlobal type
            || t[2] is not string key || t[3] is not string || t[4] is not long count)
            throw Fail("malformed data.pkl (a persistent id is not ('storage', type, key, location, numel))");
        if (key.Length is 0 or > 64 || !key.All(char.IsAsciiLetterOrDigit))
            throw Fail($"malformed data.pkl (storage key '{Excerpt.Of(key)}' is not a plain name)");
        var (dtype, elementSize) = StorageTypes.Find(type.Name["torch.".Length..])
            ?? throw Fail($"malformed data.pkl ('{type.Name}' is not a storage type)");
        if (count < 0 || count > PtLimits.MaxStorageBytes / elementSize)
            throw Fail($"storage '{key}' declares {count} elements, more than the " +
                $"{PtLimits.MaxStorageBytes}-byte limit allows");
        if (storages.TryGetValue(key, out var known))
            return known.Type == dtype && known.ElementCount == count ? known
                : throw Fail($"storage '{key}' is declared twice with different types or sizes");
        return storages[key] = new StorageRef(key, dtype, elementSize, count);
    }

    /// <summary>Python's name for the kind of an unpickled value, for error messages.</summary>
    public static string KindOf(object? value) => value switch
    {
        null => "None",
        bool => "bool",
        long => "int",
        double => "float",
        string => "str",
        object?[] => "tuple",
        List<object?> => "list",
        OrderedDictionary<object, object?> => "dict",
        PickleGlobal g => $"global '{Excerpt.Of(g.Name)}'",
        StorageRef => "storage",
        TensorSpec => "tensor",
        _ => value.GetType().Name,
    };
}
