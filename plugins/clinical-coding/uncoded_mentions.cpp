// What leaves an affirmed diagnosis mention uncoded (Coder::left_uncoded): a finding called
// insignificant, met during an operation, named as a risk or as advice, a vaccine's name, a
// region of the body named for its pain.
#include "coder.hpp"
#include "history_readings.hpp"

#include "common/words.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>

namespace chartflow::coding {
namespace {

using words::says_any;

// "CIN 3 / severe dysplasia", "high-grade dysplasia": an epithelium's graded dysplasia, which the
// lesion's own code says (CIN, Barrett's, an adenoma), not the index's default for a bare
// "dysplasia", a congenital anomaly (Q89.9).
bool graded_epithelial_dysplasia(const MentionInput& m) {
  if (m.code != "Q89.9" || words::lower(m.text) != "dysplasia") return false;
  const std::string before = words::lower(m.before.substr(m.before.size() > 16 ? m.before.size() - 16 : 0));
  static constexpr std::string_view kGrades[] = {"mild", "moderate", "severe", "high-grade", "low-grade", "high grade", "low grade", "epithelial",
                                                 "squamous", "glandular", "no", "without", "negative for", "indefinite for"};
  return says_any(before, kGrades);
}

bool names_the_abdomen(std::string_view sentence) {
  static constexpr std::string_view kAbdomen[] = {"abdomen", "abdominal", "quadrant", "epigastric", "epigastrium", "periumbilical",
                                                  "suprapubic", "rlq", "llq", "ruq", "luq", "belly", "mcburney", "murphy"};
  return says_any(sentence, kAbdomen);
}

// "Effusion" alone is the index's pleural effusion (J90); a knee's, an eardrum's or the
// pericardium's is another condition, so the bare word is coded only where its sentence is about
// the chest.
bool names_the_chest(std::string_view sentence) {
  static constexpr std::string_view kChest[] = {"pleural", "pleura", "chest", "lung", "lungs", "thorax", "thoracic", "cxr", "x-ray",
                                                "lobe", "bases", "basilar", "hemithorax", "parapneumonic", "thoracentesis", "costophrenic"};
  return says_any(sentence, kChest);
}

// "A few tiny calcified granulomas, of no clinical significance": a finding its own clause calls
// insignificant is not coded (Guidelines III.B: abnormal findings only when the provider
// indicates their clinical significance).
bool said_insignificant(const MentionInput& m) {
  std::string_view before = m.before, after = m.after;
  if (const auto stop = before.find_last_of(".;"); stop != std::string_view::npos) before.remove_prefix(stop + 1);
  if (const auto stop = after.find_first_of(".;"); stop != std::string_view::npos) after = after.substr(0, stop);
  const std::string clause = words::lower(before) + " " + words::lower(after);
  static constexpr std::string_view kInsignificant[] = {"no clinical significance", "not clinically significant", "clinically insignificant",
                                                        "of no significance", "not significant clinically"};
  return std::any_of(std::begin(kInsignificant), std::end(kInsignificant), [&](std::string_view w) { return words::contains(clause, w); });
}

// The operation's own narrative ("Bleeding was controlled with bipolar cautery", "There was
// minimal bleeding", "no further bleeding at the end of the procedure") tells what the surgeon met
// and did: a sign in it is no diagnosis of the patient, which the pre- and postoperative
// diagnoses state; nor is bleeding a sentence says was stopped during a procedure.
bool met_during_the_operation(const MentionInput& m) {
  // Adhesions the surgeon meets on the way and takes down ("omental adhesions to the fundus,
  // taken down bluntly") are no diagnosis of the operation; the postoperative diagnosis names
  // them when they were its reason (an adhesive obstruction, an adhesiolysis).
  if (m.code.starts_with("K66.0") && m.section_category == "procedure_description") return true;
  if (!is_symptom_code(m.code)) return false;
  if (m.section_category == "procedure_description") return true;
  if (m.code != "R58") return false;
  static constexpr std::string_view kControlled[] = {"cauterized", "cauterised", "cautery", "electrocautery", "bovie", "bipolar", "coagulated",
                                                     "coagulation", "hemostasis", "controlled", "bleeding points", "bleeding point", "blood loss",
                                                     "minimal bleeding", "no further bleeding", "bone wax", "oozing", "pressure held"};
  return says_any(m.context, kControlled);
}

// A consent's list of what may go wrong ("risks and benefits ... discussed, which include but are
// not limited to bleeding, infection, ... DVT, pulmonary embolism, risk of anesthesia") outruns
// any trigger's reach: a condition after such words in its own sentence is a risk, not a finding.
bool named_as_a_risk(const MentionInput& m) {
  std::string_view before = m.before;
  const char* start = m.context.data();
  const char* at = m.before.data() + m.before.size();  // where the mention begins
  if (start && at >= start && at <= start + m.context.size()) before = std::string_view(start, static_cast<std::size_t>(at - start));
  static constexpr std::string_view kRisks[] = {"not limited to", "risks and benefits", "risk and benefits", "risks, benefits", "risk, benefits",
                                                "risks include", "risks including", "potential complications", "possible complications",
                                                "complications include", "complications including", "risks of the procedure", "risks of surgery",
                                                "risks such as", "risk such as", "risks as", "risks, including", "such as bleeding"};
  // "Risks (new breaks, redetachment, endophthalmitis, vision loss) vs. alternatives reviewed".
  const std::string lowered = words::lower(before);
  if (lowered.find("risks (") != std::string::npos || lowered.find("risk (") != std::string::npos) return true;
  return says_any(before, kRisks);
}

// "Tetanus: Tdap 0.5 mL IM given", "tetanus up to date", "last tetanus booster": the vaccine or
// its status, not the disease (A35), which no wound visit's chart names as a finding.
bool tetanus_as_its_vaccine(const MentionInput& m) {
  if (m.code != "A35") return false;
  static constexpr std::string_view kVaccine[] = {"tdap", "td", "dtap", "toxoid", "booster", "immunization", "immunisation", "immunized", "vaccine",
                                                  "vaccination", "vaccinated", "shot", "tig", "immune globulin", "immunoglobulin", "up to date",
                                                  "up-to-date", "status", "prophylaxis", "current", "last given", "given"};
  static constexpr std::string_view kLastDose[] = {"last", "most recent", "previous"};  // "Last tetanus: over 10 years ago"
  const std::string_view just_before = m.before.substr(m.before.size() > 20 ? m.before.size() - 20 : 0);
  // ... anywhere in its sentence: "Tdap 0.5 mL IM given as tetanus was more than 10 years out".
  return says_any(m.context, kVaccine) || says_any(just_before, kLastDose);
}

// "Weight loss will help", "counseled on weight loss", "weight loss program": a goal the plan sets,
// not the abnormal loss of weight R63.4 codes.
bool weight_loss_as_advice(const MentionInput& m) {
  if (!m.code.starts_with("R63.4")) return false;
  static constexpr std::string_view kAdvice[] = {"will help", "would help", "encouraged", "encourage", "counseled", "counselled", "counseling",
                                                 "recommended", "recommend", "advised", "discussed", "program", "goal", "goals", "needs",
                                                 "need to", "should", "attempt", "trying", "try", "plan", "surgery", "diet", "exercise"};
  return says_any(m.context, kAdvice);
}

}  // namespace

// Whether a mention's code is left out of this chart whatever its index reading: a symptom its
// sentence's diagnosis holds, a risk, a finding met during an operation, a device placed now.
bool Coder::left_uncoded(const MentionInput& m, Policy policy, const ChartFacts& chart, const AssertionReading& reading) const {
  // A history list's BPH or GERD counts where the chart shows it treated (its drug, or "on ..."
  // after it): otherwise it needed no care in this encounter.
  if (reading.chronic_history && !treatment_goes_on(m))
    for (const auto& [prefix, drugs] : data_.chronic_by_treatment)
      if (m.code.starts_with(prefix) && !chart.treated_chronic.contains(prefix)) return true;
  // A symptom beside a diagnosis in one sentence is that diagnosis's, unless a combination
  // code joins them ("diabetes, uncontrolled with hyperglycemia" is E11.65).
  const auto combines = [&] {
    return std::any_of(data_.combinations.begin(), data_.combinations.end(),
                       [&](const CoderData::Combination& c) { return code_in_ref(m.code, c.second); });
  };
  // A neurological deficit ("right hemiparesis and expressive aphasia due to #1") is no symptom a
  // neighbouring diagnosis holds: a stroke's deficits are coded (I.C.9.d), whatever stands beside them.
  // (Dysphagia only in a stroke's chart, or by the phase a swallow study names (R13.11-R13.14,
  // "oropharyngeal dysphagia due to ALS"): elsewhere it is as often an oesophageal symptom its
  // diagnosis explains.)
  static constexpr std::string_view kDeficits[] = {"R47.", "R41.4", "R29.81", "R48.", "R27.", "R13.11", "R13.12", "R13.13", "R13.14"};
  const bool deficit = std::any_of(std::begin(kDeficits), std::end(kDeficits), [&](std::string_view p) { return m.code.starts_with(p); }) ||
                       (chart.cerebrovascular && m.code.starts_with("R13.1"));
  // (A poisoning's or a drug toxicity's signs are its manifestations, each coded after it
  // (I.C.19.e.5): "propranolol overdose with resultant bradycardia, hypotension and hypoglycemia".)
  static constexpr std::string_view kPoisoning[] = {"overdose", "overdosed", "poisoning", "toxicity", "intoxication", "suicide attempt"};
  if (is_symptom_code(m.code) && policy != Policy::all_findings && m.status == Assertion::affirmed &&
      chart.sentences_with_diagnosis.contains(m.sentence_id) && !combines() && !deficit && !says_any(m.context, kPoisoning))
    return true;
  // "PROCEDURES PERFORMED: DDDR permanent pacemaker": the device this procedure places, not a
  // status the patient came with (Z95.0 is for a pacemaker already in place).
  if (m.code.starts_with("Z9") && (m.section_category == "procedures" || m.section_category == "procedure_description")) return true;
  // The index's "Tenderness" is abdominal (R10.81-, R10.82-): tenderness of a hand or a calf is
  // an exam finding of whatever hurt it, not an abdominal sign.
  if (m.code.starts_with("R10.8") && !names_the_abdomen(m.context)) return true;
  if (m.code == "J90" && !names_the_chest(m.text) && !names_the_chest(m.context)) return true;
  if (policy != Policy::all_findings && said_insignificant(m)) return true;
  if (graded_epithelial_dysplasia(m)) return true;
  if (policy != Policy::all_findings && met_during_the_operation(m)) return true;
  if (policy != Policy::all_findings && named_as_a_risk(m)) return true;
  if (policy != Policy::all_findings && weight_loss_as_advice(m)) return true;
  if (policy != Policy::all_findings && tetanus_as_its_vaccine(m)) return true;
  // "Diagnostic bilateral mammogram" for a palpable lump: a work-up, not the screening Z12.3- is for.
  if (m.code.starts_with("Z12.3") && chart.diagnostic_mammogram) return true;
  return false;
}

}  // namespace chartflow::coding
