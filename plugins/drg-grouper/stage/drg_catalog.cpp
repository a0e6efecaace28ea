#include "drg_catalog.hpp"

#include "table_reader.hpp"

#include <algorithm>
#include <map>

namespace chartflow::drg::stage {
namespace {

using detail::TableReader;

std::uint16_t version_at(const TableReader& in, std::size_t column) {
  const int v = in.integer(column);
  if (v > 0xFFFF) in.fail("version out of range");
  return static_cast<std::uint16_t>(v);
}

DxLevel level_of(const TableReader& in, std::size_t column) {
  const std::string_view level = in.field(column);
  if (level == "MCC") return DxLevel::mcc;
  if (level == "CC") return DxLevel::cc;
  if (level == "NCC" || level.empty()) return DxLevel::non_cc;
  in.fail("unknown severity '" + std::string(level) + "'");
}

// Bits of a packed code below its first `length` characters: [key, key | tail] holds every code
// that starts with the same `length` characters.
detail::CodeKey tail_mask(std::size_t length) { return length >= 8 ? 0 : (detail::CodeKey{1} << (8 * (8 - length))) - 1; }

}  // namespace

std::string_view to_string(DxLevel level) {
  switch (level) {
    case DxLevel::cc: return "CC";
    case DxLevel::mcc: return "MCC";
    case DxLevel::non_cc: break;
  }
  return "NON_CC";
}

DrgCatalog::DrgCatalog(const std::filesystem::path& data_folder) {
  const auto folder = data_folder / "msdrg";
  const auto read_titles = [&](std::string_view stem, std::string_view key, std::vector<Titled>& out) {
    TableReader in(detail::table_path(folder, stem), {key, "version_start", "version_end", "description"});
    while (in.next()) out.push_back({in.integer(0), version_at(in, 1), version_at(in, 2), std::string(in.field(3))});
    std::stable_sort(out.begin(), out.end(), [](const Titled& a, const Titled& b) { return a.number < b.number; });
  };
  read_titles("drg_descriptions", "drg", drg_titles_);
  read_titles("mdc_descriptions", "mdc", mdc_titles_);

  TableReader in(detail::table_path(folder, "dx_codes"),
                 {"code", "version_start", "version_end", "valid", "mdc", "severity", "dx_attributes", "dxcat_attributes",
                  "hac_attributes", "pdx_exclusion_group", "male_mdc", "female_mdc", "hac_operands"});
  std::map<std::string, std::uint32_t, std::less<>> categories;
  while (in.next()) {
    DxRow row;
    row.key = detail::pack_code(in.field(0));
    if (row.key == detail::kNoCode) in.fail("bad code '" + std::string(in.field(0)) + "'");
    row.first = version_at(in, 1);
    row.last = version_at(in, 2);
    row.level = level_of(in, 5);
    row.hac = !in.field(8).empty() || !in.field(12).empty();
    // A few codes sit in two medical categories; the first is the one their MDC's DRGs list.
    if (const auto words = in.words(7); !words.empty())
      row.category = categories.try_emplace(std::string(words.front()), static_cast<std::uint32_t>(categories.size() + 1)).first->second;
    dx_.push_back(row);
  }
  std::stable_sort(dx_.begin(), dx_.end(), [](const DxRow& a, const DxRow& b) { return a.key < b.key; });
  for (std::uint32_t i = 0; i < dx_.size(); ++i)
    if (dx_[i].level != DxLevel::non_cc && dx_[i].category != 0) severe_by_category_[dx_[i].category].push_back(i);
}

std::string_view DrgCatalog::title_of(const std::vector<Titled>& titles, int number, int version) {
  auto it = std::lower_bound(titles.begin(), titles.end(), number, [](const Titled& t, int n) { return t.number < n; });
  for (; it != titles.end() && it->number == number; ++it)
    if (version >= it->first && version <= it->last) return it->title;
  return {};
}

std::string_view DrgCatalog::drg_title(int drg, int version) const { return title_of(drg_titles_, drg, version); }
std::string_view DrgCatalog::mdc_title(int mdc, int version) const { return title_of(mdc_titles_, mdc, version); }

const DxRow* DrgCatalog::find(std::string_view code, int version) const {
  const detail::CodeKey key = detail::pack_code(code);
  if (key == detail::kNoCode) return nullptr;
  auto it = std::lower_bound(dx_.begin(), dx_.end(), key, [](const DxRow& r, detail::CodeKey k) { return r.key < k; });
  for (; it != dx_.end() && it->key == key; ++it)
    if (it->covers(version)) return &*it;
  return nullptr;
}

std::vector<const DxRow*> DrgCatalog::with_prefix(std::string_view prefix, int version) const {
  std::vector<const DxRow*> out;
  const detail::CodeKey low = detail::pack_code(prefix);
  if (low == detail::kNoCode) return out;
  const detail::CodeKey high = low | tail_mask(prefix.size());
  auto it = std::lower_bound(dx_.begin(), dx_.end(), low, [](const DxRow& r, detail::CodeKey k) { return r.key < k; });
  for (; it != dx_.end() && it->key <= high; ++it)
    if (it->covers(version)) out.push_back(&*it);
  return out;
}

std::vector<const DxRow*> DrgCatalog::severe_in_category(std::uint32_t category) const {
  std::vector<const DxRow*> out;
  if (const auto it = severe_by_category_.find(category); it != severe_by_category_.end())
    for (const std::uint32_t i : it->second) out.push_back(&dx_[i]);
  return out;
}

}  // namespace chartflow::drg::stage
