#include "output_store.hpp"

#include "errors.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace chartflow::host {
namespace fs = std::filesystem;

namespace {

// A full disk (or quota) is not this document's fault: the batch stops and a re-run finishes.
[[noreturn]] void throw_write_error(const std::string& what, int error) {
  const std::string message = what + ": " + std::strerror(error);
  if (error == ENOSPC || error == EDQUOT || error == EFBIG) throw OutputFull(message);
  throw std::runtime_error(message);
}

}  // namespace

void write_file_atomically(const fs::path& path, std::string_view content, bool durable) {
  static std::atomic<unsigned long> counter{0};
  std::ostringstream tmp_name;
  tmp_name << "." << path.filename().string() << ".tmp-" << ::getpid() << "-" << counter++;
  const fs::path tmp = path.parent_path() / tmp_name.str();
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) throw_write_error("cannot create " + tmp.string(), errno);
  std::size_t written = 0;
  while (written < content.size()) {
    const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      const int error = errno;
      ::close(fd);
      ::unlink(tmp.c_str());
      throw_write_error("cannot write " + tmp.string(), error);
    }
    written += static_cast<std::size_t>(n);
  }
  if ((durable && ::fsync(fd) != 0) || ::close(fd) != 0) {
    const int error = errno;
    ::unlink(tmp.c_str());
    throw_write_error("cannot flush " + tmp.string(), error);
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    const int error = errno;
    ::unlink(tmp.c_str());
    throw_write_error("cannot rename " + tmp.string() + " to " + path.string(), error);
  }
}

OutputStore::OutputStore(fs::path root) : root_(std::move(root)) {
  std::error_code ec;
  for (const char* sub : {"records", "quarantine"}) {
    fs::create_directories(root_ / sub, ec);
    if (ec) throw FatalError(root_.string() + ": cannot create output folder (" + ec.message() + ")");
  }
  // Fail now, not after an hour of OCR, when the folder is not writable.
  try {
    write_file_atomically(root_ / ".write-test", "");
    fs::remove(root_ / ".write-test", ec);
  } catch (const std::exception& e) {
    throw FatalError(root_.string() + ": output folder is not writable (" + e.what() + ")");
  }
  lock();
  remove_temporaries();
}

OutputStore::~OutputStore() {
  if (lock_fd_ >= 0) ::close(lock_fd_);  // releases the lock
}

// One run per output folder: two would process the same documents twice and could delete each
// other's temporary files. The lock is released when the process ends, however it ends.
void OutputStore::lock() {
  const fs::path file = root_ / ".chartflow.lock";
  lock_fd_ = ::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (lock_fd_ < 0) throw FatalError(file.string() + ": cannot create the output folder's lock file (" + std::strerror(errno) + ")");
  if (::flock(lock_fd_, LOCK_EX | LOCK_NB) != 0) {
    ::close(lock_fd_);
    lock_fd_ = -1;
    throw FatalError(root_.string() + ": another chartflow run is using this output folder; wait for it to finish or give another --output");
  }
}

// Temporary files left by a run that was killed (kill -9, power cut) before it could rename them:
// nobody else writes here while we hold the lock, so they are garbage.
void OutputStore::remove_temporaries() {
  std::error_code ec;
  for (const char* sub : {"records", "quarantine", ""})  // "": summary.json's and report.html's
    for (const auto& entry : fs::directory_iterator(root_ / sub, ec)) {
      const std::string name = entry.path().filename().string();
      if (name.starts_with(".") && name.find(".tmp-") != std::string::npos) fs::remove(entry.path(), ec);
    }
}

std::string OutputStore::read_record(const std::string& id) const {
  std::ifstream in(record_path(id), std::ios::binary);
  std::ostringstream text;
  if (in) text << in.rdbuf();
  return text.str();
}

std::optional<std::string> OutputStore::existing_fingerprint(const std::string& id) const {
  std::ifstream in(record_path(id), std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  const auto record = nlohmann::json::parse(text.str(), nullptr, false);
  if (record.is_discarded() || !record.contains("pipeline") || !record["pipeline"].contains("fingerprint")) return std::nullopt;
  return record["pipeline"]["fingerprint"].get<std::string>();
}

void OutputStore::write_record(const std::string& id, std::string_view json) {
  write_file_atomically(record_path(id), json, false);
  std::error_code ec;
  fs::remove(quarantine_path(id), ec);
}

void OutputStore::write_quarantine(const std::string& id, const nlohmann::json& entry) {
  write_file_atomically(quarantine_path(id), entry.dump(2) + "\n");
  std::error_code ec;
  fs::remove(record_path(id), ec);
}

nlohmann::json OutputStore::read_quarantine(const std::string& id) const {
  std::ifstream in(quarantine_path(id), std::ios::binary);
  if (!in) return nullptr;
  std::ostringstream text;
  text << in.rdbuf();
  auto entry = nlohmann::json::parse(text.str(), nullptr, false);
  return entry.is_discarded() ? nlohmann::json() : entry;
}

void OutputStore::remove_quarantine(const std::string& id) {
  std::error_code ec;
  fs::remove(quarantine_path(id), ec);
}

void OutputStore::sync() const {
  const int fd = ::open(root_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  const int rc = ::syncfs(fd);
  const int saved = errno;
  ::close(fd);
  if (rc != 0) throw std::runtime_error("cannot flush the output folder to disk: " + std::string(std::strerror(saved)));
}

void OutputStore::write_summary(const nlohmann::json& summary) {
  write_file_atomically(root_ / "summary.json", summary.dump(2) + "\n");
}

}  // namespace chartflow::host
