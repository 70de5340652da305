using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace TorchLab.Training.Data;

/// <summary>
/// Opens an input file (a data file, an image, a checkpoint) only if it is a regular file within
/// a size cap, so that a FIFO, <c>/dev/zero</c>, <c>/dev/stdin</c> or a directory is refused at
/// once instead of blocking or growing without end. A symlink is followed: one to a regular file
/// is fine, one to a device is refused like the device.
/// </summary>
public static class InputFile
{
    /// <summary>
    /// A stream over <paramref name="path"/>, which must be a regular file of at most
    /// <paramref name="maxBytes"/> bytes (the cap for <paramref name="kind"/>, "a data file", which messages
    /// name). The type is checked before opening (opening a FIFO would wait for a writer, and opening some
    /// devices acts on them), and again on the open handle, which is opened non-blocking, in case the path
    /// was swapped in between.
    /// </summary>
    /// <exception cref="FileNotFoundException">Nothing is at <paramref name="path"/>.</exception>
    /// <exception cref="InputFileException">It is not a regular file, or it is over the cap.</exception>
    public static FileStream Open(string path, long maxBytes, string kind)
    {
        if (!OperatingSystem.IsLinux())
        {
            if (Directory.Exists(path)) throw new InputFileException(path, "is a directory, not a regular file");
            var portable = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            CheckSize(path, portable.Length, maxBytes, kind, portable);
            return portable;
        }
        var named = Status(path, buffer => statx(AtCurrentFolder, path, 0, StatxTypeAndSize, buffer));
        CheckStatus(path, named, maxBytes, kind);
        var descriptor = open(path, ReadOnly | NoControllingTerminal | NonBlocking | CloseOnExec);
        if (descriptor < 0) throw Failure(path, Marshal.GetLastPInvokeError());
        var handle = new SafeFileHandle(descriptor, ownsHandle: true);
        try
        {
            var opened = Status(path, buffer => statx(descriptor, "", EmptyPath, StatxTypeAndSize, buffer));
            CheckStatus(path, opened, maxBytes, kind);
            return new FileStream(handle, FileAccess.Read);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Why <paramref name="path"/> cannot be read as an input (it is a FIFO, a device, a loop of symbolic
    /// links...), or null when it is a regular file or absent.
    /// </summary>
    public static string? Refusal(string path)
    {
        if (!OperatingSystem.IsLinux()) return Directory.Exists(path) ? "is a directory, not a regular file" : null;
        var buffer = Buffer();
        if (statx(AtCurrentFolder, path, 0, StatxTypeAndSize, buffer) != 0)
            return Marshal.GetLastPInvokeError() == SymbolicLinkLoop ? LoopOfLinks : null;
        return Kind(BitConverter.ToUInt16(buffer, ModeOffset)) is { } kind ? $"is {kind}, not a regular file" : null;
    }

    private static void CheckStatus(string path, (ushort mode, long size) status, long maxBytes, string kind)
    {
        if (Kind(status.mode) is { } type) throw new InputFileException(path, $"is {type}, not a regular file");
        CheckSize(path, status.size, maxBytes, kind, null);
    }

    private static void CheckSize(string path, long size, long maxBytes, string kind, IDisposable? open)
    {
        if (size <= maxBytes) return;
        open?.Dispose();
        throw new InputFileException(path, $"is {size} bytes, over the limit of {maxBytes} bytes for {kind}");
    }

    // struct statx (linux/stat.h) has one layout on every architecture: stx_mode is a u16 at
    // byte 28 and stx_size a u64 at byte 40 of its 256 bytes.
    private const int ModeOffset = 28, SizeOffset = 40, StatxBytes = 256;
    private const int AtCurrentFolder = -100, EmptyPath = 0x1000;
    private const uint StatxTypeAndSize = 0x1 | 0x200;   // STATX_TYPE | STATX_SIZE
    private const int SymbolicLinkLoop = 40;   // ELOOP
    private const string LoopOfLinks = "is a loop of symbolic links";
    private const int ReadOnly = 0, NoControllingTerminal = 0x100, NonBlocking = 0x800, CloseOnExec = 0x80000;

    private static byte[] Buffer() => new byte[StatxBytes];

    private static (ushort mode, long size) Status(string path, Func<byte[], int> call)
    {
        var buffer = Buffer();
        if (call(buffer) != 0) throw Failure(path, Marshal.GetLastPInvokeError());
        return (BitConverter.ToUInt16(buffer, ModeOffset), BitConverter.ToInt64(buffer, SizeOffset));
    }

    private static string? Kind(ushort mode) => (mode & 0xF000) switch
    {
        0x8000 => null,
        0x4000 => "a directory",
        0x1000 => "a FIFO (named pipe)",
        0x2000 => "a character device",
        0x6000 => "a block device",
        0xC000 => "a socket",
        _ => "not a plain file",
    };

    private static Exception Failure(string path, int errno) => errno switch
    {
        2 or 20 => new FileNotFoundException($"'{path}' not found", path),   // ENOENT, ENOTDIR
        13 => new UnauthorizedAccessException($"'{path}' cannot be read: permission denied"),
        SymbolicLinkLoop => new InputFileException(path, LoopOfLinks),
        _ => new IOException($"'{path}' cannot be opened: {Marshal.GetPInvokeErrorMessage(errno)}"),
    };

    [DllImport("libc.so.6", SetLastError = true)]
    private static extern int statx(int dirfd, string pathname, int flags, uint mask, [Out] byte[] statxbuf);

    [DllImport("libc.so.6", SetLastError = true)]
    private static extern int open(string pathname, int flags);
}
