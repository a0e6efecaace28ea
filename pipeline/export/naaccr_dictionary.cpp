#include "naaccr_dictionary.hpp"

#include <algorithm>
#include <cctype>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace chartflow::exporting {
namespace embedded {
const std::vector<std::pair<std::string_view, std::string_view>>& embedded_files();
}

namespace {

bool all_of(const std::string& s, int (*pred)(int)) {
  return std::all_of(s.begin(), s.end(), [&](char c) { return pred(static_cast<unsigned char>(c)) != 0; });
}

bool is_date(const std::string& v) {
  if (v.size() != 4 && v.size() != 6 && v.size() != 8) return false;
  if (!all_of(v, isdigit) || (v.compare(0, 2, "18") != 0 && v.compare(0, 2, "19") != 0 && v.compare(0, 2, "20") != 0)) return false;
  if (v.size() >= 6) {
    const int month = std::stoi(v.substr(4, 2));
    if (month < 1 || month > 12) return false;
  }
  if (v.size() == 8) {
    const int day = std::stoi(v.substr(6, 2));
    if (day < 1 || day > 31) return false;
  }
  return true;
}

}  // namespace

const NaaccrDictionary& NaaccrDictionary::v26() {
  static const NaaccrDictionary dictionary = [] {
    NaaccrDictionary d;
    std::string_view text;
    for (const auto& [name, bytes] : embedded::embedded_files())
      if (name == "naaccr_v26_items.tsv") text = bytes;
    if (text.empty()) throw std::logic_error("the NAACCR v26 dictionary is not compiled in");
    std::istringstream in{std::string(text)};
    for (std::string line; std::getline(in, line);) {
      if (line.empty() || line[0] == '#' || line.starts_with("naaccrId\t")) continue;
      std::vector<std::string> f;
      std::stringstream row(line);
      for (std::string cell; std::getline(row, cell, '\t');) f.push_back(cell);
      if (f.size() < 7) continue;
      d.items_[f[0]] = NaaccrItem{f[0], std::stoi(f[1]), f[3], static_cast<std::size_t>(std::stoul(f[4])), f[5], f[6] == "leftZero",
                                 f.size() > 7 ? f[7] : "A,M,C,I"};
    }
    return d;
  }();
  return dictionary;
}

const NaaccrItem* NaaccrDictionary::find(std::string_view id) const {
  auto it = items_.find(id);
  return it == items_.end() ? nullptr : &it->second;
}

std::string NaaccrDictionary::check(const NaaccrItem& item, std::string& value) const {
  if (value.empty()) return "empty value";
  if (item.left_zero && value.size() < item.length && all_of(value, isdigit)) value.insert(0, item.length - value.size(), '0');
  if (value.size() > item.length) return "longer than the item's " + std::to_string(item.length) + " characters";
  if (item.type == "digits" && (!all_of(value, isdigit) || value.size() != item.length)) return "not " + std::to_string(item.length) + " digits";
  if (item.type == "alpha" && (!all_of(value, isupper) || value.size() != item.length)) return "not " + std::to_string(item.length) + " capital letters";
  if (item.type == "mixed" && (!std::all_of(value.begin(), value.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)) || std::isupper(static_cast<unsigned char>(c)); }) || value.size() != item.length))
    return "not " + std::to_string(item.length) + " capital letters or digits";
  if (item.type == "numeric" && (value.empty() || !std::isdigit(static_cast<unsigned char>(value[0])))) return "not a number";
  if (item.type == "date" && !is_date(value)) return "not a YYYY, YYYYMM or YYYYMMDD date";
  for (char c : value)
    if (static_cast<unsigned char>(c) < 0x20) return "contains a control character";
  return {};
}

}  // namespace chartflow::exporting
