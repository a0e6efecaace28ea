#include "output_store.hpp"

#include "errors.hpp"
#include "inputs.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <limits>
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
  const fs::path tmp = path.parent_path() / ("." + path.filename().string() + ".tmp-" + std::to_string(::getpid()) + "-" +
                                             std::to_string(counter++));
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

OutputStore::OutputStore(fs::path root, std::string part)
    : root_(std::move(root)), part_(std::move(part)), state_root_(part_.empty() ? root_ : root_ / "parts" / part_) {
  std::error_code ec;
  for (const fs::path& sub : {root_ / "records", root_ / "quarantine", state_root_}) {
    fs::create_directories(sub, ec);
    if (ec) throw FatalError(root_.string() + ": cannot create output folder (" + ec.message() + ")");
  }
  // Fail now, not after an hour of OCR, when the folder is not writable.
  const fs::path probe = state_root_ / ".write-test";
  try {
    write_file_atomically(probe, "");
    fs::remove(probe, ec);
  } catch (const std::exception& e) {
    throw FatalError(root_.string() + ": output folder is not writable (" + e.what() + ")");
  }
  lock();
  remove_temporaries();
}

OutputStore::~OutputStore() {
  if (part_lock_fd_ >= 0) ::close(part_lock_fd_);  // releases the locks
  if (lock_fd_ >= 0) ::close(lock_fd_);
}

namespace {

// Opens `file` and takes a lock on it without waiting; -1 when another process holds it.
int take_lock(const fs::path& file, int operation) {
  const int fd = ::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) throw FatalError(file.string() + ": cannot create the output folder's lock file (" + std::strerror(errno) + ")");
  if (::flock(fd, operation | LOCK_NB) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

}  // namespace

// One run per output folder (or per part of it): two would process the same documents twice and
// could delete each other's temporary files. Locks are released when the process ends, however.
void OutputStore::lock() {
  lock_fd_ = take_lock(root_ / ".chartflow.lock", part_.empty() ? LOCK_EX : LOCK_SH);
  if (lock_fd_ < 0)
    throw FatalError(root_.string() + (part_.empty() ? ": another chartflow run is using this output folder; wait for it to finish or give another --output"
                                                     : ": a chartflow run or merge is using this whole output folder; wait for it to finish"));
  if (part_.empty()) return;
  part_lock_fd_ = take_lock(state_root_ / ".chartflow.lock", LOCK_EX);
  if (part_lock_fd_ < 0)
    throw FatalError(state_root_.string() + ": another chartflow process is already running as part '" + part_ +
                     "' of this output folder; give each shard its own index and each worker its own --name");
}

// Temporary files left by a run that was killed (kill -9, power cut) before it could rename them.
// A whole-folder run holds the folder alone, so every temporary is garbage; a part removes only
// its own (the other parts may be writing theirs into records/ right now).
void OutputStore::remove_temporaries() {
  std::error_code ec;
  std::vector<fs::path> folders{state_root_};
  if (part_.empty()) {
    folders.insert(folders.end(), {root_ / "records", root_ / "quarantine"});
    for (const auto& entry : fs::directory_iterator(root_ / "parts", ec))
      if (entry.is_directory(ec)) folders.push_back(entry.path());
  }
  for (const auto& folder : folders)
    for (const auto& entry : fs::directory_iterator(folder, ec)) {
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
  const ReadResult file = read_input(record_path(id), std::numeric_limits<std::uint64_t>::max());
  if (!file.error.empty()) return std::nullopt;
  const auto record = nlohmann::json::parse(file.bytes, nullptr, false);
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
  const ReadResult file = read_input(quarantine_path(id), std::numeric_limits<std::uint64_t>::max());
  if (!file.error.empty()) return nullptr;
  auto entry = nlohmann::json::parse(file.bytes, nullptr, false);
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
  write_file_atomically(state_root_ / "summary.json", summary.dump(2) + "\n");
}

}  // namespace chartflow::host
