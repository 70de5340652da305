// The lab's training protocol written directly against libtorch's C++ API: the floor any
// binding can reach. Same models, data sizes, batch size, shuffling, optimizer and per-epoch
// test pass as TorchLab's `train` (the data are random tensors of the real shapes, since only
// time is measured). Prints {"model":..., "epoch_seconds":[...]} for `bench`.
//   torchlab_train_loop MODEL EPOCHS [THREADS]   (threads default 1, as TorchLab and PyTorch run here)
#include <torch/torch.h>

#include <malloc.h>

#include <chrono>
#include <iostream>
#include <string>

namespace nn = torch::nn;
namespace F = torch::nn::functional;

struct TinyCnn : nn::Module {
  nn::Conv2d conv1{nn::Conv2dOptions(1, 8, 3).padding(1)}, conv2{nn::Conv2dOptions(8, 16, 3).padding(1)};
  nn::Linear fc{16 * 2 * 2, 10};
  TinyCnn() { register_module("conv1", conv1); register_module("conv2", conv2); register_module("fc", fc); }
  torch::Tensor forward(torch::Tensor x) {
    x = F::max_pool2d(torch::relu(conv1(x)), F::MaxPool2dFuncOptions(2));
    x = F::max_pool2d(torch::relu(conv2(x)), F::MaxPool2dFuncOptions(2));
    return fc(x.flatten(1));
  }
};

struct SeqSketch : nn::Module {
  nn::Conv1d conv{nn::Conv1dOptions(4, 8, 5).padding(2)};
  nn::Linear fc{8, 3};
  SeqSketch() { register_module("conv", conv); register_module("fc", fc); }
  torch::Tensor forward(torch::Tensor x) {
    return fc(F::adaptive_avg_pool1d(torch::relu(conv(x)), F::AdaptiveAvgPool1dFuncOptions(1)).flatten(1));
  }
};

struct SeqCnn : nn::Module {
  nn::Conv1d conv1{nn::Conv1dOptions(4, 32, 7).padding(3)}, conv2{nn::Conv1dOptions(32, 32, 5).padding(2)};
  nn::Dropout dropout{0.3};
  nn::Linear fc{480, 3};
  SeqCnn() { register_module("conv1", conv1); register_module("conv2", conv2); register_module("dropout", dropout); register_module("fc", fc); }
  torch::Tensor forward(torch::Tensor x) {
    x = F::max_pool1d(torch::relu(conv1(x)), F::MaxPool1dFuncOptions(2));
    x = F::max_pool1d(torch::relu(conv2(x)), F::MaxPool1dFuncOptions(2));
    return fc(dropout(x.flatten(1)));
  }
};

struct SeqGru : nn::Module {
  nn::GRU gru{nn::GRUOptions(4, 32).batch_first(true).bidirectional(true)};
  nn::Dropout dropout{0.3};
  nn::Linear fc{60 * 64, 3};
  SeqGru() { register_module("gru", gru); register_module("dropout", dropout); register_module("fc", fc); }
  torch::Tensor forward(torch::Tensor x) {
    auto out = std::get<0>(gru(x.transpose(1, 2)));
    return fc(dropout(out.flatten(1)));
  }
};

template <class Model>
void run(const std::string& name, int epochs, torch::Tensor xtr, torch::Tensor ytr, torch::Tensor xte, torch::Tensor yte, double lr) {
  torch::manual_seed(0);
  auto model = std::make_shared<Model>();
  torch::optim::Adam optimizer(model->parameters(), torch::optim::AdamOptions(lr));
  const int64_t batch = 64;
  std::cout << "{\"model\":\"" << name << "\",\"epoch_seconds\":[";
  for (int epoch = 0; epoch < epochs; ++epoch) {
    auto start = std::chrono::steady_clock::now();
    model->train();
    auto perm = torch::randperm(ytr.size(0));
    for (int64_t s = 0; s < ytr.size(0); s += batch) {
      auto idx = perm.slice(0, s, std::min(s + batch, ytr.size(0)));
      auto x = xtr.index_select(0, idx), y = ytr.index_select(0, idx);
      optimizer.zero_grad();
      torch::Tensor logits = model->forward(x);
      torch::Tensor loss = F::cross_entropy(logits, y);
      auto value = loss.item<float>();   // the loop reads every loss, as TorchLab's and PyTorch's do
      (void)value;
      loss.backward();
      optimizer.step();
      (void)logits.argmax(1).eq(y).sum().item<int64_t>();   // train accuracy, as TorchLab's loop keeps
    }
    model->eval();
    {
      torch::NoGradGuard no_grad;
      for (int64_t s = 0; s < yte.size(0); s += batch) {
        torch::Tensor logits = model->forward(xte.slice(0, s, s + batch));
        (void)F::cross_entropy(logits, yte.slice(0, s, s + batch)).item<float>();
        (void)logits.argmax(1).eq(yte.slice(0, s, s + batch)).sum().item<int64_t>();
      }
    }
    std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
    std::cout << (epoch ? "," : "") << elapsed.count();
  }
  std::cout << "]}" << std::endl;
}

int main(int argc, char** argv) {
  if (argc < 3 || argc > 4) {
    std::cerr << "usage: torchlab_train_loop tiny-cnn|seq-sketch|seq-cnn|seq-gru EPOCHS [THREADS]\n";
    return 2;
  }
  torch::set_num_threads(argc == 4 ? std::stoi(argv[3]) : 1);
  // The allocator setting TorchLab's shim makes (native/src/allocator.cpp), for a like-for-like floor.
  mallopt(M_MMAP_THRESHOLD, 256 << 20);
  mallopt(M_TRIM_THRESHOLD, 512 << 20);
  std::string name = argv[1];
  int epochs = std::stoi(argv[2]);
  auto one_hot = [](int64_t n) { return F::one_hot(torch::randint(0, 4, {n, 60}), 4).permute({0, 2, 1}).to(torch::kFloat32).contiguous(); };
  if (name == "tiny-cnn") run<TinyCnn>(name, epochs, torch::rand({1437, 1, 8, 8}), torch::randint(0, 10, {1437}), torch::rand({360, 1, 8, 8}), torch::randint(0, 10, {360}), 1e-3);
  else if (name == "seq-sketch") run<SeqSketch>(name, epochs, one_hot(2000), torch::randint(0, 3, {2000}), one_hot(1186), torch::randint(0, 3, {1186}), 1e-3);
  else if (name == "seq-cnn") run<SeqCnn>(name, epochs, one_hot(2000), torch::randint(0, 3, {2000}), one_hot(1186), torch::randint(0, 3, {1186}), 1e-3);
  else if (name == "seq-gru") run<SeqGru>(name, epochs, one_hot(2000), torch::randint(0, 3, {2000}), one_hot(1186), torch::randint(0, 3, {1186}), 3e-3);
  else { std::cerr << "unknown model " << name << "\n"; return 2; }
  return 0;
}
