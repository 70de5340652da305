// A reader for the subset of Python's pickle that torch.save emits for a state dict.
//
// Why not torch::pickle_load: libtorch 1.13's unpickler turns collections.OrderedDict (what
// model.state_dict() returns) into None and then fails on its items, and it lacks the SETITEM
// opcode that Python uses for one-entry dicts. This reader handles exactly what state dicts
// need: containers, scalars, strings, the memo, tensors rebuilt from the zip's storage
// records (torch._utils._rebuild_tensor_v2), and OrderedDict (its _metadata is dropped).
#include <cstring>
#include <map>
#include <memory>
#include <stdexcept>

#include <caffe2/serialize/inline_container.h>

#include "named_tensors.h"

namespace {

struct Value;
using ValuePtr = std::shared_ptr<Value>;

struct Value {
  enum Kind { None, Bool, Int, Float, String, Tuple, List, Dict, Global, Tensor } kind = None;
  int64_t integer = 0;
  double real = 0;
  std::string text;             // String; Global: "module.name"
  std::vector<ValuePtr> items;  // Tuple, List; Dict: key, value, key, value, ...
  torch::Tensor tensor;         // Tensor (also a storage, as a flat tensor)
};

ValuePtr make(Value::Kind kind) {
  auto v = std::make_shared<Value>();
  v->kind = kind;
  return v;
}

const char* kind_name(Value::Kind kind) {
  static const char* names[] = {"None", "bool", "int", "float", "str", "tuple", "list", "dict", "global", "Tensor"};
  return names[kind];
}

[[noreturn]] void fail(const std::string& message) { throw std::runtime_error(message); }

c10::ScalarType storage_dtype(const std::string& global) {
  static const std::map<std::string, c10::ScalarType> types = {
      {"torch.FloatStorage", c10::kFloat},   {"torch.DoubleStorage", c10::kDouble},
      {"torch.HalfStorage", c10::kHalf},     {"torch.BFloat16Storage", c10::kBFloat16},
      {"torch.LongStorage", c10::kLong},     {"torch.IntStorage", c10::kInt},
      {"torch.ShortStorage", c10::kShort},   {"torch.CharStorage", c10::kChar},
      {"torch.ByteStorage", c10::kByte},     {"torch.BoolStorage", c10::kBool},
      {"torch.ComplexFloatStorage", c10::kComplexFloat}, {"torch.ComplexDoubleStorage", c10::kComplexDouble}};
  auto found = types.find(global);
  if (found == types.end()) fail("unsupported storage type '" + global + "'");
  return found->second;
}

class Unpickler {
 public:
  Unpickler(caffe2::serialize::PyTorchStreamReader& archive, const char* data, size_t size)
      : archive_(archive), at_(data), end_(data + size) {}

  ValuePtr run() {
    for (;;) {
      const uint8_t op = byte();
      switch (op) {
        case 0x80: byte(); break;                     // PROTO
        case 0x95: take(8); break;                    // FRAME
        case '.': return pop();                       // STOP
        case '(': marks_.push_back(stack_.size()); break;
        case '}': push(make(Value::Dict)); break;
        case ')': push(make(Value::Tuple)); break;
        case ']': push(make(Value::List)); break;
        case 'N': push(make(Value::None)); break;
        case 0x88: push(boolean(true)); break;
        case 0x89: push(boolean(false)); break;
        case 't': push(collect(Value::Tuple)); break;
        case 'l': push(collect(Value::List)); break;
        case 'd': push(collect(Value::Dict)); break;
        case 0x85: case 0x86: case 0x87: push(small_tuple(op - 0x84)); break;
        case 'a': { auto v = pop(); top(Value::List)->items.push_back(v); break; }
        case 'e': { auto items = collect(Value::List); append(top(Value::List), items); break; }
        case 's': { auto v = pop(); auto k = pop(); auto d = top(Value::Dict); d->items.push_back(k); d->items.push_back(v); break; }
        case 'u': { auto items = collect(Value::Dict); append(top(Value::Dict), items); break; }
        case 'X': push(string(little<uint32_t>())); break;
        case 0x8c: push(string(byte())); break;
        case 0x8d: push(string(little<uint64_t>())); break;
        case 'J': push(integer(static_cast<int32_t>(little<uint32_t>()))); break;
        case 'K': push(integer(byte())); break;
        case 'M': push(integer(little<uint16_t>())); break;
        case 0x8a: push(long1()); break;
        case 'G': push(real()); break;
        case 'q': memo(byte()); break;
        case 'r': memo(little<uint32_t>()); break;
        case 0x94: memo(memo_.size()); break;
        case 'h': push(recall(byte())); break;
        case 'j': push(recall(little<uint32_t>())); break;
        case 'c': { auto module = line(); push(global(module + "." + line())); break; }
        case 0x93: { auto name = pop(); auto module = pop(); push(global(module->text + "." + name->text)); break; }
        case 'R': { auto args = pop(); auto callable = pop(); push(reduce(*callable, *args)); break; }
        case 'b': build(); break;
        case 'Q': push(persistent(*pop())); break;
        case '0': pop(); break;
        case '1': stack_.resize(mark()); break;
        case '2': push(stack_.at(stack_.size() - 1)); break;
        default: fail("unsupported pickle opcode 0x" + hex(op) + " at byte " + std::to_string(position() - 1));
      }
    }
  }

