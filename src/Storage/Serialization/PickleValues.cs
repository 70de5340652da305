using static TorchSharp.torch;

namespace TorchLab.Storage.Serialization;

// What the restricted unpickler builds. Python's None, bool, int, float and str become null,
// bool, long, double and string; a tuple is an object?[], a list a List<object?>, a dict or
// OrderedDict an OrderedDictionary<object, object?>. Nothing here can run code: a "global" is
// only a name from the allow-list, and tensors stay descriptions until every one is checked.

/// <summary>An allowed global (<c>module.name</c>) that REDUCE may call.</summary>
internal sealed record PickleGlobal(string Name);

/// <summary>A storage named by a persistent id: record <c>data/{Key}</c> holds its bytes.</summary>
internal sealed record StorageRef(string Key, ScalarType Type, int ElementSize, long ElementCount);

/// <summary>A tensor as <c>torch._utils._rebuild_tensor_v2</c> describes it: a strided view of a storage.</summary>
internal sealed record TensorSpec(StorageRef Storage, long Offset, long[] Size, long[] Stride);
