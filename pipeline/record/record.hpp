// The document record. The envelope (document, pipeline, producers, views, diagnostics) is typed;
// annotation fields are generic: each is held as its items' compact JSON, validated once when a
// stage adds them, so any field a schema declares (built in or from a plugin's manifest) is stored
// the same way and never converted again on its way to the next stage or to disk.
//
// The typed item structs below (Page, Mention, Code, ...) mirror the built-in annotation schemas
// for the host code and tests that need them (record_json.hpp: typed_items); the schemas in
// schemas/ are the source of truth. Optional schema properties are std::optional here, so
// "absent" and "zero" stay distinct through a round trip.
#pragma once

#include <chartflow/binary.hpp>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace chartflow::record {

inline constexpr const char* kSchemaVersion = "1.0";

struct Span {
  std::string view;
  std::uint64_t begin = 0;
  std::uint64_t end = 0;
  bool operator==(const Span&) const = default;
};

struct Box {
  std::int64_t x = 0, y = 0, w = 0, h = 0;
  bool operator==(const Box&) const = default;
};

struct Source {
  std::string name;
  std::string sha256;
  std::uint64_t size_bytes = 0;
  bool operator==(const Source&) const = default;
};

struct Document {
  std::string id;
  Source source;
  std::string media_type;
  std::optional<std::uint64_t> page_count;
  bool operator==(const Document&) const = default;
};

struct PipelineInfo {
  std::string name;
  std::string fingerprint;
  std::string host_version;
  bool operator==(const PipelineInfo&) const = default;
};

struct Producer {
  std::string stage;
  std::string plugin;
  std::string version;
  std::string config_hash;
  bool operator==(const Producer&) const = default;
};

struct TextView {
  std::string name;
  std::string text;
  std::string origin;  // file | ocr | text-layer | hl7 | derived
  std::optional<std::string> encoding;
  std::optional<std::string> derived_from;
  std::vector<std::pair<std::uint64_t, std::uint64_t>> source_map;  // [offset, source_offset]
  std::string producer;
  std::optional<nlohmann::json> attributes;
  bool operator==(const TextView&) const = default;
};

struct Page {
  std::int64_t number = 1;
  std::string origin;
  std::optional<std::int64_t> width_px, height_px;
  std::optional<double> dpi_x, dpi_y;
  std::optional<int> rotation_deg;
  std::optional<double> skew_deg;
  std::optional<double> mean_confidence;
  std::optional<Span> text_span;
  std::optional<bool> needs_review;
  std::vector<std::string> review_reasons;
  std::string producer;
  std::optional<nlohmann::json> attributes;
  bool operator==(const Page&) const = default;
};

struct OcrWord {
  std::string view;
  std::uint64_t begin = 0, end = 0;
  std::int64_t page = 1;
  Box box;
  double confidence = 0;
  std::optional<std::int64_t> block, line;
  std::string producer;
  bool operator==(const OcrWord&) const = default;
};

struct Section {
  std::string id;
  std::string view;
  std::uint64_t begin = 0, end = 0;
  std::string category;
  std::optional<std::string> loinc;
  std::optional<Span> header;
  std::optional<double> confidence;
  std::string producer;
  std::optional<nlohmann::json> attributes;
  bool operator==(const Section&) const = default;
};

struct Sentence {
  std::string id;
  std::string view;
  std::uint64_t begin = 0, end = 0;
  std::optional<std::string> section_id;
  std::string producer;
  std::optional<nlohmann::json> attributes;
  bool operator==(const Sentence&) const = default;
};

struct Concept {
  std::string system;
  std::string code;
  std::optional<std::string> display;
  std::optional<double> score;
  bool operator==(const Concept&) const = default;
};

struct AssertionTrigger {
  std::string type;
  std::string view;
  std::uint64_t begin = 0, end = 0;
  std::optional<std::string> rule;
  bool operator==(const AssertionTrigger&) const = default;
};

