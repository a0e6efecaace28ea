#include "fields.hpp"

#include "record_json.hpp"

#include <array>

namespace chartflow::record {
namespace {

struct ItemsField {
  std::string_view name;
  std::string_view schema;
};

constexpr std::array kItemsFields = {
    ItemsField{"pages", "annotations/page.schema.json"},
    ItemsField{"words", "annotations/ocr-word.schema.json"},
    ItemsField{"sections", "annotations/section.schema.json"},
    ItemsField{"sentences", "annotations/sentence.schema.json"},
    ItemsField{"mentions", "annotations/mention.schema.json"},
    ItemsField{"codes", "annotations/code.schema.json"},
    ItemsField{"tumors", "annotations/tumor.schema.json"},
};

bool valid_view_name(std::string_view name) {
  if (name.empty() || name.size() > 32 || name[0] < 'a' || name[0] > 'z') return false;
  for (char c : name)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  return true;
}

}  // namespace

std::optional<Field> parse_field(std::string_view name) {
  if (name == "source") return Field{"source", FieldKind::source, "", ""};
  if (name == "document") return Field{"document", FieldKind::document, "", ""};
  if (name.starts_with("views.")) {
    const auto view = name.substr(6);
    if (!valid_view_name(view)) return std::nullopt;
    return Field{std::string(name), FieldKind::view, std::string(view), ""};
  }
  for (const auto& f : kItemsFields)
    if (f.name == name) return Field{std::string(name), FieldKind::items, "", std::string(f.schema)};
  return std::nullopt;
}

nlohmann::json field_json(const Record& record, const Field& field) {
  if (field.kind == FieldKind::document) return record.document;
  const std::string& n = field.name;
  if (n == "pages") return record.pages;
  if (n == "words") return record.words;
  if (n == "sections") return record.sections;
  if (n == "sentences") return record.sentences;
  if (n == "mentions") return record.mentions;
  if (n == "codes") return record.codes;
  if (n == "tumors") return record.tumors;
  return nlohmann::json();
}

}  // namespace chartflow::record
