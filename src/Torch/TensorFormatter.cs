using System.Globalization;
using System.Text;

namespace TorchLab.Torch;

/// <summary>
/// Prints tensors the way PyTorch does (<c>tensor([[1., 2.], ...])</c>, four decimals or
/// scientific notation, "..." past 1000 elements), followed by the shape and dtype.
/// </summary>
internal static class TensorFormatter
{
    private const int SummarizeAbove = 1000;
    private const int EdgeItems = 3;
    private const int LineWidth = 80;

    public static string Format(torch.Tensor tensor)
    {
        var shape = tensor.shape;
        var dtype = tensor.dtype;
        string[] cells;
        using (var cpu = tensor.device_type == DeviceType.CPU ? tensor.alias() : tensor.cpu())
            cells = Cells(cpu, dtype);
        var summarize = cells.Length > SummarizeAbove;
        var width = cells.Length == 0 ? 0 : cells.Max(c => c.Length);
        var body = new StringBuilder("tensor(");
        if (shape.Length == 0) body.Append(cells[0]);
        else Append(body, cells, shape, 0, 0, width, summarize, "tensor(".Length);
        body.Append(", shape=[").Append(string.Join(", ", shape)).Append("], dtype=").Append(Name(dtype));
        if (tensor.device_type != DeviceType.CPU) body.Append(", device='").Append(tensor.device).Append('\'');
        return body.Append(')').ToString();
    }

    private static string Name(ScalarType type) => type switch
    {
        ScalarType.Float32 => "float32",
        ScalarType.Float64 => "float64",
        ScalarType.Int64 => "int64",
        ScalarType.Int32 => "int32",
        ScalarType.Bool => "bool",
        ScalarType.Byte => "uint8",
        _ => type.ToString(),
    };

    private static string[] Cells(torch.Tensor cpu, ScalarType dtype)
    {
        switch (dtype)
        {
            case ScalarType.Bool:
                return cpu.data<bool>().Select(b => b ? "True" : "False").ToArray();
            case ScalarType.Float32:
            case ScalarType.Float64:
                using (var wide = cpu.to(ScalarType.Float64))
                    return FloatCells(wide.data<double>());
            default:
                using (var wide = cpu.to(ScalarType.Int64))
                    return wide.data<long>().Select(v => v.ToString(CultureInfo.InvariantCulture)).ToArray();
        }
    }

    // PyTorch's rule: integral values print as "3.", a wide dynamic range (or tiny or huge
    // values) switches to scientific notation, anything else gets four decimals.
    private static string[] FloatCells(double[] values)
    {
        var finite = values.Where(v => double.IsFinite(v) && v != 0).Select(Math.Abs).ToArray();
        var integral = values.Where(double.IsFinite).All(v => v == Math.Floor(v));
        var scientific = finite.Length > 0 && (finite.Max() / finite.Min() > 1000 || finite.Max() > 1e8 || finite.Min() < 1e-4);
        return values.Select(v =>
            double.IsNaN(v) ? "nan"
            : double.IsPositiveInfinity(v) ? "inf"
            : double.IsNegativeInfinity(v) ? "-inf"
            : integral && !(finite.Length > 0 && finite.Max() > 1e8) ? v.ToString("0", CultureInfo.InvariantCulture) + "."
            : scientific ? v.ToString("0.0000e+00", CultureInfo.InvariantCulture)
            : v.ToString("0.0000", CultureInfo.InvariantCulture)).ToArray();
    }

    private static void Append(StringBuilder text, string[] cells, long[] shape, int dim, long offset, int width, bool summarize, int indent)
    {
        var stride = 1L;
        for (var d = dim + 1; d < shape.Length; d++) stride *= shape[d];
        var items = Items(shape[dim], summarize);
        text.Append('[');
        if (dim == shape.Length - 1)
        {
            var perLine = Math.Max(1, (LineWidth - indent - 1) / (width + 2));
            for (var i = 0; i < items.Count; i++)
            {
                if (i > 0) text.Append(i % perLine == 0 ? ",\n" + new string(' ', indent + 1) : ", ");
                text.Append(items[i] < 0 ? "..." : cells[offset + items[i]].PadLeft(width));
            }
        }
        else
        {
            var separator = "," + new string('\n', shape.Length - dim - 1) + new string(' ', indent + 1);
            for (var i = 0; i < items.Count; i++)
            {
                if (i > 0) text.Append(separator);
                if (items[i] < 0) text.Append("...");
                else Append(text, cells, shape, dim + 1, offset + items[i] * stride, width, summarize, indent + 1);
            }
        }
        text.Append(']');
    }

    // The indices shown along one dimension; -1 stands for the "..." of a summarised tensor.
    private static List<long> Items(long size, bool summarize)
    {
        if (!summarize || size <= 2 * EdgeItems) return Enumerable.Range(0, (int)size).Select(i => (long)i).ToList();
        var items = new List<long>();
        for (long i = 0; i < EdgeItems; i++) items.Add(i);
        items.Add(-1);
        for (var i = size - EdgeItems; i < size; i++) items.Add(i);
        return items;
    }
}
