namespace TorchLab.Torch;

public static partial class torch
{
    public static partial class nn
    {
        /// <summary>How a loss combines per-element values (libtorch's numbering).</summary>
        public enum Reduction
        {
            /// <summary>Keep one loss per element.</summary>
            None = 0,
            /// <summary>Average over elements (the default).</summary>
            Mean = 1,
            /// <summary>Add over elements.</summary>
            Sum = 2,
        }
    }

    /// <summary>Padding given by rule instead of by number, as PyTorch's string paddings.</summary>
    public enum Padding
    {
        /// <summary>No padding (<c>"valid"</c>).</summary>
        Valid = 2,
        /// <summary>Pad so the output has the input's size; stride must be 1 (<c>"same"</c>).</summary>
        Same = 1,
    }
}
