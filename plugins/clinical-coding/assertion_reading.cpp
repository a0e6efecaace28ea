// How a diagnosis mention's assertion reads for coding (Coder::read_assertion): which statuses
// a policy codes, and the mentions that name no condition of the patient's at all (an exposure, a
// measurement, a surgical end point, an allergy's label, a word of something else).
#include "coder.hpp"
#include "history_readings.hpp"
#include "mention_readings.hpp"

#include "common/words.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>

namespace chartflow::coding {
namespace {

using words::says_any;

// The word right after a mention, lower case ("" at a clause end).
std::string next_word(std::string_view after) {
  std::size_t begin = 0;
  while (begin < after.size() && (after[begin] == ' ' || after[begin] == '-')) ++begin;
  std::size_t end = begin;
  while (end < after.size() && std::isalpha(static_cast<unsigned char>(after[end]))) ++end;
  return words::lower(after.substr(begin, end - begin));
}

// The condition's name used for something else than the patient's condition, which the chart
// states elsewhere if the patient has it: a service ("addiction medicine consult", "heart failure
// clinic", "stroke team"), a vaccine or immunity ("influenza vaccine", "tetanus up to date",
// "rubella immune"), a prevention ("DVT prophylaxis", "DVT ppx", "rabies PEP"), an exposure ("rabies
// exposure": Z20.3, not rabies), a screening ("colon cancer
// screening": Z12, not the cancer; "sleep apnea screen") or a risk ("fall risk", "stroke risk").
bool names_something_else(std::string_view after) {
  static constexpr std::string_view kOther[] = {"medicine",    "clinic",    "service",     "team",      "consult",  "consultation", "program",
                                                "specialist",  "vaccine",   "vaccines",    "vaccination", "vaccinations", "vaccinated", "shot",
                                                "shots",       "immunization", "immunizations", "booster", "toxoid",   "immune",     "immunity",
                                                "titer",       "titers",    "prophylaxis", "ppx",       "prophylactic", "screening", "screen", "risk",
                                                "prevention",  "pep",       "immunoglobulin", "globulin"};
  const std::string word = next_word(after);
  if (std::find(std::begin(kOther), std::end(kOther), word) != std::end(kOther)) return true;
  // "Influenza and pneumococcal vaccines": a vaccine word a few words on, in the same clause.
  std::string_view clause = after.substr(0, std::min<std::size_t>(after.size(), 40));
  if (const auto end = clause.find_first_of(".;:("); end != std::string_view::npos) clause = clause.substr(0, end);
  const std::string lowered = words::lower(clause);
  if (words::find(lowered, "and") != std::string::npos || words::find(lowered, "or") != std::string::npos || lowered.find('/') != std::string::npos)
    for (const std::string_view vaccine : {"vaccine", "vaccines", "vaccination", "vaccinations", "immunization", "immunizations", "shots"})
      if (words::contains(lowered, vaccine)) return true;
  // "Tetanus up to date", "influenza UTD": an immunization status.
  static constexpr std::string_view kUpToDate[] = {"up to date", "utd"};
  // "Hepatitis A non-immune": an immunity status (the vaccine is what is given for it).
  static constexpr std::string_view kNotImmune[] = {"non-immune", "nonimmune", "not immune"};
  if (says_any(after.substr(0, std::min<std::size_t>(after.size(), 16)), kNotImmune)) return true;
  // ... or of a list of them ("Vaccines: influenza/ COVID up to date").
  if (lowered.find('/') != std::string::npos && says_any(clause, kUpToDate)) return true;
  return says_any(after.substr(0, std::min<std::size_t>(after.size(), 16)), kUpToDate);
}

// "Rabies exposure", "HIV exposure": contact with a disease (Z20), not the disease. A Z code's own
// phrase ("secondhand smoke exposure", Z77.22) says so already.
bool names_an_exposure(const MentionInput& m) {
  if (m.code.starts_with("Z")) return false;
  const std::string word = next_word(m.after);
  return word == "exposure" || word == "exposures" || word == "exposed";
}

// "Toxic liver injury", "drug-induced liver injury", "ischemic bowel injury": an organ's injury by a
// drug, a toxin or a lack of blood, which its own condition codes (K71, K55), not a trauma (S36).
bool names_a_nontraumatic_injury(const MentionInput& m) {
  if (!m.code.starts_with("S")) return false;
  std::string before = words::lower(m.before.substr(m.before.size() - std::min<std::size_t>(m.before.size(), 24)));
  while (!before.empty() && (before.back() == ' ' || before.back() == '(')) before.pop_back();
  static constexpr std::string_view kCauses[] = {"toxic", "drug-induced", "drug induced", "medication-induced", "ischemic", "hypoxic", "hepatotoxic"};
  return std::any_of(std::begin(kCauses), std::end(kCauses), [&](std::string_view w) { return before.ends_with(w); });
}

// "Debrided down to bleeding tissue", "to bleeding bone": the surgeon's end point, no bleeding of
// the patient's.
bool names_a_surgical_end_point(const MentionInput& m) {
  if (!m.code.starts_with("R58")) return false;
  const std::string word = next_word(m.after);
  return word == "tissue" || word == "bone" || word == "edges" || word == "edge" || word == "margins" || word == "surface" || word == "base";
}

// A measurement that shares a condition's name: an organ's elastography "stiffness" ("liver
// stiffness 5.8 kPa") is no joint's (M25.6-), and "CAP 248" is a controlled attenuation parameter,
// no community-acquired pneumonia.
bool names_a_measurement(const MentionInput& m) {
  if (m.code.starts_with("M25.6")) {
    std::string before = words::lower(m.before);
    while (!before.empty() && before.back() == ' ') before.pop_back();
    return before.ends_with("liver") || before.ends_with("hepatic") || before.ends_with("arterial") || before.ends_with("aortic");
  }
  if (m.code.starts_with("J18") && words::lower(m.text) == "cap") {
    const std::size_t at = m.after.find_first_not_of(" :=");
    return at != std::string_view::npos && m.after[at] >= '0' && m.after[at] <= '9';
  }
  return false;
}

// "MEDICATIONS: None. ALLERGIES: NKDA.": the heading of an allergy list run into the line, not an allergy.
bool is_allergy_label(const MentionInput& m) {
  const std::string text = words::lower(m.text);
  return (text == "allergies" || text == "allergy") && m.after.starts_with(":");
}

// Mentions that state no diagnosis of this encounter outside the all-findings policy: an allergy
// list's reactions ("Codeine (nausea)"), an exposure, a measurement, a surgical end point; and a
// medication list ("lisinopril for hypertension") or the instructions a patient goes home with
// ("call for fever, redness or drainage").
bool states_no_diagnosis(const MentionInput& m, Policy policy) {
  if (policy == Policy::all_findings) return false;
  return m.section_category == "allergies" || names_something_else(m.after) || names_an_exposure(m) || is_allergy_label(m) || negated_by_non(m) ||
         names_a_nontraumatic_injury(m) || names_a_surgical_end_point(m) || names_a_measurement(m) || m.section_category == "medications" ||
         m.section_category == "discharge_medications" || m.section_category == "discharge_instructions" ||
         m.section_category == "patient_education";  // ("Dense tissue ... raises the risk of developing breast cancer")
}

}  // namespace

std::optional<Coder::AssertionReading> Coder::read_assertion(const MentionInput& m, Policy policy) const {
  if (states_no_diagnosis(m, policy)) return std::nullopt;
  AssertionReading r{m.code, "index: " + m.matched_term + " -> " + m.code, m.score, {}};
  if (occasional_tobacco_use(m)) r.candidate = "Z72.0", r.rule += " (occasional smoking: tobacco use, not dependence) -> Z72.0";
  if (daily_cigarette_use(m)) r.candidate = "F17.210", r.rule += " (cigarettes every day: nicotine dependence, cigarettes) -> F17.210";
  if (m.status == Assertion::uncertain && !read_uncertain(m, policy, r)) return std::nullopt;
  if (m.status != Assertion::historical && m.status != Assertion::family) return r;
  if (!read_past_or_family(m, policy, r)) return std::nullopt;
  return r;
}

bool Coder::read_uncertain(const MentionInput& m, Policy policy, AssertionReading& r) {
  if (policy == Policy::outpatient) return false;  // IV.H: code the symptoms instead, which are mentions of their own
  // II.H codes the probable, suspected or likely diagnosis; one the provider calls unlikely is
  // the opposite, and is not coded.
  if (policy != Policy::all_findings && m.improbable) return false;
  // II.H is about the diagnosis "documented at the time of discharge": an uncertain
  // condition in the course or the history ("rule out PE was not pursued") is not coded.
  if (policy == Policy::inpatient && !is_diagnosis_section(m.section_category)) return false;
  r.review.push_back(policy == Policy::inpatient ? "uncertain diagnosis coded as if established (Guidelines II.H): confirm it was still uncertain at discharge"
                                                 : "the text calls this diagnosis uncertain");
  r.confidence *= 0.6;
  return true;
}

bool Coder::read_past_or_family(const MentionInput& m, Policy policy, AssertionReading& r) const {
  // A status code (transplant, pacemaker, amputation, ostomy) is about something past by
  // nature; a chronic condition listed as history is still there (see conventions.cpp).
  // (So is the scar of a previous cesarean a pregnancy's care is for, O34.21-.)
  const bool status_by_nature = m.code.starts_with("Z89") || m.code.starts_with("Z9") || m.code.starts_with("O34.2");
  const bool past = m.status == Assertion::historical;
  // IV.I: outpatient, a chronic condition is coded when it "requires or affects patient care" at
  // this visit, which a history list alone does not say: its treatment going on ("history of
  // hypertension on lisinopril", "well controlled on levothyroxine") or the assessment or plan
  // naming it (its own mention codes it then) does.
  if (past && !status_by_nature && policy == Policy::outpatient && chronic_and_current(m) && !treatment_goes_on(m)) return false;
  if (past && !status_by_nature && policy != Policy::all_findings && (lies_dormant(m) || ended_by_treatment(m))) return false;
  if (past && (status_by_nature || (policy != Policy::all_findings && chronic_and_current(m)))) {
    r.rule += status_by_nature ? " (a status: coded although the text puts its cause in the past)"
                               : " (a chronic condition named as history or in the past medical history: still present)";
    r.chronic_history = !status_by_nature;
    r.confidence *= 0.85;
  } else if (past && policy == Policy::all_findings && !m.code.starts_with("F17")) {
    // (A smoker who quit has no finding left to code: even all-findings coders code the history,
    // Z87.891, as the index's "History, personal, nicotine dependence" does.)
    r.rule += " (historical: coded as the finding, all-findings policy)";
    r.confidence *= 0.8;
  } else if (past && m.code.starts_with("C") && still_under_treatment(m)) {
    r.rule += " (a cancer still under treatment directed at it is current, not its history: I.C.2.d)";
    r.confidence *= 0.85;
  } else if (past || m.status == Assertion::family) {
    auto status = status_code(m.status, m.code);
    if (!status) return false;  // no history code applies: a past condition is not coded
    if (*status == "Z86.010") status = colon_polyp_history(m.context);
    const bool always = *status == "Z87.891" && tobacco_history_ == TobaccoHistory::always;
    if (history_ == HistoryCodes::when_relevant && policy != Policy::all_findings && is_optional_history(*status) && !always &&
        !ties_history_to_encounter(m.context) && !(m.section_category == "indications" && status->starts_with("Z86.010")))
      return false;  // I.C.21.c.4: only a history that bears on this encounter (a polyp history a scope's indication names does)
    r.candidate = *status;
    r.rule = std::string(past ? "personal" : "family") + " history of " + m.code + " (" + m.matched_term + ") -> " + *status;
    r.confidence *= 0.9;
  }
  return true;
}

}  // namespace chartflow::coding
