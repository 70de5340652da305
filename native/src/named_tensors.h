// An ordered list of (name, tensor): what torch.save writes and torch.load returns. It crosses
// the C ABI as an opaque pointer with count/name/get accessors (native/src/serialize.cpp).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "torchlab.h"

namespace tl {

using NamedTensors = std::vector<std::pair<std::string, torch::Tensor>>;

// Reads a file written by PyTorch's torch.save (zip format, pickle protocol 2) whose top-level
// object is a dict or OrderedDict of str -> Tensor; tensors land on the CPU. Throws with a
// message naming the problem (the caller adds the path).
NamedTensors read_state_dict(const std::string& path);

}  // namespace tl
