// Process-wide allocator setting, applied when the shim is loaded.
//
// glibc serves allocations above a *dynamic* threshold (128 KiB at first) with mmap and gives
// them back to the kernel on free. A training loop allocates and frees the same activation and
// gradient buffers every batch, so depending on the order of its first allocations a process
// can end up paying fresh page faults for every buffer of every batch: measured here, tiny-cnn
// epochs took 0.05-0.07 s in such processes instead of 0.022 s. Fixed thresholds keep freed
// buffers in the heap for the next batch, which is what a PyTorch Python process ends up with.
#include <malloc.h>

namespace {

const bool allocator_tuned = [] {
  mallopt(M_MMAP_THRESHOLD, 256 << 20);
  mallopt(M_TRIM_THRESHOLD, 512 << 20);
  return true;
}();

}  // namespace
