#include "naaccr_dictionary.hpp"

#include <chartflow/tsv.hpp>

#include <algorithm>
#include <cctype>
#include <stdexcept>
#include <vector>

namespace chartflow::naaccr {
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

NaaccrDictionary NaaccrDictionary::load(const std::string& file) {
  NaaccrDictionary d;
  sdk::read_tsv(file, "NAACCR v26 dictionary", [&](const std::vector<std::string>& f, const std::string& where) {
    if (f.size() < 7) return;
    try {
      // A missing or empty recordTypes column means the item is in every record type.
      const std::string types = f.size() > 7 && !f[7].empty() ? f[7] : "A,M,C,I";
      d.items_[f[0]] = NaaccrItem{f[0], std::stoi(f[1]), f[3], static_cast<std::size_t>(std::stoul(f[4])), f[5], f[6] == "leftZero", types};
    } catch (const std::logic_error&) {
      throw std::runtime_error(where + ": the item number or length is not a number");
    }
  }, "naaccrId");
  if (d.items_.empty()) throw std::runtime_error(file + ": no NAACCR items in the dictionary");
  return d;
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
  const auto digit_or_capital = [](char c) { return std::isdigit(static_cast<unsigned char>(c)) || std::isupper(static_cast<unsigned char>(c)); };
  if (item.type == "mixed" && (!std::all_of(value.begin(), value.end(), digit_or_capital) || value.size() != item.length))
    return "not " + std::to_string(item.length) + " capital letters or digits";
  if (item.type == "numeric" && (value.empty() || !std::isdigit(static_cast<unsigned char>(value[0])))) return "not a number";
  if (item.type == "date" && !is_date(value)) return "not a YYYY, YYYYMM or YYYYMMDD date";
  for (char c : value)
    if (static_cast<unsigned char>(c) < 0x20) return "contains a control character";
  return {};
}

}  // namespace chartflow::naaccr
