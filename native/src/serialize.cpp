// torch.save / torch.load of a str -> Tensor dict in PyTorch's own zip format, so Python's
// torch.load opens TorchLab's files and TorchLab opens Python's state dicts.
// The (name, tensor) list crosses the ABI as an opaque tl::NamedTensors*.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <random>
#include <stdexcept>
#include <string>

#include <torch/serialize.h>

#include "named_tensors.h"

namespace {

[[noreturn]] void fail_errno(const std::string& what, const std::string& path) {
  throw std::runtime_error(what + " '" + path + "': " + std::strerror(errno));
}

// Writes to a temporary file beside the target, flushes it to disk, then renames it over the
// target: a crash or a full disk leaves either the old file or the new one, never half of one.
void write_atomically(const std::string& path, const std::vector<char>& bytes) {
  std::random_device entropy;
  const auto temp = path + ".tmp-" + std::to_string(getpid()) + "-" + std::to_string(entropy());
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) fail_errno("cannot create", temp);
  size_t written = 0;
  while (written < bytes.size()) {
    const auto n = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int saved = errno;
      ::close(fd);
      ::unlink(temp.c_str());
      errno = saved;
      fail_errno("cannot write", temp);
    }
    written += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    const int saved = errno;
    ::unlink(temp.c_str());
    errno = saved;
    fail_errno("cannot flush", temp);
  }
  if (std::rename(temp.c_str(), path.c_str()) != 0) {
    const int saved = errno;
    ::unlink(temp.c_str());
    errno = saved;
    fail_errno("cannot rename the temporary file to", path);
  }
}

}  // namespace

TL_EXPORT tl::NamedTensors* tl_named_tensors_new() { return new tl::NamedTensors(); }

TL_EXPORT void tl_named_tensors_free(tl::NamedTensors* list) { delete list; }

TL_EXPORT int32_t tl_named_tensors_add(tl::NamedTensors* list, const char* name, tl_tensor t) {
  return tl::status_call([&] { list->emplace_back(name, *t); });
}

TL_EXPORT int32_t tl_named_tensors_count(tl::NamedTensors* list) { return static_cast<int32_t>(list->size()); }

// Valid until the list is freed.
TL_EXPORT const char* tl_named_tensors_name(tl::NamedTensors* list, int32_t i) {
  return (*list)[static_cast<size_t>(i)].first.c_str();
}

TL_EXPORT tl_tensor tl_named_tensors_get(tl::NamedTensors* list, int32_t i) {
  return tl::tensor_call([&] { return (*list)[static_cast<size_t>(i)].second; });
}

TL_EXPORT int32_t tl_save(tl::NamedTensors* list, const char* path) {
  return tl::status_call([&] {
    c10::Dict<std::string, at::Tensor> dict;
    for (const auto& [name, tensor] : *list) {
      auto t = tensor.detach().to(at::kCPU).contiguous();
      // A view would otherwise drag its whole base storage into the file.
      if (t.storage_offset() != 0 || t.storage().nbytes() != static_cast<size_t>(t.numel()) * t.element_size())
        t = t.clone();
      dict.insert(name, t);
    }
    write_atomically(path, torch::pickle_save(dict));
  });
}

TL_EXPORT tl::NamedTensors* tl_load(const char* path) {
  tl::NamedTensors* result = nullptr;
  bool failed = false;
  tl::guarded([&] { result = new tl::NamedTensors(tl::read_state_dict(path)); }, failed);
  return failed ? nullptr : result;
}
