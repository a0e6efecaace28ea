// An admission or visit solely for chemotherapy, immunotherapy or radiation therapy (Guidelines
// I.C.2.e.2): the encounter's code (Z51.11, Z51.12, Z51.0) is first-listed or principal, the
// malignancy after it, and a complication the stay treats does not take the lead from it.
#include "coder.hpp"

#include "common/words.hpp"

#include <algorithm>
#include <array>

namespace chartflow::coding {
namespace {

struct Therapy {
  std::string_view word;  // as the chart names it
  const char* code;
  const char* name;
};
constexpr std::array kTherapies{Therapy{"chemotherapy", "Z51.11", "antineoplastic chemotherapy"}, Therapy{"immunotherapy", "Z51.12", "antineoplastic immunotherapy"},
                                Therapy{"radiation therapy", "Z51.0", "antineoplastic radiation therapy"}};

// "Scheduled inpatient consolidation chemotherapy, cycle 2", "admitted for planned chemotherapy",
// "admission for cycle 3 of chemotherapy": the stay is for the therapy itself. A stay for its
// complication ("admitted with neutropenic fever after chemotherapy") says none of these.
bool says_admitted_for(std::string_view sentence, std::string_view therapy) {
  if (!words::contains(sentence, therapy)) return false;
  static constexpr std::string_view kFor[] = {"scheduled", "planned", "elective", "admitted for", "admission for", "admitted electively", "for cycle",
                                              "presents for", "here for"};
  static constexpr std::string_view kNot[] = {"after", "following", "complication", "due to", "induced", "history of", "prior", "previous", "declined",
                                              "deferred", "held", "postponed"};
  const auto any = [&](const auto& list) { return std::any_of(std::begin(list), std::end(list), [&](std::string_view w) { return words::contains(sentence, w); }); };
  return any(kFor) && !any(kNot);
}

}  // namespace

void Coder::add_therapy_encounter(std::vector<ProposedCode>& dx, const std::vector<SentenceInput>& sentences, const ChartCues& cues,
                                  const std::string& view) const {
  if (!sets_.icd10cm) return;
  // Where a chart says what the stay or visit is for: its head, its reason or chief complaint.
  constexpr std::size_t kHead = 400;
  for (const auto& sentence : sentences) {
    const bool says_the_reason = sentence.begin < kHead || sentence.section_category == "chief_complaint" ||
                                 sentence.section_category == "reason_for_admission" || sentence.section_category == "reason_for_consultation";
    if (!says_the_reason || sentence.end > cues.lowered.size()) continue;
    const std::string_view text = std::string_view(cues.lowered).substr(sentence.begin, sentence.end - sentence.begin);
    for (const auto& therapy : kTherapies) {
      if (!says_admitted_for(text, therapy.word) || !sets_.icd10cm->is_billable(therapy.code)) continue;
      if (std::any_of(dx.begin(), dx.end(), [&](const ProposedCode& c) { return c.code == therapy.code; })) return;
      ProposedCode c = stated_code(therapy.code, 0.8,
                                   std::string("an encounter solely for ") + therapy.name + ": its code first, the malignancy after it (I.C.2.e.2)", view,
                                   sentence.begin, sentence.end);
      c.statement_rank = 0, c.statement_offset = 0, c.from_diagnosis_section = true;
      dx.insert(dx.begin(), std::move(c));
      return;
    }
  }
}

}  // namespace chartflow::coding
