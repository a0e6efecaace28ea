// The records of an output folder as the workstation reads them: by id only (never a path from a
// request), each file read and hashed when it changed, and a slim copy (document, type, codes,
// tumours, review flags) kept so the worklist of 10,000 documents is built without rereading them.
// Thread-safe.
#pragma once

#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace chartflow::review {

struct LoadedRecord {
  std::string id, sha256;  // sha256 of the record file's bytes
  nlohmann::json json;     // the whole record, or the slim copy (see RecordFolder::slim)
};

// A record id as `chartflow run` names them ("doc-" and 16 hex digits).
bool is_record_id(const std::string& id);

class RecordFolder {
 public:
  // `given`: the output folder of `chartflow run` (its records/ subfolder is used) or a records folder.
  // Throws std::runtime_error naming the folder when there is none.
  explicit RecordFolder(const std::filesystem::path& given);

  const std::filesystem::path& output_folder() const { return output_; }
  const std::filesystem::path& records_folder() const { return records_; }

  // Every record id in the folder, in name order (rescanned on each call: a run may still add).
  std::vector<std::string> ids() const;
  // The whole record (nullopt: no such record, or not readable JSON).
  std::optional<LoadedRecord> load(const std::string& id) const;
  // Reads the slim copies of `ids` not cached yet, on every core (a first worklist of 10,000).
  void prefetch(const std::vector<std::string>& ids);
  // The slim copy, from the cache when the file is unchanged (shared, never copied).
  std::shared_ptr<const LoadedRecord> slim(const std::string& id);

 private:
  struct Cached {
    std::filesystem::file_time_type mtime;
    std::uintmax_t size = 0;
    std::shared_ptr<const LoadedRecord> record;
  };
  std::filesystem::path output_, records_;
  std::mutex mutex_;
  std::map<std::string, Cached> cache_;
};

}  // namespace chartflow::review
