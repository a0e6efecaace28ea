#include "test_support.hpp"

#include <sys/wait.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <unistd.h>

namespace chartflow::test {

TempDir::TempDir() {
  static std::atomic<int> counter{0};
  std::random_device random;
  path_ = fs::temp_directory_path() /
          ("chartflow-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + "-" + std::to_string(random()));
  fs::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::permissions(path_, fs::perms::owner_all, fs::perm_options::add, ec);
  fs::remove_all(path_, ec);
}

void write_file(const fs::path& path, std::string_view content) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string quote(const fs::path& path) {
  std::string out = "'";
  for (char c : path.string()) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

CommandResult run_command(const std::string& command) {
  TempDir capture;
  const auto out = capture / "out", err = capture / "err";
  const std::string full = command + " >" + quote(out) + " 2>" + quote(err) + " </dev/null";
  const int status = std::system(full.c_str());
  CommandResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
  result.out = read_file(out);
  result.err = read_file(err);
  return result;
}

CommandResult run_chartflow(const std::string& args) {
  return run_command("CHARTFLOW_PLUGIN_PATH= " + quote(kBinary) + " " + args);
}

fs::path write_config(const fs::path& dir, const std::string& stages_json, const std::string& extra) {
  const fs::path file = dir / "pipeline.json";
  write_file(file, "{\"name\": \"test\", \"plugin_path\": [" + std::string("\"") + kTestPluginDir.string() + "\"]" +
                       (extra.empty() ? "" : ", " + extra) + ", \"stages\": " + stages_json + "}");
  return file;
}

}  // namespace chartflow::test
