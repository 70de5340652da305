using System.Buffers.Binary;
using System.Text;

namespace TorchLab.Storage.Serialization;

/// <summary>
/// Writes the pickle (protocol 2) that torch.save writes for a state dict:
/// <c>OrderedDict([(name, torch._utils._rebuild_tensor_v2(storage, offset, size, stride,
/// False, OrderedDict())), ...])</c>, each storage a persistent id
/// <c>('storage', torch.FloatStorage, key, 'cpu', numel)</c> that torch.load resolves to
/// record <c>data/{key}</c>.
/// </summary>
internal sealed class Pickler
{
    /// <summary>One tensor to describe: its storage is record <c>data/{Key}</c>, from element 0.</summary>
    public sealed record Entry(string Name, string Key, string StorageType,
        long ElementCount, long[] Size, long[] Stride);

    private readonly MemoryStream output = new();

    public static byte[] StateDict(IReadOnlyList<Entry> entries)
    {
        var p = new Pickler();
        p.Op(0x80, 2);                                  // PROTO 2
        p.Global("collections", "OrderedDict");
        p.Op((byte)')', (byte)'R');                     // OrderedDict()
        foreach (var batch in entries.Chunk(1000))      // Python's pickle also sets items 1,000 at a time
        {
            p.Op((byte)'(');                            // MARK
            foreach (var entry in batch)
            {
                p.Text(entry.Name);
                p.Tensor(entry);
            }
            p.Op((byte)'u');                            // SETITEMS
        }
        p.Op((byte)'.');                                // STOP
        return p.output.ToArray();
    }

    private void Tensor(Entry entry)
    {
        Global("torch._utils", "_rebuild_tensor_v2");
        Op((byte)'(');
        Op((byte)'(');
        Text("storage");
        Global("torch", entry.StorageType);
        Text(entry.Key);
        Text("cpu");
        Integer(entry.ElementCount);
        Op((byte)'t', (byte)'Q');                       // TUPLE, BINPERSID
        Integer(0);                                     // storage offset
        Tuple(entry.Size);
        Tuple(entry.Stride);
        Op(0x89);                                       // requires_grad = False
        Global("collections", "OrderedDict");
        Op((byte)')', (byte)'R');                       // backward hooks: OrderedDict()
        Op((byte)'t', (byte)'R');                       // _rebuild_tensor_v2(*args)
    }

    private void Op(params ReadOnlySpan<byte> bytes) => output.Write(bytes);

    private void Global(string module, string name) => Op([(byte)'c',
        .. Encoding.ASCII.GetBytes($"{module}\n{name}\n")]);

    private void Text(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        Span<byte> header = stackalloc byte[5];
        header[0] = (byte)'X';                          // BINUNICODE
        BinaryPrimitives.WriteUInt32LittleEndian(header[1..], (uint)bytes.Length);
        Op(header);
        Op(bytes);
    }

    private void Integer(long value)
    {
        Span<byte> bytes = stackalloc byte[9];
        if (value is >= 0 and <= byte.MaxValue) Op((byte)'K', (byte)value);
        else if (value is >= 0 and <= ushort.MaxValue) Op((byte)'M', (byte)value, (byte)(value >> 8));
        else if (value is >= int.MinValue and <= int.MaxValue)
        {
            bytes[0] = (byte)'J';
            BinaryPrimitives.WriteInt32LittleEndian(bytes[1..], (int)value);
            Op(bytes[..5]);
        }
        else
        {
            Op(0x8a, 8);                                // LONG1, 8 bytes, two's complement
            BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
            Op(bytes[..8]);
        }
    }

    private void Tuple(long[] items)
    {
        if (items.Length == 0) { Op((byte)')'); return; }
        if (items.Length > 3) Op((byte)'(');
        foreach (var item in items) Integer(item);
        Op(items.Length > 3 ? (byte)'t' : (byte)(0x84 + items.Length));  // TUPLE or TUPLE1..3
    }
}
