// A dementia code with the severity and the disturbance its sentence states (FY2023+ F01-F03):
// "Alzheimer's dementia, late onset, moderate, with agitation" is G30.1 with F02.B11, not F02.80;
// and one dementia is coded once: an unspecified dementia (F03) beside the dementia of a named
// disease (F01, F02) is that dementia said vaguely.
#include "coder.hpp"

#include "common/words.hpp"

#include <algorithm>
#include <optional>

namespace chartflow::coding {
namespace {

bool is_dementia(const std::string& code) { return code.starts_with("F01.") || code.starts_with("F02.") || code.starts_with("F03."); }

// Whether `word` stands in `sentence` and is not denied before it in its clause ("no agitation";
// "no behavioral or psychotic disturbance, no mood disturbance or anxiety": the denial runs over
// the list to the next comma).
bool states(const std::string& sentence, std::string_view word) {
  const std::size_t at = words::find(sentence, word);
  if (at == std::string::npos) return false;
  std::string_view before = std::string_view(sentence).substr(0, at);
  if (const std::size_t cut = before.find_last_of(",;:("); cut != std::string_view::npos) before.remove_prefix(cut + 1);
  if (const std::size_t with = before.rfind(" with "); with != std::string_view::npos) before.remove_prefix(with + 1);
  return !words::contains(before, "no") && !words::contains(before, "without") && !words::contains(before, "denies");
}

// The severity character (A mild, B moderate, C severe; empty: the sentence says none) and the
// disturbance digits (0 none, 11 agitation, 18 other behavioural, 2 psychotic, 3 mood, 4 anxiety).
std::pair<char, std::string> severity_and_disturbance(const std::string& sentence) {
  char severity = 0;
  if (states(sentence, "mild")) severity = 'A';
  if (states(sentence, "moderate")) severity = severity ? '?' : 'B';
  if (states(sentence, "severe")) severity = severity ? '?' : 'C';
  if (severity == '?') severity = 0;  // "mild to moderate": the sentence settles no one stage
  std::string disturbance = "0";
  if (states(sentence, "agitation") || states(sentence, "agitated")) disturbance = "11";
  else if (states(sentence, "behavioral disturbance") || states(sentence, "behavioural disturbance") || states(sentence, "combative") ||
           states(sentence, "aggressive") || states(sentence, "aggression") || states(sentence, "wandering"))
    disturbance = "18";
  else if (states(sentence, "hallucinations") || states(sentence, "delusions") || states(sentence, "psychotic")) disturbance = "2";
  else if (states(sentence, "depression") || states(sentence, "mood disturbance")) disturbance = "3";
  else if (states(sentence, "anxiety")) disturbance = "4";
  return {severity, disturbance};
}

}  // namespace

// "Mild dementia due to Parkinson's disease": a dementia its sentence gives a cause the index
// lists under "Dementia > in (due to)" or "> with" (G20.A1 [F02.80]) is that disease's
// manifestation, F02 with the same subdivision, when the disease is coded (I.A.13).
void Coder::code_dementia_in_disease(std::vector<ProposedCode>& dx, std::string_view text) const {
  for (auto& c : dx) {
    if (!c.code.starts_with("F03.") || c.evidence.empty()) continue;
    const std::string sentence = words::lower(sentence_around(text, c.evidence.front().begin, c.evidence.front().end));
    if (!words::contains_any(sentence, {"due to", "secondary to", "related to", "caused by", "from"})) continue;
    const auto entry = sets_.icd10cm->index().read_under("Dementia", WordBag(sentence));
    if (!entry || !entry->manifestation.starts_with("F02")) continue;
    const auto cause = std::find_if(dx.begin(), dx.end(), [&](const ProposedCode& e) { return e.code == entry->code; });
    const std::string recoded = "F02" + c.code.substr(3);
    if (cause == dx.end() || !sets_.icd10cm->is_billable(recoded)) continue;
    c.rule += "; due to " + cause->code + " (" + entry->path + "): " + c.code + " is " + recoded + " (the manifestation of it, I.A.13)";
    c.code = recoded, c.display = sets_.icd10cm->find(recoded)->title;
    c.etiology = cause->code;
  }
}

void Coder::code_dementia_detail(std::vector<ProposedCode>& dx, std::string_view text) const {
  if (!sets_.icd10cm) return;
  code_dementia_in_disease(dx, text);
  for (auto& c : dx) {
    if (!is_dementia(c.code) || c.evidence.empty() || text.empty()) continue;
    // Every sentence that names it: "Vascular dementia with agitation" in the assessment and
    // "vascular dementia, moderate, with agitation" in the history are one moderate dementia.
    auto [severity, disturbance] = severity_and_disturbance(words::lower(sentence_around(text, c.evidence.front().begin, c.evidence.front().end)));
    for (std::size_t k = 1; k < c.evidence.size(); ++k) {
      const auto [more_severity, more_disturbance] = severity_and_disturbance(words::lower(sentence_around(text, c.evidence[k].begin, c.evidence[k].end)));
      if (!severity) severity = more_severity;
      if (disturbance == "0") disturbance = more_disturbance;
    }
    // The unspecified-severity subcategory of each category: F01.5-, F02.8-, F03.9-.
    const char unspecified = c.code[2] == '1' ? '5' : c.code[2] == '2' ? '8' : '9';
    // Only ever more said: a severity the code has already stays when the sentence names none.
    const char kept = c.code.size() > 4 && c.code[4] != unspecified ? c.code[4] : unspecified;
    const std::string code = c.code.substr(0, 4) + (severity ? severity : kept) + disturbance;
    if (code == c.code || !sets_.icd10cm->is_billable(code)) continue;
    // ... and so does a disturbance.
    if (disturbance == "0" && c.code.size() > 5 && c.code[5] != '0') continue;
    c.rule += "; " + c.code + " -> " + code + " (severity and disturbance its sentence states)";
    c.code = code, c.display = sets_.icd10cm->find(code)->title;
  }
  // F03 beside F01 or F02: one dementia, its cause named.
  const auto named = std::find_if(dx.begin(), dx.end(), [](const ProposedCode& c) { return c.code.starts_with("F01.") || c.code.starts_with("F02."); });
  if (named == dx.end()) return;
  const std::size_t into = static_cast<std::size_t>(named - dx.begin());
  for (std::size_t i = 0; i < dx.size(); ++i)
    if (dx[i].code.starts_with("F03.")) {
      absorb(dx[into], dx[i]);
      dx[into].rule += "; " + dx[i].code + " (" + dx[i].display + ") is this dementia said without its cause (I.B.2)";
    }
  std::erase_if(dx, [](const ProposedCode& c) { return c.code.starts_with("F03."); });
}

}  // namespace chartflow::coding
