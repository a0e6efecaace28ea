#include "originals.hpp"

#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>

#include <fstream>
#include <iterator>

namespace chartflow::delivery {
namespace {

namespace fs = std::filesystem;

std::string sha256_hex(const std::string& bytes) {
  Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
  engine.update(bytes.data(), static_cast<unsigned>(bytes.size()));
  return Poco::DigestEngine::digestToHex(engine.digest());
}

// The record's source name is relative to an input folder; one that climbs out is not followed.
bool stays_inside(const fs::path& relative) {
  if (relative.empty() || relative.is_absolute()) return false;
  for (const auto& part : relative)
    if (part == "..") return false;
  return true;
}

}  // namespace

void OriginalFolders::begin_batch(const nlohmann::json& batch) {
  std::lock_guard lock(mutex_);
  run_inputs_.clear();
  const auto folders = batch.find("input_folders");
  if (folders == batch.end() || !folders->is_array()) return;
  for (const auto& folder : *folders)
    if (folder.is_string()) run_inputs_.emplace_back(folder.get<std::string>());
}

std::vector<fs::path> OriginalFolders::folders() const {
  if (!configured_.empty()) return {configured_};
  std::lock_guard lock(mutex_);
  return run_inputs_;
}

OriginalLookup find_original(const std::vector<fs::path>& folders, const ChartRecord& chart, std::uint64_t max_bytes) {
  if (folders.empty()) return {std::nullopt, "original not attached: no originals folder"};
  const fs::path relative(chart.source_name);
  if (!stays_inside(relative)) return {std::nullopt, "original not attached: the record's source name is not a relative path"};
  if (chart.source_size > max_bytes) return {std::nullopt, "original not attached: larger than max_original_bytes"};
  bool changed = false;
  for (const auto& folder : folders) {
    const fs::path file = folder / relative;
    std::error_code ec;
    if (!fs::is_regular_file(file, ec) || fs::file_size(file, ec) != chart.source_size) {
      changed = changed || fs::exists(file, ec);
      continue;
    }
    std::ifstream in(file, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (sha256_hex(bytes) == chart.source_sha256) return {Original{chart.media_type, std::move(bytes)}, ""};
    changed = true;
  }
  return {std::nullopt, changed ? "original not attached: the file there has changed since the run" : "original not attached: not found in the originals folders"};
}

}  // namespace chartflow::delivery
