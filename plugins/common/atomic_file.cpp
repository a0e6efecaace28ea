#include "atomic_file.hpp"

#include <unistd.h>

#include <atomic>
#include <fstream>
#include <stdexcept>

namespace chartflow::files {
namespace fs = std::filesystem;

void write_atomically(const fs::path& file, const std::string& content) {
  // A temporary name of its own per call: sinks write from several threads, sometimes one file.
  static std::atomic<unsigned long> serial{0};
  const fs::path tmp = file.string() + "." + std::to_string(::getpid()) + "." + std::to_string(serial++) + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary);
    if (!out || !(out << content) || !out.flush()) throw std::runtime_error(file.string() + ": cannot write (check the folder exists and is writable)");
  }
  std::error_code ec;
  fs::rename(tmp, file, ec);
  if (ec) {
    const std::string why = ec.message();
    fs::remove(tmp, ec);
    throw std::runtime_error(file.string() + ": cannot write: " + why);
  }
}

std::string check_writable(const fs::path& file) {
  std::error_code ec;
  const fs::path folder = file.parent_path().empty() ? fs::path(".") : file.parent_path();
  if (!fs::is_directory(folder, ec)) return "folder " + folder.string() + " does not exist";
  if (::access(folder.c_str(), W_OK) != 0) return "folder " + folder.string() + " is not writable";
  if (fs::is_directory(file, ec)) return file.string() + " is a folder";
  return {};
}

}  // namespace chartflow::files