struct Assertion {
  std::string status = "affirmed";
  bool negated = false, uncertain = false, hypothetical = false, historical = false;
  std::string experiencer = "patient";
  std::vector<AssertionTrigger> triggers;
  bool operator==(const Assertion&) const = default;
};

struct Mention {
  std::string id;
  std::string view;
  std::uint64_t begin = 0, end = 0;
  std::string kind;
  std::optional<std::string> category;
  std::optional<std::string> matched_term;
  std::vector<Concept> concepts;
  Assertion assertion;
  std::optional<std::string> section_id, sentence_id;
  std::optional<double> confidence;
  std::string producer;
  std::optional<nlohmann::json> attributes;
  bool operator==(const Mention&) const = default;
};

struct Code {
  std::string id;
  std::string system;
  std::string code;
  std::optional<std::string> display;
  std::string code_set_version;
  std::vector<std::string> mention_ids;
  std::vector<Span> evidence;
  double confidence = 0;
  std::string rule;
  bool needs_review = false;
  std::vector<std::string> review_reasons;
  std::optional<std::int64_t> sequence;
  std::optional<std::string> role;
  std::optional<bool> partial;
  std::optional<std::string> policy;
  std::string producer;
  std::optional<nlohmann::json> attributes;
  bool operator==(const Code&) const = default;
};

struct AbstractedField {
  std::optional<std::string> value;
  std::optional<std::string> display;
  std::vector<Span> evidence;
  double confidence = 0;
  bool needs_review = false;
  std::optional<std::string> reason;
  bool operator==(const AbstractedField&) const = default;
};

struct Tumor {
  std::string id;
  std::string status;  // reportable | not_reportable | needs_review
  std::vector<std::string> reasons;
  std::vector<Span> evidence;
  std::vector<std::string> mention_ids, code_ids;
  std::map<std::string, AbstractedField> fields;
  std::optional<double> confidence;
  std::string producer;
  std::optional<nlohmann::json> attributes;
  bool operator==(const Tumor&) const = default;
};

struct Diagnostic {
  std::string severity;  // info | warning | error
  std::string code;
  std::string message;
  std::string producer;
  bool operator==(const Diagnostic&) const = default;
};

// The items of one annotation field in the binary form of chartflow/binary.hpp, appended as
// stages add them (already validated and stamped). Stages that read the field get these bytes as
// they are; the record file gets them as JSON text once, when it is written.
class ItemField {
 public:
  std::size_t size() const noexcept { return count_; }
  bool empty() const noexcept { return count_ == 0; }
  binary::Items items() const noexcept { return {bytes_, count_}; }
  void append(std::string_view bytes, std::size_t count) {
    bytes_.append(bytes);
    count_ += count;
  }
  // "[...]": the items as compact JSON.
  std::string json_text() const;
  bool operator==(const ItemField& other) const { return count_ == other.count_ && bytes_ == other.bytes_; }

 private:
  std::string bytes_;
  std::size_t count_ = 0;
};

struct Record {
  std::string schema_version = kSchemaVersion;
  Document document;
  PipelineInfo pipeline;
  std::vector<Producer> producers;
  std::vector<TextView> views;
  std::map<std::string, ItemField, std::less<>> items;  // annotation field name -> its items
  std::vector<Diagnostic> diagnostics;
  // Ids of the items, to the field holding each: ids are unique within a record, and references
  // (section_id, mention_ids, ...) must name an item of the field they are named after.
  std::unordered_map<std::string, std::string> item_ids;
  bool operator==(const Record&) const = default;

  const ItemField* field(std::string_view name) const {
    auto it = items.find(name);
    return it == items.end() ? nullptr : &it->second;
  }
  std::size_t count(std::string_view name) const {
    const ItemField* f = field(name);
    return f ? f->size() : 0;
  }
  std::size_t total_items() const {
    std::size_t n = 0;
    for (const auto& [name, f] : items) n += f.size();
    return n;
  }

  const TextView* find_view(std::string_view name) const {
    for (const auto& v : views)
      if (v.name == name) return &v;
    return nullptr;
  }
};

}  // namespace chartflow::record
