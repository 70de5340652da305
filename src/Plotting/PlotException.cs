namespace TorchLab.Plotting;

/// <summary>
/// A figure could not be drawn or written: the path is unusable, an image unreadable, or there is nothing to plot.
/// </summary>
public sealed class PlotException(string message, Exception? inner = null) : Exception(message, inner);
