#include "record_folder.hpp"

#include "host/hashing.hpp"

#include <algorithm>
#include <atomic>
#include <thread>
#include <fstream>
#include <iterator>
#include <regex>
#include <stdexcept>

namespace chartflow::review {
namespace fs = std::filesystem;
namespace {

constexpr std::uintmax_t kMaxRecordBytes = 512u << 20;

// What the worklist and the replay of decisions need; the views, words and mentions stay on disk.
nlohmann::json slim_copy(const nlohmann::json& record) {
  nlohmann::json slim = nlohmann::json::object();
  for (const char* key : {"document", "document_types", "codes", "tumors", "diagnostics"})
    if (record.contains(key)) slim[key] = record[key];
  nlohmann::json pages = nlohmann::json::array();
  for (const auto& p : record.value("pages", nlohmann::json::array()))
    pages.push_back({{"needs_review", p.value("needs_review", false)},
                     {"review_reasons", p.value("review_reasons", nlohmann::json::array())},
                     {"dpi_x", p.value("dpi_x", 0.0)}});
  slim["pages"] = std::move(pages);
  return slim;
}

}  // namespace

bool is_record_id(const std::string& id) {
  static const std::regex pattern("doc-[0-9a-f]{16}");
  return id.size() == 20 && std::regex_match(id, pattern);
}

RecordFolder::RecordFolder(const fs::path& given) {
  if (fs::is_directory(given / "records")) {
    output_ = given;
    records_ = given / "records";
  } else if (fs::is_directory(given)) {
    output_ = records_ = given;
  } else {
    throw std::runtime_error(given.string() + ": no such folder (give the output folder of `chartflow run`)");
  }
}

std::vector<std::string> RecordFolder::ids() const {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(records_, ec)) {
    const auto name = entry.path().filename().string();
    if (name.size() == 25 && name.ends_with(".json") && is_record_id(name.substr(0, 20))) out.push_back(name.substr(0, 20));
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::optional<LoadedRecord> RecordFolder::load(const std::string& id) const {
  if (!is_record_id(id)) return std::nullopt;
  const fs::path file = records_ / (id + ".json");
  std::error_code ec;
  if (!fs::is_regular_file(file, ec) || fs::file_size(file, ec) > kMaxRecordBytes) return std::nullopt;
  std::ifstream in(file, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), {});
  auto json = nlohmann::json::parse(bytes, nullptr, false);
  if (json.is_discarded() || !json.is_object()) return std::nullopt;
  return LoadedRecord{id, host::sha256_hex(bytes), std::move(json)};
}

std::shared_ptr<const LoadedRecord> RecordFolder::slim(const std::string& id) {
  if (!is_record_id(id)) return nullptr;
  const fs::path file = records_ / (id + ".json");
  std::error_code ec;
  const auto mtime = fs::last_write_time(file, ec);
  const auto size = ec ? 0 : fs::file_size(file, ec);
  if (ec) return nullptr;
  {
    std::lock_guard lock(mutex_);
    if (const auto it = cache_.find(id); it != cache_.end() && it->second.mtime == mtime && it->second.size == size) return it->second.record;
  }
  auto full = load(id);
  if (!full) return nullptr;
  auto slim = std::make_shared<const LoadedRecord>(LoadedRecord{id, full->sha256, slim_copy(full->json)});
  std::lock_guard lock(mutex_);
  cache_[id] = {mtime, size, slim};
  return slim;
}

void RecordFolder::prefetch(const std::vector<std::string>& ids) {
  std::vector<std::string> missing;
  {
    std::lock_guard lock(mutex_);
    for (const auto& id : ids)
      if (!cache_.count(id)) missing.push_back(id);
  }
  if (missing.size() < 64) return;  // not worth the threads
  std::atomic<std::size_t> next{0};
  std::vector<std::thread> workers;
  for (unsigned t = 0; t < std::max(1u, std::thread::hardware_concurrency()); ++t)
    workers.emplace_back([&] {
      for (std::size_t i = next++; i < missing.size(); i = next++) slim(missing[i]);
    });
  for (auto& w : workers) w.join();
}

}  // namespace chartflow::review
