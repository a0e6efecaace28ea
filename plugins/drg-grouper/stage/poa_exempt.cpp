#include "poa_exempt.hpp"

#include "table_reader.hpp"

#include <algorithm>
#include <cctype>
#include <string>
#include <unordered_set>

namespace chartflow::drg::stage {
namespace {

// Shaped like an ICD-10-CM code: a letter, two letters or digits, then optionally a dot and one to
// four letters or digits ("Z79.4", "B91", "W19.XXXA"; FY2026's new genetic conditions have a
// letter second: "QA0.0101").
bool icd10cm_shaped(std::string_view code) {
  const auto alnum = [](char c) { return std::isdigit(static_cast<unsigned char>(c)) || (c >= 'A' && c <= 'Z'); };
  if (code.size() < 3 || !(code[0] >= 'A' && code[0] <= 'Z') || !alnum(code[1]) || !alnum(code[2])) return false;
  if (code.size() == 3) return true;
  const std::string_view tail = code.substr(4);
  return code[3] == '.' && !tail.empty() && tail.size() <= 4 && std::all_of(tail.begin(), tail.end(), alnum);
}

}  // namespace

PoaExemptCodes PoaExemptCodes::load(const std::filesystem::path& folder, const std::function<bool(detail::CodeKey)>& keep) {
  detail::TableReader in(detail::table_path(folder, kPoaExemptStem), {"code"});
  PoaExemptCodes out;
  std::unordered_set<detail::CodeKey> read;
  while (in.next()) {
    const std::string_view code = in.field(0);
    if (!icd10cm_shaped(code)) in.fail("not an ICD-10-CM code: '" + std::string(code) + "'");
    const detail::CodeKey key = detail::pack_code(code);
    if (!read.insert(key).second) in.fail("the code " + std::string(code) + " is listed twice");
    if (keep(key)) out.codes_.push_back(key);
  }
  if (read.empty()) in.fail("no code: the POA-exempt list is empty");
  std::sort(out.codes_.begin(), out.codes_.end());
  return out;
}

bool PoaExemptCodes::contains(std::string_view code) const {
  const detail::CodeKey key = detail::pack_code(code);
  return key != detail::kNoCode && std::binary_search(codes_.begin(), codes_.end(), key);
}

}  // namespace chartflow::drg::stage
