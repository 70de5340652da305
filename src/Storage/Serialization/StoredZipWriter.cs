using System.Buffers.Binary;
using System.Text;

namespace TorchLab.Storage.Serialization;

/// <summary>
/// A zip of stored (uncompressed) records whose data start at multiples of 64 bytes, as
/// PyTorch's own writer lays them out (so newer PyTorch can map storages in place). The
/// padding is an extra field with PyTorch's id "FB". .NET's ZipArchive cannot place data, so
/// this writes the few headers itself. Files over 4 GiB (zip64) are refused.
/// </summary>
internal sealed class StoredZipWriter(Stream output)
{
    private const int Alignment = 64;
    private readonly List<(byte[] Name, uint Crc, uint Size, uint Offset)> written = [];
    private long position;

    public void Add(string name, ReadOnlySpan<byte> data)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var padding = (int)((Alignment - (position + 30 + nameBytes.Length + 4) % Alignment) % Alignment);
        if (position + 30 + nameBytes.Length + 4 + padding + data.Length > uint.MaxValue)
            throw new NotSupportedException("PtFile.Save writes files up to 4 GiB (no zip64)");
        var crc = Crc32.Compute(data);
        var header = new byte[30 + nameBytes.Length + 4 + padding];
        var h = header.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(h, 0x04034b50);            // local file header
        BinaryPrimitives.WriteUInt16LittleEndian(h[4..], 20);               // version needed: 2.0
        BinaryPrimitives.WriteUInt16LittleEndian(h[12..], 0x21);            // date: 1980-01-01, like PyTorch
        BinaryPrimitives.WriteUInt32LittleEndian(h[14..], crc);
        BinaryPrimitives.WriteUInt32LittleEndian(h[18..], (uint)data.Length); // compressed size
        BinaryPrimitives.WriteUInt32LittleEndian(h[22..], (uint)data.Length); // uncompressed size
        BinaryPrimitives.WriteUInt16LittleEndian(h[26..], (ushort)nameBytes.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(h[28..], (ushort)(4 + padding));
        nameBytes.CopyTo(h[30..]);
        var extra = h[(30 + nameBytes.Length)..];
        extra[0] = (byte)'F';
        extra[1] = (byte)'B';
        BinaryPrimitives.WriteUInt16LittleEndian(extra[2..], (ushort)padding);
        extra[4..].Fill((byte)'Z');
        written.Add((nameBytes, crc, (uint)data.Length, (uint)position));
        output.Write(header);
        output.Write(data);
        position += header.Length + data.Length;
    }

    /// <summary>Writes the central directory; the zip is complete after this.</summary>
    public void Finish()
    {
        var start = position;
        foreach (var (name, crc, size, offset) in written)
        {
            var entry = new byte[46 + name.Length];
            var e = entry.AsSpan();
            BinaryPrimitives.WriteUInt32LittleEndian(e, 0x02014b50);        // central directory header
            BinaryPrimitives.WriteUInt16LittleEndian(e[4..], 20);           // version made by
            BinaryPrimitives.WriteUInt16LittleEndian(e[6..], 20);           // version needed
            BinaryPrimitives.WriteUInt16LittleEndian(e[14..], 0x21);
            BinaryPrimitives.WriteUInt32LittleEndian(e[16..], crc);
            BinaryPrimitives.WriteUInt32LittleEndian(e[20..], size);
            BinaryPrimitives.WriteUInt32LittleEndian(e[24..], size);
            BinaryPrimitives.WriteUInt16LittleEndian(e[28..], (ushort)name.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(e[42..], offset);
            name.CopyTo(e[46..]);
            output.Write(entry);
            position += entry.Length;
        }
        if (position + 22 > uint.MaxValue || written.Count > ushort.MaxValue)
            throw new NotSupportedException("PtFile.Save writes files up to 4 GiB and 65,535 records (no zip64)");
        Span<byte> end = stackalloc byte[22];
        end.Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(end, 0x06054b50);          // end of central directory
        BinaryPrimitives.WriteUInt16LittleEndian(end[8..], (ushort)written.Count);
        BinaryPrimitives.WriteUInt16LittleEndian(end[10..], (ushort)written.Count);
        BinaryPrimitives.WriteUInt32LittleEndian(end[12..], (uint)(position - start));
        BinaryPrimitives.WriteUInt32LittleEndian(end[16..], (uint)start);
        output.Write(end);
    }
}
