using System.Runtime.InteropServices;

namespace TorchLab.TorchLab.Tests;

/// <summary>
/// <c>predict</c> and <c>summary</c> read a weights file once, however many models they try it
/// against: Linux's inotify counts every open of the file, by this process or any other.
/// </summary>
public sealed class WeightsReadOnceTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    // Weights that fit none of the lab's models: before, predict opened them six times (the
    // model, whether it is a checkpoint, then each of the other four models).
    [Theory]
    [InlineData("predict")]
    [InlineData("summary")]
    public void A_weights_file_that_fits_no_model_is_opened_once(string command)
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "counts opens with Linux's inotify");
        var weights = folder.File("conv.pt");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "fixtures", "conv2d_state_dict.pt"), weights);
        var digits = folder.File("rows.csv");
        File.WriteAllLines(digits, File.ReadLines(DataFiles.File("digits.csv")).Take(3));
        string[] args = command == "predict"
            ? ["predict", "tiny-cnn", digits, "--weights", weights]
            : ["summary", "tiny-cnn", "--weights", weights, "--data", DataFiles.Folder];

        using var opens = new OpenCounter(weights);
        var (code, stdout, stderr) = CliRunner.RunSplit(args);

        Assert.True(code == 2, $"exit code {code}:\n{stdout}{stderr}");
        Assert.Contains($"--weights: {weights}: the weights do not fit TinyCnn: missing 'conv1.weight'", stderr);
        Assert.Equal(1, opens.Count());
    }

    // IN_OPEN and IN_CLOSE_NOWRITE both: inotify merges identical events that follow each other
    // unread, so opens alone would count one however many there were.
    private sealed class OpenCounter : IDisposable
    {
        private const int NonBlocking = 0x800, CloseOnExec = 0x80000;
        private const uint Opened = 0x20, ClosedUnwritten = 0x10;
        private const int EventHeaderBytes = 16;   // struct inotify_event before its name
        private readonly int descriptor;

        public OpenCounter(string path)
        {
            descriptor = inotify_init1(NonBlocking | CloseOnExec);
            Assert.True(descriptor >= 0, $"inotify_init1 failed: {Marshal.GetLastPInvokeErrorMessage()}");
            var watch = inotify_add_watch(descriptor, path, Opened | ClosedUnwritten);
            Assert.True(watch >= 0, $"inotify_add_watch {path} failed: {Marshal.GetLastPInvokeErrorMessage()}");
        }

        public int Count()
        {
            var buffer = new byte[64 * 1024];
            var opens = 0;
            for (nint read; (read = ReadEvents(buffer)) > 0;)
                for (var at = 0; at < read; at += EventHeaderBytes + BitConverter.ToInt32(buffer, at + 12))
                    if ((BitConverter.ToUInt32(buffer, at + 4) & Opened) != 0) opens++;
            return opens;
        }

        public void Dispose() => close(descriptor);

        private nint ReadEvents(byte[] buffer) => read(descriptor, buffer, buffer.Length);

        [DllImport("libc.so.6", SetLastError = true)]
        private static extern int inotify_init1(int flags);

        [DllImport("libc.so.6", SetLastError = true)]
        private static extern int inotify_add_watch(int fd, string pathname, uint mask);

        [DllImport("libc.so.6", SetLastError = true)]
        private static extern nint read(int fd, byte[] buffer, nint count);

        [DllImport("libc.so.6")]
        private static extern int close(int fd);
    }
}
