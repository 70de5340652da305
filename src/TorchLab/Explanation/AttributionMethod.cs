namespace TorchLab.Explanation;

/// <summary>The attribution methods of <c>explain</c> (docs/explain.md defines each).</summary>
public enum AttributionMethod
{
    /// <summary>∂logit/∂x, signed: <see cref="Attribution.Saliency"/>.</summary>
    Gradient,
    /// <summary>x ⊙ ∂logit/∂x: <see cref="Attribution.InputXGradient"/>.</summary>
    InputXGradient,
    /// <summary><see cref="Attribution.IntegratedGradients"/> from the blank baseline.</summary>
    IntegratedGradients,
    /// <summary><see cref="Attribution.Occlusion"/> with the blank baseline.</summary>
    Occlusion,
    /// <summary><see cref="Attribution.Mutagenesis"/>, DNA only.</summary>
    Mutagenesis,
}

/// <summary>The methods' names on the command line and in CSV.</summary>
public static class AttributionMethodNames
{
    /// <summary>Every method, in the order of <see cref="AttributionMethod"/>.</summary>
    public static readonly IReadOnlyList<AttributionMethod> All = Enum.GetValues<AttributionMethod>();

    /// <summary>The name on the command line: gradient, input-x-gradient, integrated-gradients, occlusion,
    /// mutagenesis.</summary>
    public static string Name(this AttributionMethod method) => method switch
    {
        AttributionMethod.Gradient => "gradient",
        AttributionMethod.InputXGradient => "input-x-gradient",
        AttributionMethod.IntegratedGradients => "integrated-gradients",
        AttributionMethod.Occlusion => "occlusion",
        AttributionMethod.Mutagenesis => "mutagenesis",
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, null),
    };

    /// <summary>The method named <paramref name="name"/>, or null.</summary>
    public static AttributionMethod? Find(string name) => All.Where(m => m.Name() == name)
        .Select(m => (AttributionMethod?)m).FirstOrDefault();
}
