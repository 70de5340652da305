#pragma warning disable CS1591
using static TorchSharp.torch;
namespace TorchLab.Training.Serialization;
// TEMPORARY until the helper's PtFile lands.
public static class PtFile
{
    public static void Save(IEnumerable<KeyValuePair<string, Tensor>> stateDict, string path) => throw new NotImplementedException();
    public static OrderedDictionary<string, Tensor> Load(string path) => throw new NotImplementedException();
}
