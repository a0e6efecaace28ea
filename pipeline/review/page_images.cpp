#include "page_images.hpp"

#include "host/hashing.hpp"
#include "host/sqlite_statement.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iterator>

extern char** environ;

namespace chartflow::review {
namespace fs = std::filesystem;
namespace {

constexpr std::size_t kMaxCacheBytes = 256u << 20;
constexpr std::size_t kMaxImageBytes = 64u << 20;
constexpr auto kDeadline = std::chrono::seconds(30);

bool same_file(const fs::path& file, const std::string& sha256, std::uint64_t size) {
  std::error_code ec;
  if (!fs::is_regular_file(file, ec) || fs::file_size(file, ec) != size || ec) return false;
  std::ifstream in(file, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), {});
  return host::sha256_hex(bytes) == sha256;
}

// The input paths a journal has for a document (usually one).
void add_journal_paths(const fs::path& journal, const std::string& doc_id, std::vector<fs::path>& out) {
  if (!fs::is_regular_file(journal)) return;
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(journal.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    try {
      host::SqliteStatement s(db, "SELECT path FROM inputs WHERE doc_id = ?");
      s.bind(1, doc_id);
      while (s.step()) out.emplace_back(s.text(0));
    } catch (const std::exception&) {
      // An unreadable journal only means the original must come from --originals.
    }
  }
  sqlite3_close(db);
}

// The folder's own journal, then those of its parts (shards, queue workers: docs/scale-out.md).
std::vector<fs::path> journal_paths(const fs::path& output_folder, const std::string& doc_id) {
  std::vector<fs::path> out;
  add_journal_paths(output_folder / "journal.sqlite", doc_id, out);
  std::error_code ec;
  for (const auto& part : fs::directory_iterator(output_folder / "parts", ec))
    add_journal_paths(part.path() / "journal.sqlite", doc_id, out);
  return out;
}

// A relative name that stays inside its folder ("a/b.tif", never "../x" or "/etc/x").
bool is_contained(const fs::path& name) {
  if (name.empty() || name.is_absolute()) return false;
  for (const auto& part : name)
    if (part == "..") return false;
  return true;
}

}  // namespace

fs::path default_page_image_tool() {
  if (const char* env = std::getenv("CHARTFLOW_PAGE_IMAGE"); env && *env) return env;
  std::error_code ec;
  const fs::path self = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::path("chartflow-page-image") : self.parent_path() / "chartflow-page-image";
}

PageImages::PageImages(fs::path output_folder, fs::path tool, std::vector<fs::path> original_folders)
    : output_folder_(std::move(output_folder)), tool_(std::move(tool)), original_folders_(std::move(original_folders)) {}

fs::path PageImages::original_of(const nlohmann::json& document) {
  const auto& source = document.value("source", nlohmann::json::object());
  const std::string sha = source.value("sha256", ""), name = source.value("name", "");
  const std::uint64_t size = source.value("size_bytes", std::uint64_t{0});
  {
    std::lock_guard lock(mutex_);
    if (const auto it = originals_.find(sha); it != originals_.end()) return it->second;
  }
  std::vector<fs::path> candidates = journal_paths(output_folder_, document.value("id", ""));
  if (is_contained(name))
    for (const auto& folder : original_folders_) candidates.push_back(folder / name);
  for (const auto& file : candidates)
    if (same_file(file, sha, size)) {
      std::lock_guard lock(mutex_);
      originals_[sha] = file;
      return file;
    }
  return {};
}

PageImage PageImages::render(const nlohmann::json& document, int page, int pdf_dpi) {
  const std::string key = document.value("id", "") + "/" + std::to_string(page);
  {
    std::lock_guard lock(mutex_);
    for (auto it = cache_.begin(); it != cache_.end(); ++it)
      if (it->first == key) {
        cache_.splice(cache_.begin(), cache_, it);
        return {200, it->second, ""};
      }
  }
  const fs::path original = original_of(document);
  if (original.empty())
    return {404, "", "the original file is not where the run read it, or has changed since; start the workstation with --originals FOLDER"};
  PageImage image = run_tool(original, page, pdf_dpi);
  if (image.http_status == 200) remember(key, image);
  return image;
}

void PageImages::remember(const std::string& key, const PageImage& image) {
  std::lock_guard lock(mutex_);
  cache_.emplace_front(key, image.png);
  cached_bytes_ += image.png.size();
  while (cached_bytes_ > kMaxCacheBytes && cache_.size() > 1) {
    cached_bytes_ -= cache_.back().second.size();
    cache_.pop_back();
  }
}

PageImage PageImages::run_tool(const fs::path& file, int page, int pdf_dpi) const {
  int out[2];
  if (pipe2(out, O_CLOEXEC) != 0) return {500, "", "cannot start the page renderer (no pipe)"};
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  const std::string tool = tool_.string(), input = file.string(), page_arg = std::to_string(page), dpi = std::to_string(pdf_dpi);
  std::vector<char*> argv = {const_cast<char*>(tool.c_str()), const_cast<char*>("--input"), const_cast<char*>(input.c_str()),
                             const_cast<char*>("--page"), const_cast<char*>(page_arg.c_str()), const_cast<char*>("--pdf-dpi"),
                             const_cast<char*>(dpi.c_str()), nullptr};
  pid_t pid = 0;
  const int spawned = posix_spawn(&pid, tool.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(out[1]);
  if (spawned != 0) {
    close(out[0]);
    return {500, "", "cannot run " + tool_.filename().string() + " (is it installed beside chartflow?)"};
  }
  PageImage image;
  const auto deadline = std::chrono::steady_clock::now() + kDeadline;
  char buffer[65536];
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count();
    pollfd p{out[0], POLLIN, 0};
    if (left <= 0 || poll(&p, 1, static_cast<int>(left)) <= 0) {
      kill(pid, SIGKILL);
      image = {504, "", "rendering the page took too long"};
      break;
    }
    const ssize_t n = read(out[0], buffer, sizeof buffer);
    if (n <= 0) break;
    image.png.append(buffer, static_cast<std::size_t>(n));
    if (image.png.size() > kMaxImageBytes) {
      kill(pid, SIGKILL);
      image = {422, "", "the page image is too large to show"};
      break;
    }
  }
  close(out[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (image.http_status != 200) return image;
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || image.png.empty())
    return {422, "", WIFEXITED(status) && WEXITSTATUS(status) == 3 ? "the file has no such page" : "the page could not be decoded"};
  return image;
}

}  // namespace chartflow::review
