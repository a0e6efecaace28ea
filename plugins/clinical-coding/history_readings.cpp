#include "history_readings.hpp"

#include "common/words.hpp"

#include <algorithm>
#include <span>
#include <string>

namespace chartflow::coding {
using words::says_any;

// Personal (Z86, Z87) and family (Z80-Z84) history: coded only when it bears on this encounter.
bool is_optional_history(std::string_view code) {
  return code.starts_with("Z8") && code.size() >= 3 && (code[2] <= '4' || code[2] == '6' || code[2] == '7');
}

// Z86.010- by the kind of polyp the sentence names (FY2024): adenomatous or serrated (tubular,
// villous, sessile serrated), hyperplastic, or not said.
std::string colon_polyp_history(std::string_view sentence) {
  static constexpr std::string_view kAdenomatous[] = {"adenoma", "adenomas", "adenomatous", "serrated", "tubular", "tubulovillous", "villous"};
  if (says_any(sentence, kAdenomatous)) return "Z86.0101";
  static constexpr std::string_view kHyperplastic[] = {"hyperplastic"};
  return says_any(sentence, kHyperplastic) ? "Z86.0102" : "Z86.0100";
}

// Words that tie a history to this encounter: the screening or surveillance it prompts, the risk
// it raises ("screening colonoscopy ... family history of colon cancer").
bool ties_history_to_encounter(std::string_view sentence) {
  static constexpr std::string_view kReasons[] = {"screening", "surveillance", "high risk", "high-risk", "increased risk", "elevated risk",
                                                  "genetics referral", "referral to genetics", "refer to genetics", "lynch evaluation"};
  return says_any(sentence, kReasons);
}

// The clause after a condition says it is being treated: "on lisinopril", "controlled with diet",
// "takes metformin", "managed by cardiology".
bool treatment_goes_on(const MentionInput& m) {
  std::string_view after = m.after.substr(0, std::min<std::size_t>(m.after.size(), 48));
  if (const auto end = after.find_first_of(";.("); end != std::string_view::npos) after = after.substr(0, end);
  static constexpr std::string_view kTreated[] = {"on", "controlled", "treated", "managed", "takes", "taking", "maintained", "requiring", "requires"};
  return says_any(after, kTreated);
}

// The clause after a chronic condition of the history says it lies dormant and untreated: "gout -
// no flare in 3 years, no meds". It affects no care of this encounter (Section III, IV.I).
bool lies_dormant(const MentionInput& m) {
  std::string_view after = m.after.substr(0, std::min<std::size_t>(m.after.size(), 64));
  // (A parenthesis right after the condition is about it: "Benign essential tremor (untreated)".)
  if (const auto first = after.find_first_not_of(' '); first != std::string_view::npos && after[first] == '(') after.remove_prefix(first + 1);
  if (const auto end = after.find_first_of(";.()"); end != std::string_view::npos) after = after.substr(0, end);
  static constexpr std::string_view kDormant[] = {"no meds", "no medications", "no medication", "no treatment", "untreated", "not treated",
                                                  "off treatment", "no flare", "no flares", "no active disease", "none since", "no recent symptoms",
                                                  "no symptoms since"};
  return says_any(after, kDormant) && !treatment_goes_on(m);
}

// A past condition the chart says a treatment ended: "hypothyroidism after radioactive iodine
// for Graves disease years ago" has no hyperthyroidism left to code, "ESRD s/p kidney transplant"
// no end-stage renal disease (the allograft's CKD is coded by its own stage, I.C.14.a.2).
bool ended_by_treatment(const MentionInput& m) {
  const std::string before = words::lower(m.before.substr(m.before.size() > 48 ? m.before.size() - 48 : 0));
  if (m.code.starts_with("E05")) {
    static constexpr std::string_view kAblation[] = {"radioactive iodine", "rai", "i-131", "radioiodine", "thyroidectomy", "ablation", "ablated"};
    return says_any(before, kAblation) && words::contains(before, "for");
  }
  if (m.code == "N18.6") {
    std::string_view after = m.after.substr(0, std::min<std::size_t>(m.after.size(), 40));
    if (const auto end = after.find_first_of(";.("); end != std::string_view::npos) after = after.substr(0, end);
    static constexpr std::string_view kAfterTransplant[] = {"s/p kidney transplant", "s/p renal transplant", "s/p transplant", "status post kidney transplant",
                                                            "status post renal transplant", "s/p deceased-donor", "s/p living-donor", "s/p ddkt", "s/p lrkt"};
    return says_any(after, kAfterTransplant) || before.ends_with("transplant for ") || before.ends_with("transplantation for ");
  }
  return false;
}

// "History of right breast cancer on adjuvant anastrozole": a past cancer still treated by
// therapy directed at it is current (Guidelines I.C.2.d); one whose therapy is over is history.
bool still_under_treatment(const MentionInput& m) {
  const std::string lowered = words::lower(m.after.substr(0, std::min<std::size_t>(m.after.size(), 96)));
  std::string_view after = lowered;
  if (const auto end = after.find_first_of(";."); end != std::string_view::npos) after = after.substr(0, end);
  static constexpr std::string_view kOngoing[] = {"on adjuvant", "on tamoxifen", "on anastrozole", "on letrozole", "on exemestane", "on chemotherapy",
                                                  "receiving chemotherapy", "on hormonal therapy", "on endocrine therapy", "currently receiving",
                                                  "undergoing chemotherapy", "undergoing radiation", "on active treatment", "of adjuvant"};
  static constexpr std::string_view kOver[] = {"completed", "finished", "s/p", "status post", "prior", "previously", "stopped", "off"};
  // What the clause says last holds: "s/p lumpectomy and radiation, now in year 2 of planned 5
  // years of adjuvant anastrozole" is under treatment; "on tamoxifen, completed 2019" is not.
  const auto last_of = [&](const auto& cues) {
    std::size_t last = std::string_view::npos;
    for (const std::string_view cue : cues)
      for (std::size_t at = words::find(after, cue); at != std::string_view::npos; at = words::find(after, cue, at + 1))
        last = last == std::string_view::npos ? at : std::max(last, at);
    return last;
  };
  const std::size_t ongoing = last_of(kOngoing), over = last_of(kOver);
  return ongoing != std::string_view::npos && (over == std::string_view::npos || ongoing > over);
}

}  // namespace chartflow::coding