 private:
  caffe2::serialize::PyTorchStreamReader& archive_;
  const char* at_;
  const char* const end_;
  const char* const begin_ = at_;
  std::vector<ValuePtr> stack_;
  std::vector<size_t> marks_;
  std::map<size_t, ValuePtr> memo_;
  std::map<std::string, torch::Tensor> storages_;  // views of one storage share it, as in PyTorch

  size_t position() const { return static_cast<size_t>(at_ - begin_); }
  static std::string hex(uint8_t op) {
    const char* digits = "0123456789abcdef";
    return {digits[op >> 4], digits[op & 15]};
  }

  const char* take(size_t n) {
    if (static_cast<size_t>(end_ - at_) < n) fail("the pickle ends early (truncated file?)");
    const char* start = at_;
    at_ += n;
    return start;
  }
  uint8_t byte() { return static_cast<uint8_t>(*take(1)); }
  template <class T>
  T little() {
    T value;
    std::memcpy(&value, take(sizeof(T)), sizeof(T));  // pickle is little-endian, as is every host we build for
    return value;
  }
  std::string line() {
    const char* start = at_;
    while (at_ < end_ && *at_ != '\n') at_++;
    if (at_ == end_) fail("the pickle ends inside a GLOBAL name");
    return std::string(start, at_++);
  }

  void push(ValuePtr v) { stack_.push_back(std::move(v)); }
  ValuePtr pop() {
    if (stack_.empty() || (!marks_.empty() && stack_.size() == marks_.back())) fail("malformed pickle (stack underflow)");
    auto v = std::move(stack_.back());
    stack_.pop_back();
    return v;
  }
  ValuePtr top(Value::Kind kind) {
    if (stack_.empty() || stack_.back()->kind != kind)
      fail(std::string("malformed pickle (expected a ") + kind_name(kind) + " on the stack)");
    return stack_.back();
  }
  size_t mark() {
    if (marks_.empty()) fail("malformed pickle (no MARK)");
    auto m = marks_.back();
    marks_.pop_back();
    return m;
  }
  ValuePtr collect(Value::Kind kind) {
    auto start = mark();
    auto v = make(kind);
    v->items.assign(stack_.begin() + static_cast<std::ptrdiff_t>(start), stack_.end());
    stack_.resize(start);
    if (kind == Value::Dict && v->items.size() % 2 != 0) fail("malformed pickle (odd number of dict items)");
    return v;
  }
  static void append(const ValuePtr& into, const ValuePtr& from) {
    into->items.insert(into->items.end(), from->items.begin(), from->items.end());
  }
  ValuePtr small_tuple(int n) {
    auto v = make(Value::Tuple);
    v->items.resize(static_cast<size_t>(n));
    for (int i = n - 1; i >= 0; i--) v->items[static_cast<size_t>(i)] = pop();
    return v;
  }
  void memo(size_t id) {
    if (stack_.empty()) fail("malformed pickle (memo of an empty stack)");
    memo_[id] = stack_.back();
  }
  ValuePtr recall(size_t id) {
    auto found = memo_.find(id);
    if (found == memo_.end()) fail("malformed pickle (unknown memo " + std::to_string(id) + ")");
    return found->second;
  }

  static ValuePtr boolean(bool b) { auto v = make(Value::Bool); v->integer = b; return v; }
  static ValuePtr integer(int64_t i) { auto v = make(Value::Int); v->integer = i; return v; }
  static ValuePtr global(std::string name) { auto v = make(Value::Global); v->text = std::move(name); return v; }
  ValuePtr string(uint64_t n) { auto v = make(Value::String); v->text.assign(take(n), n); return v; }
  ValuePtr real() {
    uint64_t bits = 0;
    const char* bytes = take(8);  // BINFLOAT is big-endian
    for (int i = 0; i < 8; i++) bits = (bits << 8) | static_cast<uint8_t>(bytes[i]);
    auto v = make(Value::Float);
    std::memcpy(&v->real, &bits, 8);
    return v;
  }
  ValuePtr long1() {
    const uint8_t n = byte();
    if (n > 8) fail("integer in pickle wider than 64 bits");
    const char* bytes = take(n);
    uint64_t bits = 0;
    for (int i = n - 1; i >= 0; i--) bits = (bits << 8) | static_cast<uint8_t>(bytes[i]);
    if (n > 0 && n < 8 && (static_cast<uint8_t>(bytes[n - 1]) & 0x80)) bits |= ~uint64_t{0} << (8 * n);  // sign-extend
    return integer(static_cast<int64_t>(bits));
  }

