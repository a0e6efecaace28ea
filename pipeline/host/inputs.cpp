#include "inputs.hpp"

#include "errors.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <set>

namespace chartflow::host {
namespace fs = std::filesystem;
namespace {

bool inside(const fs::path& path, const fs::path& folder) {
  const auto rel = path.lexically_relative(folder);
  return !rel.empty() && *rel.begin() != "..";
}

std::string kind_of(fs::file_type type) {
  switch (type) {
    case fs::file_type::fifo: return "a named pipe";
    case fs::file_type::socket: return "a socket";
    case fs::file_type::block: return "a block device";
    case fs::file_type::character: return "a character device";
    default: return "not a regular file";
  }
}

// Walks one input folder. Folders are visited by their real path, each once, so two links to
// the same folder or a link to an ancestor cannot loop or double the inputs.
class Walker {
 public:
  Walker(InputSet& set, fs::path root, fs::path excluded) : set_(set), root_(std::move(root)), excluded_(std::move(excluded)) {}

  std::vector<std::pair<fs::path, std::string>> walk() {
    std::error_code ec;
    real_root_ = fs::canonical(root_, ec);
    visit_folder(root_, real_root_);
    std::sort(found_.begin(), found_.end());
    return std::move(found_);
  }

 private:
  std::string display(const fs::path& p) const { return p.lexically_relative(root_).generic_string(); }

  void visit_folder(const fs::path& folder, const fs::path& real) {
    if (!visited_.insert(real).second) return;  // a loop, or a second way into the same folder
    if (!excluded_.empty() && real == excluded_) return;
    std::error_code ec;
    fs::directory_iterator it(folder, ec);
    if (ec) {
      set_.not_read.push_back({folder == root_ ? "." : display(folder), "cannot list the folder (" + ec.message() + ")"});
      return;
    }
    // In name order, so that of two ways to one file (a link and the file) the same one wins each run.
    std::vector<fs::path> entries;
    for (; it != fs::directory_iterator(); it.increment(ec)) {
      if (ec) {
        set_.not_read.push_back({display(folder), "stopped listing the folder (" + ec.message() + ")"});
        break;
      }
      entries.push_back(it->path());
    }
    std::sort(entries.begin(), entries.end());
    for (const auto& entry : entries) visit_entry(entry);
  }

  void visit_entry(const fs::path& path) {
    std::error_code ec;
    const auto link_status = fs::symlink_status(path, ec);
    const bool hidden = path.filename().string().starts_with(".");
    if (fs::is_symlink(link_status)) {
      const fs::path target = fs::canonical(path, ec);
      if (ec) return set_.not_read.push_back({display(path), "a dangling symbolic link"});
      if (target != real_root_ && !inside(target, real_root_))
        return set_.not_read.push_back({display(path), "a symbolic link to a path outside the input folder (not followed)"});
      return visit_real(path, target, fs::status(path, ec), hidden);
    }
    visit_real(path, fs::canonical(path, ec), link_status, hidden);
  }

  void visit_real(const fs::path& path, const fs::path& real, const fs::file_status& status, bool hidden) {
    if (fs::is_directory(status)) {
      if (!hidden) visit_folder(path, real);
      return;
    }
    if (hidden) {
      set_.hidden.push_back(path);
    } else if (fs::is_regular_file(status)) {
      found_.emplace_back(path, display(path));
    } else {
      set_.not_read.push_back({display(path), kind_of(status.type()) + ", not read"});
    }
  }

  InputSet& set_;
  fs::path root_, real_root_, excluded_;
  std::set<fs::path> visited_;
  std::vector<std::pair<fs::path, std::string>> found_;
};

}  // namespace

InputSet collect_inputs(const std::vector<fs::path>& paths, const fs::path& exclude) {
  InputSet set;
  std::error_code exclude_ec;
  const fs::path excluded = exclude.empty() ? fs::path() : fs::weakly_canonical(exclude, exclude_ec);
  std::set<fs::path> seen;
  auto add = [&](const fs::path& file, std::string display) {
    std::error_code ec;
    const fs::path key = fs::weakly_canonical(file, ec);
    if (seen.insert(ec ? file : key).second) set.files.push_back({file, std::move(display), {}});
  };
  if (paths.empty()) throw FatalError("no input given: pass --input with one or more files or folders");
  for (const auto& path : paths) {
    std::error_code ec;
    const auto status = fs::status(path, ec);
    if (ec || !fs::exists(status)) throw FatalError(path.string() + ": input path not found");
    if (fs::is_directory(status)) {
      const fs::path real = fs::weakly_canonical(path, ec);
      if (!excluded.empty() && (real == excluded || inside(real, excluded)))
        throw FatalError(path.string() + ": the input folder is the output folder or inside it; give an output folder of its own");
      for (auto& [file, display] : Walker(set, path, excluded).walk()) add(file, std::move(display));
    } else if (fs::is_regular_file(status)) {
      add(path, path.filename().string());
    } else {
      throw FatalError(path.string() + ": input is neither a regular file nor a folder (" + kind_of(status.type()) + ")");
    }
  }
  return set;
}

std::vector<fs::path> input_folders(const InputSet& inputs) {
  std::vector<fs::path> folders;
  for (const auto& file : inputs.files) {
    fs::path folder = file.path;
    const fs::path name(file.display_name);
    for (auto part = name.begin(); part != name.end(); ++part) folder = folder.parent_path();
    std::error_code ec;
    folder = fs::absolute(folder, ec);
    if (!ec && std::find(folders.begin(), folders.end(), folder) == folders.end()) folders.push_back(std::move(folder));
  }
  return folders;
}

// POSIX calls, not an ifstream: a stream's set-up cost as much as reading a 3 KB note, and the
// host reads every input (and probes for every earlier record) once per document.
ReadResult read_input(const std::filesystem::path& path, std::uint64_t max_bytes) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);  // a pipe swapped in must not hang the batch
  if (fd < 0) return {{}, "cannot read input (" + std::string(std::strerror(errno)) + ")"};
  struct FdCloser {
    int fd;
    ~FdCloser() { ::close(fd); }
  } closer{fd};
  struct stat info {};
  if (::fstat(fd, &info) != 0) return {{}, "cannot read input (" + std::string(std::strerror(errno)) + ")"};
  if (!S_ISREG(info.st_mode)) return {{}, "cannot read input (not a regular file)"};
  const auto size = static_cast<std::uint64_t>(info.st_size);
  if (size > max_bytes)
    return {{}, "input is " + std::to_string(size) + " bytes, over the limit of " + std::to_string(max_bytes) +
                    " (limits.max_input_bytes)"};
  std::string bytes(size, '\0');
  std::size_t got = 0;
  while (got < size) {
    const ssize_t n = ::read(fd, bytes.data() + got, size - got);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    got += static_cast<std::size_t>(n);
  }
  // One more byte would mean the file grew after fstat: as changed as a short read.
  char extra = 0;
  if (got != size || ::read(fd, &extra, 1) > 0) return {{}, "input changed or could not be read completely"};
  return {std::move(bytes), {}};
}

}  // namespace chartflow::host
