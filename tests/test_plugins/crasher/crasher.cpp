// A test stage that misbehaves as badly as a plugin can, on documents holding its marker: it
// segfaults, aborts, hangs, calls exit(0), leaks memory without bound or overflows its stack. The
// host must lose only that document. On other documents it does nothing.
#include <chartflow/sdk.hpp>

#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <thread>
#include <vector>

namespace {

// Recurses until the stack is gone; the volatile buffer keeps the compiler from making it a loop.
int overflow(int depth) {
  if (depth < 0) return 0;  // never: depth only grows, until the stack is gone
  volatile char frame[4096];
  frame[0] = static_cast<char>(depth);
  return overflow(depth + 1) + frame[0];
}

}  // namespace

class Crasher {
 public:
  explicit Crasher(const chartflow::sdk::Context& context)
      : mode_(context.config().value("mode", "none")),
        marker_(context.config().value("marker", "CRASH-ME")),
        once_file_(context.config().value("once_file", "")),
        sleep_ms_(context.config().value("sleep_ms", 0)) {}

  void process(const chartflow::sdk::Document& document, chartflow::sdk::Output&) {
    const std::string_view text = document.view("normalized").value_or("");
    if (mode_ == "none" || text.find(marker_) == std::string_view::npos) return;
    // once_file: misbehave only the first time (the file records it), so a retry succeeds.
    if (!once_file_.empty()) {
      if (std::filesystem::exists(once_file_)) return;
      std::ofstream(once_file_) << "crashed once\n";
    }
    if (mode_ == "segfault") std::raise(SIGSEGV);
    if (mode_ == "abort") std::abort();
    if (mode_ == "exit") std::exit(0);
    if (mode_ == "hang")
      for (;;) std::this_thread::sleep_for(std::chrono::seconds(1));
    if (mode_ == "leak") {
      std::vector<char*> blocks;
      for (;;) {  // touch every page, so the memory is resident, not just reserved
        blocks.push_back(static_cast<char*>(std::malloc(16 << 20)));
        std::memset(blocks.back(), 1, 16 << 20);
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
      }
    }
    if (mode_ == "stack-overflow") (void)overflow(0);
    if (mode_ == "sleep") std::this_thread::sleep_for(std::chrono::milliseconds(sleep_ms_));
  }

 private:
  std::string mode_, marker_, once_file_;
  int sleep_ms_ = 0;
};

CHARTFLOW_PLUGIN(Crasher)
