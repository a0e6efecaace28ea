// ICD-O-3 hematopoietic and lymphoid morphologies to the ICD-10-CM code the Alphabetic Index
// gives their type ("Leukemia, chronic lymphocytic, B-cell type" C91.1-; "Myeloma, multiple"
// C90.0-). The fifth and sixth characters say remission and site: a chart that names neither
// gets "not having achieved remission" and "unspecified site", which a coder reads and refines.
// Curated by the chartflow team from ICD-O-3 and the FY2026 index; the commonest types only.
// A lymphoma's site is the lymph node region its sentence or its specimen heading names.
#include "hematopoietic.hpp"

#include "coder.hpp"

#include "common/words.hpp"

#include <array>
#include <charconv>
#include <set>

namespace chartflow::coding {
namespace {

struct Row {
  int from, to;  // ICD-O-3 histology range
  char behavior;
  HematopoieticCode code;
};
constexpr Row kRows[] = {
    {9823, 9823, '3', {"C91.10", "chronic lymphocytic leukemia of B-cell type"}},
    {9863, 9863, '3', {"C92.10", "chronic myeloid leukemia, BCR/ABL-positive"}},
    {9875, 9875, '3', {"C92.10", "chronic myeloid leukemia, BCR/ABL-positive"}},
    {9861, 9861, '3', {"C92.00", "acute myeloblastic leukemia"}},
    {9866, 9866, '3', {"C92.40", "acute promyelocytic leukemia"}},
    {9867, 9867, '3', {"C92.50", "acute myelomonocytic leukemia"}},
    {9811, 9818, '3', {"C91.00", "acute lymphoblastic leukemia"}},
    {9835, 9837, '3', {"C91.00", "acute lymphoblastic leukemia"}},
    {9940, 9940, '3', {"C91.40", "hairy cell leukemia"}},
    {9732, 9732, '3', {"C90.00", "multiple myeloma"}},
    {9731, 9731, '3', {"C90.30", "solitary plasmacytoma"}},
    {9734, 9734, '3', {"C90.20", "extramedullary plasmacytoma"}},
    {9650, 9667, '3', {"C81.90", "Hodgkin lymphoma, unspecified"}},
    {9680, 9680, '3', {"C83.30", "diffuse large B-cell lymphoma, unspecified site"}},
    {9690, 9698, '3', {"C82.90", "follicular lymphoma, unspecified, unspecified site"}},
    {9673, 9673, '3', {"C83.10", "mantle cell lymphoma, unspecified site"}},
    {9687, 9687, '3', {"C83.70", "Burkitt lymphoma, unspecified site"}},
    {9591, 9591, '3', {"C85.90", "non-Hodgkin lymphoma, unspecified, unspecified site"}},
    {9590, 9590, '3', {"C85.90", "lymphoma, unspecified site"}},
    {9950, 9950, '3', {"D45", "polycythemia vera"}},
    {9962, 9962, '3', {"D47.3", "essential thrombocythemia"}},
    {9961, 9961, '3', {"D47.4", "osteomyelofibrosis"}},
    {9975, 9975, '3', {"D47.1", "chronic myeloproliferative disease"}},
    {9980, 9989, '3', {"D46.9", "myelodysplastic syndrome, unspecified"}},
};

}  // namespace

std::optional<HematopoieticCode> hematopoietic_code(std::string_view morphology) {
  // "9823/3": four digits, a slash, the behaviour.
  if (morphology.size() != 6 || morphology[4] != '/') return std::nullopt;
  int histology = 0;
  if (std::from_chars(morphology.data(), morphology.data() + 4, histology).ec != std::errc()) return std::nullopt;
  for (const Row& row : kRows)
    if (histology >= row.from && histology <= row.to && morphology[5] == row.behavior) return row.code;
  return std::nullopt;
}

char lymph_node_site(std::string_view sentence) {
  static constexpr std::pair<char, std::array<std::string_view, 8>> kRegions[] = {
      {'1', {"cervical", "neck", "supraclavicular", "submandibular", "occipital", "preauricular", "postauricular", ""}},
      {'2', {"mediastinal", "hilar", "perihilar", "intrathoracic", "paratracheal", "subcarinal", "", ""}},
      {'3', {"retroperitoneal", "mesenteric", "para-aortic", "paraaortic", "periportal", "peripancreatic", "intra-abdominal", "abdominal"}},
      {'4', {"axillary", "axilla", "epitrochlear", "", "", "", "", ""}},
      {'5', {"inguinal", "groin", "femoral", "popliteal", "", "", "", ""}},
      {'6', {"pelvic", "iliac", "intrapelvic", "", "", "", "", ""}},
      {'7', {"spleen", "splenic", "", "", "", "", "", ""}}};
  if (words::contains(sentence, "multiple sites") || words::contains(sentence, "multiple lymph node regions")) return '8';
  std::set<char> named;
  for (const auto& [site, region_words] : kRegions)
    for (const std::string_view w : region_words)
      if (!w.empty() && words::contains(sentence, w)) named.insert(site);
  if (named.empty()) return '0';
  return named.size() == 1 ? *named.begin() : '8';
}

void Coder::place_lymphoma_by_the_chart(std::vector<ProposedCode>& dx, std::string_view text) const {
  // A pathology report names the node in its specimen heading ("LYMPH NODE, LEFT SUPRACLAVICULAR,
  // EXCISIONAL BIOPSY:"), not in the diagnosis under it: a lymphoma its own sentence left at
  // "unspecified site" takes the region the heading just above its evidence names (C81.10 ->
  // C81.11, head, face and neck).
  if (!sets_.icd10cm) return;
  for (auto& c : dx) {
    if (!(c.code >= "C81" && c.code < "C86") || c.code.size() != 6 || c.code.back() != '0') continue;
    for (const Evidence& e : c.evidence) {
      if (e.begin > text.size()) continue;
      std::string_view before = text.substr(0, e.begin);
      while (!before.empty() && (before.back() == ' ' || before.back() == '-')) before.remove_suffix(1);
      const std::size_t line_start = before.rfind('\n');
      if (line_start == std::string_view::npos) continue;
      // The line above the diagnosis's own line.
      std::string_view above = before.substr(0, line_start);
      while (!above.empty() && (above.back() == '\n' || above.back() == ' ' || above.back() == '\r')) above.remove_suffix(1);
      above = above.substr(above.rfind('\n') == std::string_view::npos ? 0 : above.rfind('\n') + 1);
      const std::string heading = words::lower(above);
      if (!heading.ends_with(":") || !words::contains(heading, "lymph node")) continue;
      const char region = lymph_node_site(heading);
      if (region == '0') continue;
      std::string sited = c.code;
      sited.back() = region;
      if (const CodeInfo* info = sets_.icd10cm->find(sited); info && info->billable) {
        c.rule += "; the specimen heading names the node's region -> " + sited;
        c.code = sited, c.display = std::string(info->title);
      }
      break;
    }
  }
}

}  // namespace chartflow::coding
