// Codes for what an office visit was for rather than what the patient has: a routine
// examination with or without abnormal findings (Z00.0-, Z00.12-, I.C.21.c.13) and vaccines
// given at the visit (Z23, I.C.21.c.2).
#include "coder.hpp"

#include "common/words.hpp"

#include <algorithm>

namespace chartflow::coding {
namespace {

// Whether the sentence says the examination found something abnormal ("well child check with
// abnormal finding"), not that it found nothing ("without abnormal findings", "no abnormal
// findings").
bool says_abnormal_findings(std::string_view sentence) {
  const std::string text = words::lower(sentence);
  for (std::size_t at = text.find("abnormal finding"); at != std::string::npos; at = text.find("abnormal finding", at + 1)) {
    const std::string_view before = std::string_view(text).substr(0, at);
    if (!before.ends_with("without ") && !before.ends_with("no ") && !before.ends_with("normal, no ")) return true;
  }
  return false;
}

// "vaccines administered today", "influenza vaccine given", "Tdap given": a vaccine word and a
// word saying it was given at this visit, in one sentence that neither declines nor defers it.
bool says_vaccine_given(std::string_view sentence) {
  static constexpr std::string_view kVaccine[] = {"vaccine", "vaccines", "vaccination", "vaccinations", "immunization", "immunizations",
                                                  "flu shot", "tdap", "dtap", "td booster", "mmr", "ipv", "hpv vaccine", "pneumococcal vaccine",
                                                  "prevnar", "pneumovax", "shingrix", "hepatitis b vaccine", "covid-19 vaccine"};
  static constexpr std::string_view kGiven[] = {"administered", "given", "received today", "was vaccinated", "were given", "updated today"};
  static constexpr std::string_view kNot[] = {"declined", "refused", "deferred", "not given", "will return", "due", "not administered",
                                              "next visit", "last", "ago", "previously", "prior", "history"};
  const std::string_view text = sentence;  // lower case already
  const auto any = [&](const auto& list) { return std::any_of(std::begin(list), std::end(list), [&](std::string_view w) { return words::contains(text, w); }); };
  return any(kVaccine) && any(kGiven) && !any(kNot);
}

}  // namespace

void Coder::code_examination_findings(std::vector<ProposedCode>& codes, const std::vector<MentionInput>& mentions) const {
  if (!sets_.icd10cm) return;
  // One examination, one code: when any statement of it says it found something abnormal, every
  // "without abnormal findings" reading of it becomes the sibling "with" (Z00.129 -> Z00.121).
  const bool found = std::any_of(codes.begin(), codes.end(), [&](const ProposedCode& c) {
    return is_examination_code(c.code) && std::any_of(mentions.begin(), mentions.end(), [&](const MentionInput& m) {
             return std::find(c.mention_ids.begin(), c.mention_ids.end(), m.id) != c.mention_ids.end() && says_abnormal_findings(m.context);
           });
  });
  if (!found) return;
  for (auto& c : codes) {
    if (!is_examination_code(c.code)) continue;
    const CodeInfo* info = sets_.icd10cm->find(c.code);
    if (!info || std::string_view(info->title).find("without abnormal findings") == std::string_view::npos) continue;
    std::string wanted(info->title);
    wanted.replace(wanted.find("without abnormal findings"), 7, "with");
    const std::string parent = c.code.substr(0, c.code.size() - 1);
    for (const auto& sibling : sets_.icd10cm->children(parent))
      if (const CodeInfo* s = sets_.icd10cm->find(sibling); s && s->title == wanted && sets_.icd10cm->is_billable(sibling)) {
        c.rule += "; the chart states abnormal findings: " + c.code + " -> " + sibling + " (I.C.21.c.13)";
        c.code = sibling, c.display = wanted;
        break;
      }
  }
  // Readings that now name one code are one code with all their evidence.
  for (std::size_t i = 0; i < codes.size(); ++i)
    for (std::size_t j = i + 1; j < codes.size();)
      if (is_examination_code(codes[i].code) && codes[j].code == codes[i].code) {
        absorb(codes[i], codes[j]);
        codes.erase(codes.begin() + static_cast<std::ptrdiff_t>(j));
      } else {
        ++j;
      }
}

void Coder::add_immunization(std::vector<ProposedCode>& codes, const std::vector<SentenceInput>& sentences, std::string_view text,
                             const ChartCues& cues, const std::string& view) const {
  if (!sets_.icd10cm || !sets_.icd10cm->is_billable("Z23") || std::any_of(codes.begin(), codes.end(), [](const ProposedCode& c) { return c.code == "Z23"; }))
    return;
  if (!cues.names_vaccine) return;  // most charts name no vaccine at all
  for (const auto& sentence : sentences) {
    if (!states_this_encounter(sentence, text)) continue;  // a history or list says what was given before
    if (!says_vaccine_given(std::string_view(cues.lowered).substr(sentence.begin, sentence.end - sentence.begin))) continue;
    codes.push_back(stated_code("Z23", 0.85, "a vaccine given at this visit: encounter for immunization (I.C.21.c.2), after the visit's reason", view,
                                sentence.begin, sentence.end));
    return;
  }
}

}  // namespace chartflow::coding
