// The ICD-10-CM Neoplasm Table: a site's code for each behaviour. The index sends most tumour
// words there ("Adenocarcinoma - see also Neoplasm, malignant, by site"); a coder reads the
// site's row in the column the tumour's behaviour names.
#pragma once

#include "index_tree.hpp"

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <set>
#include <utility>

namespace chartflow::coding {

enum class NeoplasmColumn { malignant_primary, malignant_secondary, in_situ, benign, uncertain, unspecified };

std::string_view to_string(NeoplasmColumn column);

// The column a mention's concept names: an ICD-O-3 morphology by its behaviour digit ("8140/3"
// primary, "/6" secondary, "/2" in situ), a Table code that says no site (C80.1, C79.9, D09.9,
// D36.9, D48.9, D49.9) by its column. nullopt for other codes, and for morphologies the index
// codes apart from the Table (lymphomas and leukaemias, melanoma, mesothelioma, Kaposi sarcoma,
// neuroendocrine tumours, GIST, benign tumours).
std::optional<NeoplasmColumn> table_column_of(std::string_view system, std::string_view code);

class NeoplasmTable {
 public:
  // neoplasm.tsv: site_path, a code per column in NeoplasmColumn order, see, see_also; a header
  // row. Throws std::runtime_error naming the file and line.
  void load(const std::string& file);
  bool empty() const { return roots_[0].empty(); }

  // The row `site_words` reach in `column` below the Table's main entry; nullopt when they name
  // no site of it.
  std::optional<IndexTree::Navigation> read(NeoplasmColumn column, const WordBag& site_words) const;
  // Whether some site's row has `in_situ` (a category: "D05") as its in-situ code and `primary`
  // ("C50") as its malignant primary one: the invasive tumour of that site includes its in-situ part.
  bool same_site(std::string_view in_situ, std::string_view primary) const;

 private:
  std::array<IndexTree, 6> columns_;
  std::array<std::string, 6> roots_;  // each column's code for "Neoplasm, neoplastic" (no site)
  std::set<std::pair<std::string, std::string>, std::less<>> in_situ_with_primary_;  // ("D05", "C50"), from the rows
};

}  // namespace chartflow::coding
