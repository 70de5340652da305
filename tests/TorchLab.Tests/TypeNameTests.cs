using System.Reflection;

namespace TorchLab.TorchLab.Tests;

/// <summary>
/// A learner who writes <c>using ScottPlot;</c> or <c>using TorchSharp;</c> beside ours must get the type the
/// name says: no TorchLab type may share its simple name with a public ScottPlot or TorchSharp type.
/// </summary>
public class TypeNameTests
{
    [Fact]
    public void No_TorchLab_type_shares_a_name_with_a_public_ScottPlot_or_TorchSharp_type()
    {
        var libraries = new[] { typeof(ScottPlot.Plot).Assembly, typeof(TorchSharp.torch).Assembly };
        var taken = libraries.SelectMany(a => a.GetExportedTypes())
            .ToLookup(t => SimpleName(t), t => t.FullName);
        var ours = TorchLabAssemblies();
        // Each project the program is built from; a new one the program references is found by the walk.
        string[] projects = ["TorchLab", "TorchLab.Manual", "TorchLab.Models", "TorchLab.Training",
            "TorchLab.Plotting", "TorchLab.Attribution"];
        foreach (var name in projects) Assert.Contains(ours, a => a.GetName().Name == name);

        var clashes = ours.SelectMany(a => a.GetTypes())
            .Where(t => t.IsPublic || t.IsNotPublic || t.IsNestedPublic || t.IsNestedAssembly)
            .Where(t => !t.Name.Contains('<'))   // the compiler's own
            .Where(t => taken.Contains(SimpleName(t)))
            .Select(t => $"{t.FullName} ({t.Assembly.GetName().Name}) shares its name with "
                + string.Join(", ", taken[SimpleName(t)]))
            .ToList();
        Assert.True(clashes.Count == 0,
            $"{clashes.Count} TorchLab types shadow library types:\n{string.Join("\n", clashes)}");
    }

    // Foo`1 and Foo are the same name to a reader.
    private static string SimpleName(Type type) => type.Name.Split('`')[0];

    // The program's assembly and every TorchLab assembly it references, directly or through another one.
    private static List<Assembly> TorchLabAssemblies()
    {
        var found = new List<Assembly>();
        var pending = new Queue<Assembly>([typeof(Cli.LabOptions).Assembly]);
        while (pending.TryDequeue(out var assembly))
        {
            if (found.Contains(assembly)) continue;
            found.Add(assembly);
            foreach (var name in assembly.GetReferencedAssemblies())
                if (name.Name!.StartsWith("TorchLab.", StringComparison.Ordinal))
                    pending.Enqueue(Assembly.Load(name));
        }
        return found;
    }
}
