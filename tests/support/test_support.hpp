// Helpers shared by chartflow's tests.
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

namespace chartflow::test {

namespace fs = std::filesystem;

inline const fs::path kSourceDir = CHARTFLOW_SOURCE_DIR;
inline const fs::path kBinary = CHARTFLOW_BINARY;
inline const fs::path kPluginDir = CHARTFLOW_PLUGIN_DIR;
inline const fs::path kTestPluginDir = CHARTFLOW_TEST_PLUGIN_DIR;
// The date the tests take as today: a date after it is in the future.
inline constexpr std::string_view kTodayIso = "2026-12-01";
// The example records beside the record schemas.
inline const fs::path kSchemaExamples = kSourceDir / "schemas" / "examples";

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
inline constexpr bool kSanitized = true;
#else
inline constexpr bool kSanitized = false;
#endif

// The size of a stress test's input (megabytes of text, hundreds of fuzz rounds): a quarter of it
// under the sanitizers, which run the same code paths ten times slower and look for memory errors,
// not for the superlinear time the full size is there to catch. CI runs these executables under
// the sanitizers only; host.full_size_inputs_go_through (tests/pipeline/host/full_size_inputs_test.py)
// runs the full sizes through its optimised program.
constexpr std::size_t sanitizer_scaled(std::size_t size) { return kSanitized ? size / 4 : size; }

// A fresh folder under the system temp dir, removed with its content at the end of the test.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const fs::path& path() const { return path_; }
  fs::path operator/(const std::string& name) const { return path_ / name; }

 private:
  fs::path path_;
};

void write_file(const fs::path& path, std::string_view content);
std::string read_file(const fs::path& path);

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs a shell command, capturing stdout and stderr.
CommandResult run_command(const std::string& command);

// Runs the chartflow binary with `args` (already shell-quoted where needed).
CommandResult run_chartflow(const std::string& args);

std::string quote(const fs::path& path);

// A pipeline config in `dir` with the given stages JSON, searching the test plugins too.
fs::path write_config(const fs::path& dir, const std::string& stages_json, const std::string& extra = "");

}  // namespace chartflow::test
