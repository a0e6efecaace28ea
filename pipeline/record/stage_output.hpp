// What one stage adds to one document, held apart from the record until the stage succeeds.
// Every addition is checked here, whatever field it goes to (built in or declared by a plugin):
// the field must be declared in the manifest's writes, each item must validate against the
// field's schema, its strings must be UTF-8, every span ({view, begin, end} anywhere in an item)
// must fall inside an existing view on UTF-8 boundaries, ids must be unique in the record and
// references (<thing>_id, <thing>_ids) must name items of the field they are named after. A
// stage that fails adds nothing. Items are checked in their binary form (chartflow/binary.hpp);
// JSON from ABI 1.0 plugins is converted first.
#pragma once

#include "fields.hpp"
#include "record.hpp"

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>

namespace chartflow::record {

// Bounds on what one document may hold, so that no input under the size limit can take a worker
// past a few hundred MB (each item costs about 2.5 KB through checks, record and JSON).
struct OutputLimits {
  std::uint64_t max_view_bytes = 32ull << 20;  // text in one view (limits.max_text_bytes)
  std::uint64_t max_items = 250000;            // annotation items in the whole record (limits.max_items)
};

class StageOutput {
 public:
  // `writes` are the manifest's declared fields; `record` and `registry` must outlive this object.
  StageOutput(const Record& record, const FieldRegistry& registry, std::string stage_id, std::set<std::string, std::less<>> writes,
              OutputLimits limits = {});

  // Each returns an empty string on success, or why the addition was refused.
  std::string add_view(std::string_view name, std::string_view text, std::string_view meta_json);
  std::string add_items(std::string_view field, std::string_view items_json);
  std::string add_item_objects(std::string_view field, const nlohmann::json& items);
  std::string add_binary_items(std::string_view field, std::string_view bytes, std::size_t count);
  std::string add_diagnostic(int severity, std::string_view code, std::string_view message);

  // Resolves references, then appends everything to `record`. Returns "" or the reason.
  std::string commit(Record& record);

  std::size_t item_count() const noexcept { return item_count_; }
  // True when an addition was refused for going over a limit (the document is quarantined as
  // `limit`, not blamed on the plugin as `rejected`).
  bool over_limit() const noexcept { return over_limit_; }

 private:
  // Where an item stands ("codes[3]"), spelled out only when there is something to report.
  struct ItemAt {
    std::string_view field;
    std::size_t index = 0;
    std::string label() const;
  };
  struct Reference {
    const std::string* field;  // the referring item's field (a FieldSpec's name)
    std::size_t index;
    std::string key;           // "mention_ids"
    std::string id;
    const std::vector<const FieldSpec*>* targets;  // the registry's: lives as long as it
  };
  struct Pending {
    std::string bytes;
    std::size_t count = 0;
  };
  const TextView* find_view(std::string_view name) const;
  // What one walk over an item finds: nesting past the limit, a string or key that is not
  // UTF-8, and its first span (in document order) that does not fit its view.
  struct ItemScan {
    bool too_deep = false, bad_utf8 = false;
    std::string span_problem;
  };
  void scan_item(const binary::Value& value, unsigned depth_left, ItemScan& scan, const ItemAt& at) const;
  class ItemChecks;  // the same checks, riding on the schema's walk (stage_output.cpp)
  std::string span_problem(const binary::Value& view, const binary::Value& begin, const binary::Value& end, const ItemAt& at) const;
  std::string check_item(const FieldSpec& field, const binary::Value& item, const ItemAt& at);
  std::string register_item(const binary::Value& item, const FieldSpec& field, const ItemAt& at);
  const std::string* field_of_id(std::string_view id) const;

  const Record& record_;
  const FieldRegistry& registry_;
  std::string stage_id_;
  std::set<std::string, std::less<>> writes_;
  std::vector<TextView> views_;
  std::map<std::string, Pending, std::less<>> items_;  // field -> stamped items
  std::vector<Diagnostic> diagnostics_;
  std::unordered_map<std::string, std::string> new_ids_;  // id -> field, added by this stage
  std::vector<Reference> references_;
  std::vector<std::string> call_ids_;  // ids registered by the addition being checked
  std::size_t item_count_ = 0;
  OutputLimits limits_;
  bool over_limit_ = false;
};

}  // namespace chartflow::record
