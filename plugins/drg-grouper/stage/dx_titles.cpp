#include "dx_titles.hpp"

#include <chartflow/tsv.hpp>

#include <nlohmann/json.hpp>

#include <fstream>

namespace chartflow::drg::stage {

DxTitles DxTitles::load(const std::filesystem::path& file, const std::function<bool(std::string_view, std::string_view)>& keep) {
  DxTitles out;
  sdk::read_tsv(
      file.string(), "ICD-10-CM titles",
      [&](const std::vector<std::string>& fields, const std::string&) {
        if (fields.size() < 2 || fields.back().empty()) return;
        const detail::CodeKey key = detail::pack_code(fields.front());
        if (key == detail::kNoCode || !keep(detail::unpack_code(key), fields.back())) return;
        out.titles_.emplace(key, fields.back());
      },
      "code");
  return out;
}

std::string_view DxTitles::title(std::string_view code) const {
  const auto it = titles_.find(detail::pack_code(code));
  return it == titles_.end() ? std::string_view() : std::string_view(it->second);
}

std::optional<std::filesystem::path> clinical_coding_titles(const std::filesystem::path& plugin_dir) {
  auto dir = plugin_dir;
  if (!dir.has_filename()) dir = dir.parent_path();  // "plugins/drg-grouper/"
  const auto codesets = dir.parent_path() / "clinical-coding" / "codesets";
  std::ifstream in(codesets / "codesets.json");
  if (!in) return std::nullopt;
  const auto catalog = nlohmann::json::parse(in, nullptr, false);
  if (catalog.is_discarded() || !catalog.contains("code_sets") || !catalog["code_sets"].is_array()) return std::nullopt;
  std::string newest_from, codes;
  for (const auto& set : catalog["code_sets"]) {
    if (!set.is_object() || set.value("system", "") != "ICD-10-CM") continue;
    const std::string from = set.value("effective_from", "");  // YYYY-MM-DD: compares as text
    if (codes.empty() || from > newest_from) newest_from = from, codes = set.value("codes", "");
  }
  if (codes.empty() || !std::filesystem::is_regular_file(codesets / codes)) return std::nullopt;
  return codesets / codes;
}

}  // namespace chartflow::drg::stage
