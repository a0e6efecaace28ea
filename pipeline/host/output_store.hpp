// The output folder: records/<id>.json for documents that went through, quarantine/<id>.json
// for those that did not (with the stage and reason), and summary.json for the last run.
// Every file is written atomically (temporary file, fsync, rename), so a crash or a kill never
// leaves a half-written record, and a re-run can trust whatever it finds.
#pragma once

#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <vector>
#include <optional>
#include <string>
#include <string_view>

namespace chartflow::host {

void write_file_atomically(const std::filesystem::path& path, std::string_view content);

class OutputStore {
 public:
  // Creates the folders; throws FatalError when the output folder cannot be written.
  explicit OutputStore(std::filesystem::path root);

  const std::filesystem::path& root() const noexcept { return root_; }
  std::filesystem::path record_path(const std::string& id) const { return root_ / "records" / (id + ".json"); }
  std::filesystem::path quarantine_path(const std::string& id) const { return root_ / "quarantine" / (id + ".json"); }

  // The text of an existing record ("" when there is none or it cannot be read).
  std::string read_record(const std::string& id) const;
  // The pipeline fingerprint of an existing, readable record for `id`, if there is one.
  std::optional<std::string> existing_fingerprint(const std::string& id) const;

  // A document ends in exactly one place: writing its record clears any old quarantine entry
  // and quarantining it removes any older record.
  void write_record(const std::string& id, std::string_view json);
  void write_quarantine(const std::string& id, const nlohmann::json& entry);
  void write_summary(const nlohmann::json& summary);

  // Quarantine entries by the input they came from, so that a re-run can drop the entry of a
  // file that has since been fixed (its content, and so its id, changed).
  std::map<std::string, std::vector<std::string>> quarantined_inputs() const;
  void remove_quarantine(const std::string& id);

 private:
  std::filesystem::path root_;
};

}  // namespace chartflow::host
