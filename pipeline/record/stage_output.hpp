// What one stage adds to one document, held apart from the record until the stage succeeds.
// Every addition is checked here: the field must be declared in the manifest, each item must
// validate against its schema, spans must fall inside an existing view on UTF-8 boundaries, ids
// must be unique and references must resolve. A stage that fails adds nothing.
#pragma once

#include "record.hpp"

#include <set>
#include <string>
#include <string_view>
#include <unordered_set>

namespace chartflow::record {

class StageOutput {
 public:
  // `writes` are the manifest's declared fields; `record` must outlive this object.
  StageOutput(const Record& record, std::string stage_id, std::set<std::string, std::less<>> writes);

  // Each returns an empty string on success, or why the addition was refused.
  std::string add_view(std::string_view name, std::string_view text, std::string_view meta_json);
  std::string add_items(std::string_view field, std::string_view items_json);
  std::string add_diagnostic(int severity, std::string_view code, std::string_view message);

  // Resolves references, then appends everything to `record`. Returns "" or the reason.
  std::string commit(Record& record);

  std::size_t item_count() const noexcept { return item_count_; }

 private:
  const TextView* find_view(std::string_view name) const;
  std::string check_spans(const nlohmann::json& item, const std::string& where) const;
  void load_ids();
  std::string register_ids(const nlohmann::json& item, const std::string& where);

  const Record& record_;
  std::string stage_id_;
  std::set<std::string, std::less<>> writes_;
  Record pending_;
  std::unordered_set<std::string> ids_;  // ids already in the record or added so far
  bool ids_loaded_ = false;
  std::size_t item_count_ = 0;
};

}  // namespace chartflow::record
