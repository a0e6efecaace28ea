// The NAACCR XML v26 base dictionary (item ids, numbers, parent element, length, data type), read
// at start-up from naaccr_v26_items.tsv in the plugin's folder, so every item the export writes is
// checked against it.
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace chartflow::naaccr {

struct NaaccrItem {
  std::string id;
  int number = 0;
  std::string parent;  // NaaccrData, Patient or Tumor
  std::size_t length = 0;
  std::string type;    // text, digits, alpha, mixed, numeric, date, dateTime
  bool left_zero = false;
  std::string record_types;  // "A,M,C,I": the record types that carry the item
};

class NaaccrDictionary {
 public:
  static constexpr const char* kBaseDictionaryUri = "http://naaccr.org/naaccrxml/naaccr-dictionary-260.xml";
  static constexpr const char* kSpecificationVersion = "1.8";
  static constexpr const char* kFileName = "naaccr_v26_items.tsv";

  // Reads the dictionary TSV; throws std::runtime_error naming the file and line when it cannot.
  static NaaccrDictionary load(const std::string& file);

  const NaaccrItem* find(std::string_view id) const;
  std::size_t size() const { return items_.size(); }
  // Checks (and left-zero pads where the dictionary says so) a value for an item; returns what
  // is wrong, or "" when the value may be written.
  std::string check(const NaaccrItem& item, std::string& value) const;

 private:
  std::map<std::string, NaaccrItem, std::less<>> items_;
};

}  // namespace chartflow::naaccr
