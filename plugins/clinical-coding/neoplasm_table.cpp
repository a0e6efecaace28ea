#include "neoplasm_table.hpp"

#include <chartflow/tsv.hpp>

#include <stdexcept>

namespace chartflow::coding {

std::string_view to_string(NeoplasmColumn column) {
  switch (column) {
    case NeoplasmColumn::malignant_primary: return "malignant primary";
    case NeoplasmColumn::malignant_secondary: return "malignant secondary";
    case NeoplasmColumn::in_situ: return "in situ";
    case NeoplasmColumn::benign: return "benign";
    case NeoplasmColumn::uncertain: return "uncertain behavior";
    case NeoplasmColumn::unspecified: return "unspecified behavior";
  }
  return "unknown";
}

namespace {

// ICD-O-3 morphologies the index sends to the Table ("see Neoplasm, malignant, by site"):
// carcinomas and adenocarcinomas, soft-tissue and bone sarcomas. The rest have codes of their own.
bool table_morphology(int morphology) {
  if (morphology >= 8240 && morphology <= 8249) return false;  // carcinoid, neuroendocrine: C7A
  return (morphology >= 8000 && morphology <= 8589) || (morphology >= 8800 && morphology <= 8935) ||
         (morphology >= 9180 && morphology <= 9249);
}

}  // namespace

std::optional<NeoplasmColumn> table_column_of(std::string_view system, std::string_view code) {
  if (system == "ICD-10-CM") {
    if (code == "C80.1") return NeoplasmColumn::malignant_primary;
    if (code == "C79.9") return NeoplasmColumn::malignant_secondary;
    if (code == "D09.9") return NeoplasmColumn::in_situ;
    if (code == "D36.9") return NeoplasmColumn::benign;
    if (code == "D48.9") return NeoplasmColumn::uncertain;
    if (code == "D49.9") return NeoplasmColumn::unspecified;
    return std::nullopt;
  }
  if (system != "ICD-O-3" || code.size() != 6 || code[4] != '/') return std::nullopt;
  int morphology = 0;
  for (std::size_t i = 0; i < 4; ++i) {
    if (code[i] < '0' || code[i] > '9') return std::nullopt;
    morphology = morphology * 10 + (code[i] - '0');
  }
  // A meningioma is the meninges' by its name ("Meningioma - see Neoplasm, meninges, benign"; an
  // atypical one uncertain, a malignant one malignant): the Table's meninges rows.
  if (morphology >= 9530 && morphology <= 9539) {
    if (code[5] == '0') return NeoplasmColumn::benign;
    if (code[5] == '1') return NeoplasmColumn::uncertain;
    if (code[5] == '3') return NeoplasmColumn::malignant_primary;
    return std::nullopt;
  }
  if (!table_morphology(morphology)) return std::nullopt;
  switch (code[5]) {
    case '3': return NeoplasmColumn::malignant_primary;
    case '6': return NeoplasmColumn::malignant_secondary;
    case '2': return NeoplasmColumn::in_situ;
    // Benign and uncertain tumours mostly have index entries of their own; the colon's adenomas
    // ("Adenoma, tubular - see also Neoplasm, benign, by site") go to the Table.
    case '0': return morphology == 8211 || morphology == 8213 || morphology == 8261 || morphology == 8263 ? std::optional(NeoplasmColumn::benign)
                                                                                                            : std::nullopt;
    default: return std::nullopt;
  }
}

void NeoplasmTable::load(const std::string& file) {
  for (std::size_t c = 0; c < columns_.size(); ++c) {
    IndexTree::Columns layout;
    layout.code = c + 1, layout.see = columns_.size() + 1, layout.see_also = columns_.size() + 2, layout.what = "ICD-10-CM neoplasm table", layout.header = "site_path";
    layout.manifestation = IndexTree::Columns::kAbsent;
    layout.main_term_see_also = IndexTree::Columns::kAbsent;
    layout.first_spelling_wins = true;
    columns_[c].load(file, layout);
  }
  sdk::read_tsv(file, "ICD-10-CM neoplasm table", [&](const std::vector<std::string>& f, const std::string& where) {
    if (f.size() > 3 && f[1].size() >= 3 && f[3].size() >= 3) in_situ_with_primary_.emplace(f[3].substr(0, 3), f[1].substr(0, 3));
    if (f.empty() || f[0].find(" > ") != std::string::npos || !roots_[0].empty()) return;
    if (f.size() < columns_.size() + 1) throw std::runtime_error(where + ": the main entry needs a code in each of the six columns");
    for (std::size_t c = 0; c < roots_.size(); ++c) roots_[c] = f[c + 1];
  }, "site_path");
  if (roots_[0].empty()) throw std::runtime_error(file + ": no main entry (\"Neoplasm, neoplastic\" with its six codes)");
}

bool NeoplasmTable::same_site(std::string_view in_situ, std::string_view primary) const {
  return in_situ_with_primary_.contains(std::pair{std::string(in_situ.substr(0, 3)), std::string(primary.substr(0, 3))});
}

std::optional<IndexTree::Navigation> NeoplasmTable::read(NeoplasmColumn column, const WordBag& site_words) const {
  const auto c = static_cast<std::size_t>(column);
  if (roots_[c].empty()) return std::nullopt;
  static const WordBag kMainEntry("neoplasm neoplastic");
  auto found = columns_[c].read(roots_[c], kMainEntry, site_words);
  if (!found || !found->deeper || found->depth == 0) return std::nullopt;
  return found;
}

}  // namespace chartflow::coding
