using ScottPlot;

namespace TorchLab.Plotting;

/// <summary>
/// The four DNA letters as filled outlines in the unit square (x and y from 0 to 1), for a sequence logo: text
/// cannot be stretched to a height, a polygon can. Each letter is one or two simple polygons, so none needs a hole:
/// A is a chevron and a crossbar, C an open ring, G a ring with its bar.
/// </summary>
internal static class LetterShapes
{
    private const double Stroke = 0.19;   // of the letter's width; about a bold font's

    public static IReadOnlyList<Coordinates[]> Of(char letter) => char.ToUpperInvariant(letter) switch
    {
        'A' => A,
        'C' => C,
        'G' => G,
        'T' => T,
        _ => throw new PlotException($"'{letter}' is not one of the letters A, C, G, T"),
    };

    private static readonly Coordinates[][] A =
    [
        [new(0, 0), new(0.2, 0), new(0.5, 0.75), new(0.8, 0), new(1, 0), new(0.6, 1), new(0.4, 1)],
        [new(0.28, 0.22), new(0.72, 0.22), new(0.652, 0.4), new(0.348, 0.4)],
    ];

    private static readonly Coordinates[][] T =
    [
        [
            new(0, 1), new(1, 1), new(1, 1 - Stroke), new(0.5 + Stroke / 2, 1 - Stroke), new(0.5 + Stroke / 2, 0),
            new(0.5 - Stroke / 2, 0), new(0.5 - Stroke / 2, 1 - Stroke), new(0, 1 - Stroke),
        ],
    ];

    // Open on the right between 40° above and below the middle.
    private static readonly Coordinates[][] C = [[.. Arc(40, 320, 0.5), .. Arc(320, 40, 0.5 - Stroke)]];

    // C's ring run on to the middle of the right side, then a bar in to the centre and down to the inner ring.
    private static readonly Coordinates[][] G =
    [
        [
            .. Arc(40, 360, 0.5), new(1, 0.52), new(0.52, 0.52), new(0.52, 0.52 - 0.8 * Stroke),
            .. Arc(340, 40, 0.5 - Stroke),
        ],
    ];

    // Points on a circle about the centre of the square from one angle to another (degrees, anticlockwise when
    // the second is larger), one every 10°.
    private static IEnumerable<Coordinates> Arc(double from, double to, double radius)
    {
        var steps = (int)Math.Ceiling(Math.Abs(to - from) / 10);
        for (var i = 0; i <= steps; i++)
        {
            var angle = (from + (to - from) * i / steps) * Math.PI / 180;
            yield return new(0.5 + radius * Math.Cos(angle), 0.5 + radius * Math.Sin(angle));
        }
    }
}