  static const Value& arg(const Value& args, size_t i, Value::Kind kind, const char* what) {
    if (args.kind != Value::Tuple || args.items.size() <= i || args.items[i]->kind != kind)
      fail(std::string("malformed ") + what + " in pickle");
    return *args.items[i];
  }
  static std::vector<int64_t> ints(const Value& tuple) {
    std::vector<int64_t> out;
    for (const auto& item : tuple.items) out.push_back(item->integer);
    return out;
  }

  ValuePtr reduce(const Value& callable, const Value& args) {
    if (callable.kind != Value::Global) fail("unsupported pickle: REDUCE of a non-global");
    const auto& name = callable.text;
    if (name == "collections.OrderedDict") return make(Value::Dict);  // items follow as SETITEMS
    if (name == "torch.jit._pickle.restore_type_tag") return args.items.at(0);  // torch::pickle_save's typed dict
    if (name == "torch._utils._rebuild_parameter") return args.items.at(0);
    if (name == "torch._utils._rebuild_tensor_v2") {
      const auto& storage = arg(args, 0, Value::Tensor, "tensor").tensor;
      const auto offset = arg(args, 1, Value::Int, "tensor offset").integer;
      auto sizes = ints(arg(args, 2, Value::Tuple, "tensor size"));
      auto strides = ints(arg(args, 3, Value::Tuple, "tensor stride"));
      auto v = make(Value::Tensor);
      v->tensor = storage.as_strided(sizes, strides, offset);
      return v;
    }
    fail("unsupported object '" + name + "' in the pickle (only tensors, containers and numbers can be loaded)");
  }

  // BUILD sets an object's __dict__; the only objects here are OrderedDicts, whose state
  // (_metadata: per-module versions) TorchLab has no use for.
  void build() {
    pop();
    if (stack_.empty() || stack_.back()->kind != Value::Dict) fail("unsupported pickle: BUILD of a non-dict object");
  }

  // ('storage', <torch.XStorage>, key, location, numel): the record data/<key> holds the bytes.
  ValuePtr persistent(const Value& pid) {
    const auto& key = arg(pid, 2, Value::String, "storage reference").text;
    const auto dtype = storage_dtype(arg(pid, 1, Value::Global, "storage reference").text);
    const auto numel = arg(pid, 4, Value::Int, "storage reference").integer;
    auto& storage = storages_[key];
    if (!storage.defined()) {
      at::DataPtr data;
      size_t size = 0;
      std::tie(data, size) = archive_.getRecord("data/" + key);
      storage = torch::empty({numel}, torch::TensorOptions().dtype(dtype));
      const auto expected = static_cast<size_t>(numel) * storage.element_size();
      if (size != expected)
        fail("storage record data/" + key + " has " + std::to_string(size) + " bytes, expected " + std::to_string(expected));
      std::memcpy(storage.data_ptr(), data.get(), size);
    }
    auto v = make(Value::Tensor);
    v->tensor = storage;
    return v;
  }
};

}  // namespace

tl::NamedTensors tl::read_state_dict(const std::string& path) {
  std::unique_ptr<caffe2::serialize::PyTorchStreamReader> archive;
  try {
    archive = std::make_unique<caffe2::serialize::PyTorchStreamReader>(path);
  } catch (const c10::Error& e) {
    fail("not a PyTorch file (torch.save's zip format expected): " + std::string(e.what_without_backtrace()));
  }
  if (!archive->hasRecord("data.pkl")) fail("not a PyTorch file (no data.pkl in the archive)");
  at::DataPtr pickle;
  size_t size = 0;
  std::tie(pickle, size) = archive->getRecord("data.pkl");
  auto root = Unpickler(*archive, static_cast<const char*>(pickle.get()), size).run();
  if (root->kind != Value::Dict)
    fail(std::string("the file holds a ") + kind_name(root->kind) + ", not a dict of tensors");
  NamedTensors out;
  for (size_t i = 0; i < root->items.size(); i += 2) {
    const auto& key = *root->items[i];
    const auto& value = *root->items[i + 1];
    if (key.kind != Value::String) fail(std::string("a key is a ") + kind_name(key.kind) + ", not a str");
    if (value.kind != Value::Tensor)
      fail("entry '" + key.text + "' is a " + kind_name(value.kind) + ", not a tensor");
    out.emplace_back(key.text, value.tensor);
  }
  return out;
}
