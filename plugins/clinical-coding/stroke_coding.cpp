// A cerebral infarction coded with the artery and mechanism the chart names (I63.3-I63.5): "acute
// ischemic stroke, left MCA territory, cardioembolic (embolism of the left middle cerebral artery)"
// is I63.412, not I63.9 beside the occlusion I66.02. I66's Excludes1 sends an occlusion that
// caused the infarction to I63.3-I63.5, and the index reads the infarction through the artery
// ("Infarction, cerebral, due to embolism, middle cerebral artery").
#include "coder.hpp"

#include "common/words.hpp"

#include <algorithm>
#include <unordered_map>

namespace chartflow::coding {
namespace {

// I66.0 middle, I66.1 anterior, I66.2 posterior, I66.3 cerebellar: the 5th character of I63.3-5;
// other and unspecified arteries have no side.
std::optional<std::string> artery_and_side(const std::string& occlusion) {
  if (occlusion.size() < 5 || !occlusion.starts_with("I66.")) return std::nullopt;
  const char artery = occlusion[4];
  if (artery >= '0' && artery <= '3') {
    if (occlusion.size() < 6) return std::nullopt;
    return std::string(1, static_cast<char>(artery + 1)) + occlusion[5];
  }
  if (artery == '8') return std::string("9");
  if (artery == '9') return std::string("0");
  return std::nullopt;
}

// The artery and side a stroke's own sentence names ("left MCA territory", "right posterior
// cerebral artery"), as the 5th and 6th characters of I63.3-I63.5; nullopt when it names none,
// or more than one.
std::optional<std::string> artery_from_words(const std::string& said) {
  static constexpr std::pair<std::string_view, char> kArteries[] = {
      {"mca", '1'}, {"middle cerebral", '1'}, {"aca", '2'}, {"anterior cerebral", '2'}, {"pca", '3'}, {"posterior cerebral", '3'}, {"cerebellar", '4'}};
  char artery = 0;
  for (const auto& [words_of_artery, digit] : kArteries)
    if (words::contains(said, words_of_artery)) {
      if (artery && artery != digit) return std::nullopt;
      artery = digit;
    }
  if (!artery) return std::nullopt;
  const bool left = words::contains(said, "left"), right = words::contains(said, "right");
  const char side = left && right ? '3' : left ? '2' : right ? '1' : '9';
  return std::string(1, artery) + side;
}

}  // namespace

void Coder::code_infarction_by_words(std::vector<ProposedCode>& codes, const std::vector<MentionInput>& mentions) const {
  // "Acute ischemic stroke, left MCA territory, cardioembolic": the infarction's own sentence
  // names the artery and the mechanism (Infarction, cerebral, due to embolism, middle cerebral
  // artery: I63.412). Only a stated mechanism leads there: a territory alone is no occlusion.
  const auto infarct = std::find_if(codes.begin(), codes.end(), [](const ProposedCode& c) { return c.code == "I63.9"; });
  if (infarct == codes.end() || !sets_.icd10cm) return;
  std::unordered_map<std::string_view, const MentionInput*> by_id;
  for (const auto& m : mentions) by_id.emplace(m.id, &m);
  for (const auto& id : infarct->mention_ids) {
    const auto it = by_id.find(id);
    if (it == by_id.end()) continue;
    const std::string said = words::lower(it->second->context);
    const char mechanism = said.find("embol") != std::string::npos ? '4' : said.find("thromb") != std::string::npos ? '3' : 0;
    const auto artery = mechanism ? artery_from_words(said) : std::nullopt;
    if (!artery) continue;
    const std::string code = std::string("I63.") + mechanism + *artery;
    if (!sets_.icd10cm->is_billable(code)) continue;
    infarct->rule += "; the artery and mechanism its sentence names -> " + code;
    infarct->code = code, infarct->display = sets_.icd10cm->find(code)->title;
    return;
  }
}

void Coder::code_infarction_by_artery(std::vector<ProposedCode>& codes, const std::vector<MentionInput>& mentions) const {
  const auto infarct = std::find_if(codes.begin(), codes.end(), [](const ProposedCode& c) { return c.code == "I63.9"; });
  const auto occlusion = std::find_if(codes.begin(), codes.end(), [](const ProposedCode& c) { return c.code.starts_with("I66."); });
  if (infarct == codes.end() || occlusion == codes.end() || !sets_.icd10cm) return;
  const auto artery = artery_and_side(occlusion->code);
  if (!artery) return;
  // The mechanism from the sentences of both: embolic, thrombotic, or an occlusion of either.
  std::unordered_map<std::string_view, const MentionInput*> by_id;
  for (const auto& m : mentions) by_id.emplace(m.id, &m);
  std::string said;
  for (const auto* c : {&*infarct, &*occlusion})
    for (const auto& id : c->mention_ids)
      if (const auto it = by_id.find(id); it != by_id.end()) said += words::lower(it->second->context) + " ";
  const char mechanism = said.find("embol") != std::string::npos ? '4' : said.find("thromb") != std::string::npos ? '3' : '5';
  const std::string code = std::string("I63.") + mechanism + *artery;
  if (!sets_.icd10cm->is_billable(code)) return;
  ProposedCode combined = *infarct;
  combined.code = code;
  combined.display = sets_.icd10cm->find(code)->title;
  combined.rule += "; with " + occlusion->code + " (" + occlusion->display + "): the infarction by its artery and mechanism -> " + code +
                   " (I66 Excludes1: occlusion causing cerebral infarction, I63.3-I63.5)";
  absorb(combined, *occlusion);
  *infarct = std::move(combined);
  codes.erase(occlusion);
}

void Coder::add_nihss_score(std::vector<ProposedCode>& codes, std::string_view text, const std::string& view) const {
  // I.C.18.i: the NIH stroke scale score may be reported with the cerebral infarction it
  // describes, sequenced after it; the first score the chart states is the initial one. The
  // scale's name alone ("NIHSS" read as R29.7-, its residual R29.709) is no score.
  std::erase_if(codes, [](const ProposedCode& c) { return c.code.starts_with("R29.7"); });  // before the stated score is added
  if (text.empty() || !sets_.icd10cm ||
      std::none_of(codes.begin(), codes.end(), [](const ProposedCode& c) { return c.code.starts_with("I63"); }))
    return;
  const std::size_t at = text.find("NIHSS");
  if (at == std::string_view::npos) return;
  std::size_t i = at + 5;
  const std::size_t stop = std::min(text.size(), i + 24);
  while (i < stop && !(text[i] >= '0' && text[i] <= '9')) {
    if (text[i] == '.' || text[i] == ';' || text[i] == '\n') return;  // the score is not in this clause
    ++i;
  }
  std::size_t end = i;
  while (end < text.size() && end < i + 2 && text[end] >= '0' && text[end] <= '9') ++end;
  if (end == i || (end < text.size() && text[end] >= '0' && text[end] <= '9')) return;
  const int score = std::stoi(std::string(text.substr(i, end - i)));
  if (score > 42) return;
  const std::string code = std::string("R29.7") + (score < 10 ? "0" : "") + std::to_string(score);
  if (!sets_.icd10cm->is_billable(code) || std::any_of(codes.begin(), codes.end(), [&](const ProposedCode& c) { return c.code == code; })) return;
  codes.push_back(stated_code(code, 0.85, "NIHSS score " + std::to_string(score) + " stated with the cerebral infarction (I.C.18.i), the first score the chart gives",
                              view, at, end));
}

}  // namespace chartflow::coding
