// One diagnosis mention to its code, through its assertion, the Alphabetic Index and the
// Tabular's specificity (procedure_mentions.cpp codes procedures and drugs). The chart-level
// conventions run afterwards (coder.cpp).
#include "coder.hpp"
#include "history_readings.hpp"
#include "mention_readings.hpp"
#include "disc_coding.hpp"
#include "hematopoietic.hpp"
#include "polyp_coding.hpp"
#include "ulcer_coding.hpp"

#include "common/words.hpp"
#include "modifiers.hpp"

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>
#include <string_view>

namespace chartflow::coding {
namespace {

using words::says_any;

bool is_diagnosis_kind(MentionKind kind) {
  return kind == MentionKind::diagnosis || kind == MentionKind::sign_or_symptom || kind == MentionKind::injury ||
         kind == MentionKind::neoplasm || kind == MentionKind::finding;
}

// Status and behaviour codes a mention of kind "other" names ("kidney transplant" Z94.0,
// "pacemaker" Z95.0, "DNR" Z66, "tobacco use" Z72.0, "secondhand smoke" Z77.22): coded like diagnoses. "s/p" alone
// (Z98.890, other postprocedural state) says nothing a coder reports.
bool is_status_code(const std::string& code) {
  // Z97 (glasses, hearing aids, dentures, artificial limbs) is the equipment a patient has, which
  // bears on no code a coder reports for the encounter.
  if (code == "Z98.890" || code.starts_with("Z97")) return false;
  // Social determinants of health (Z55-Z65: homelessness, unemployment, no insurance) are coded
  // from any clinician's or social worker's documentation (I.B.14, I.C.21.c.17).
  if (code.size() >= 3 && code[0] == 'Z' && ((code[1] == '5' && code[2] >= '5') || (code[1] == '6' && code[2] <= '5'))) return true;
  // A contact with or exposure to a communicable disease (Z20: "exposure to rabies - post-exposure
  // prophylaxis initiated") is a reason for the encounter.
  if (code.starts_with("Z20")) return true;
  // So is the insertion of a contraceptive device ("Encounter for insertion of intrauterine
  // contraceptive device", Z30.430).
  if (code.starts_with("Z30.43")) return true;
  // ... and a sterilization the patient asks for ("desires permanent sterilization"), coded beside
  // the delivery or the operation that performs it (Z30.2).
  if (code == "Z30.2") return true;
  return code.starts_with("Z12") || code.starts_with("Z66") || code.starts_with("Z72") || code.starts_with("Z77.22") || code.starts_with("Z79") ||
         code.starts_with("Z89") || (code.starts_with("Z9") && code.size() >= 3);
}

// A routine examination ("well child check", "annual physical") is the encounter's reason only
// where the chart says what the visit is: its title line, chief complaint, reason or
// assessment; "return for her annual physical" in a plan is no reason for this one.
bool names_the_examination(const MentionInput& m) {
  // So is aftercare ("Aftercare following right total hip arthroplasty", Z47.1): the Index reads
  // what it follows from the mention's Z51.89.
  const bool aftercare = m.code == "Z51.89";
  if (!(is_examination_code(m.code) || aftercare) || m.status != Assertion::affirmed) return false;
  constexpr std::size_t kTitleLine = 200;
  return m.section_category == "chief_complaint" || m.section_category == "reason_for_consultation" || m.section_category == "assessment" ||
         m.section_category == "assessment_and_plan" || m.section_category == "diagnosis" || (m.section_category.empty() && m.begin < kTitleLine);
}

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

// A subterm walk that ends in a perinatal code (P00-P96) from an adult's condition: the index's
// "Stroke > cerebral, perinatal" reads "cerebral" as enough. Only a chart that speaks of a
// newborn reaches the perinatal chapter from outside it.
bool strays_into_perinatal(const MentionInput& m, std::string_view found) {
  if (!found.starts_with("P") || m.code.starts_with("P")) return false;
  static constexpr std::string_view kNewborn[] = {"neonatal", "newborn", "perinatal", "neonate", "infant", "birth"};
  return !says_any(m.context, kNewborn);
}

// "MEDICATIONS: None. ALLERGIES: NKDA.": the heading of an allergy list run into the line, not an allergy.
bool is_allergy_label(const MentionInput& m) {
  const std::string text = words::lower(m.text);
  return (text == "allergies" || text == "allergy") && m.after.starts_with(":");
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

}  // namespace

bool is_history_section(const std::string& category) {
  return category == "family_history" || category == "past_medical_history" || category == "past_surgical_history";
}

bool is_initials(std::string_view text) {
  const auto letters = std::count_if(text.begin(), text.end(), [](char c) { return std::isupper(static_cast<unsigned char>(c)) != 0; });
  return text.size() >= 2 && text.size() <= 6 && letters >= 2 &&
         std::all_of(text.begin(), text.end(), [](char c) { return std::isupper(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)); });
}

bool is_diagnosis_section(const std::string& category) {
  return category == "discharge_diagnosis" || category == "secondary_diagnosis" || category == "diagnosis" || category == "postoperative_diagnosis" ||
         category == "admission_diagnosis" || category == "assessment" || category == "assessment_and_plan" ||
         category == "pathology_final_diagnosis" || category == "preoperative_diagnosis";
}

// The mention stage's code for a bite, laceration, sprain, dislocation or puncture wound of no site
// of its own (abbreviations.tsv): a placeholder the coder replaces by the site's code, or drops.
constexpr std::string_view kInjuryByItsSite = "T14.8XXA";

bool codes_as_diagnosis(const MentionInput& m) {
  return m.system == "ICD-10-CM" &&
         (is_diagnosis_kind(m.kind) ||
          (m.kind == MentionKind::other && ((is_status_code(m.code) && !(m.code.starts_with("Z12") && screened_before(m))) || names_the_examination(m))));
}

std::optional<Coder::AssertionReading> Coder::read_assertion(const MentionInput& m, Policy policy) const {
  // An allergy list names what the patient reacts to and how ("Codeine (nausea)"): the reaction
  // is no condition of this encounter.
  if (policy != Policy::all_findings && (m.section_category == "allergies" || names_something_else(m.after) || names_an_exposure(m) || is_allergy_label(m) ||
                                         negated_by_non(m) ||
                                         names_a_nontraumatic_injury(m) || names_a_surgical_end_point(m) || names_a_measurement(m)))
    return std::nullopt;
  // Nor do a medication list ("lisinopril for hypertension") or the instructions a patient goes
  // home with ("call for fever, redness or drainage") state a diagnosis.
  if (policy != Policy::all_findings && (m.section_category == "medications" || m.section_category == "discharge_medications" ||
                                         m.section_category == "discharge_instructions"))
    return std::nullopt;
  AssertionReading r{m.code, "index: " + m.matched_term + " -> " + m.code, m.score, {}};
  if (occasional_tobacco_use(m)) r.candidate = "Z72.0", r.rule += " (occasional smoking: tobacco use, not dependence) -> Z72.0";
  if (daily_cigarette_use(m)) r.candidate = "F17.210", r.rule += " (cigarettes every day: nicotine dependence, cigarettes) -> F17.210";
  if (m.status == Assertion::uncertain) {
    if (policy == Policy::outpatient) return std::nullopt;  // IV.H: code the symptoms instead, which are mentions of their own
    // II.H codes the probable, suspected or likely diagnosis; one the provider calls unlikely is
    // the opposite, and is not coded.
    if (policy != Policy::all_findings && m.improbable) return std::nullopt;
    // II.H is about the diagnosis "documented at the time of discharge": an uncertain
    // condition in the course or the history ("rule out PE was not pursued") is not coded.
    if (policy == Policy::inpatient && !is_diagnosis_section(m.section_category)) return std::nullopt;
    r.review.push_back(policy == Policy::inpatient ? "uncertain diagnosis coded as if established (Guidelines II.H): confirm it was still uncertain at discharge"
                                                   : "the text calls this diagnosis uncertain");
    r.confidence *= 0.6;
  }
  // A status code (transplant, pacemaker, amputation, ostomy) is about something past by
  // nature; a chronic condition listed as history is still there (see conventions.cpp).
  // (So is the scar of a previous cesarean a pregnancy's care is for, O34.21-.)
  const bool status_by_nature = m.code.starts_with("Z89") || m.code.starts_with("Z9") || m.code.starts_with("O34.2");
  const bool past = m.status == Assertion::historical;
  // IV.I: outpatient, a chronic condition is coded when it "requires or affects patient care" at
  // this visit, which a history list alone does not say: its treatment going on ("history of
  // hypertension on lisinopril", "well controlled on levothyroxine") or the assessment or plan
  // naming it (its own mention codes it then) does.
  if (past && !status_by_nature && policy == Policy::outpatient && chronic_and_current(m) && !treatment_goes_on(m)) return std::nullopt;
  if (past && !status_by_nature && policy != Policy::all_findings && (lies_dormant(m) || ended_by_treatment(m))) return std::nullopt;
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
    const auto status = status_code(m.status, m.code);
    if (!status) return std::nullopt;  // no history code applies: a past condition is not coded
    const bool always = *status == "Z87.891" && tobacco_history_ == TobaccoHistory::always;
    if (history_ == HistoryCodes::when_relevant && policy != Policy::all_findings && is_optional_history(*status) && !always &&
        !ties_history_to_encounter(m.context))
      return std::nullopt;  // I.C.21.c.4: only a history that bears on this encounter
    r.candidate = *status;
    r.rule = std::string(past ? "personal" : "family") + " history of " + m.code + " (" + m.matched_term + ") -> " + *status;
    r.confidence *= 0.9;
  }
  return r;
}

// "A few tiny calcified granulomas, of no clinical significance": a finding its own clause calls
// insignificant is not coded (Guidelines III.B: abnormal findings only when the provider
// indicates their clinical significance).
static bool said_insignificant(const MentionInput& m) {
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
static bool met_during_the_operation(const MentionInput& m) {
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
static bool named_as_a_risk(const MentionInput& m) {
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
static bool tetanus_as_its_vaccine(const MentionInput& m) {
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
static bool weight_loss_as_advice(const MentionInput& m) {
  if (!m.code.starts_with("R63.4")) return false;
  static constexpr std::string_view kAdvice[] = {"will help", "would help", "encouraged", "encourage", "counseled", "counselled", "counseling",
                                                 "recommended", "recommend", "advised", "discussed", "program", "goal", "goals", "needs",
                                                 "need to", "should", "attempt", "trying", "try", "plan", "surgery", "diet", "exercise"};
  return says_any(m.context, kAdvice);
}

std::optional<IndexTree::Navigation> Coder::read_index_on(const std::string& code, const WordBag& reach, const WordBag& words) const {
  const auto vagueness = [&](std::string_view c) { return sets_.icd10cm->title_vagueness(c); };
  auto found = sets_.icd10cm->index().read(code, reach, words, vagueness);
  // The index prints one condition's detail under more than one of its entries: "Aneurysm >
  // aorta > abdominal" (I71.40) has no subterms, "Aneurysm > abdominal (aorta) > infrarenal"
  // (I71.43) does. The walk goes on from the other entries of the code it reached (twice at most).
  for (int again = 0; found && found->deeper && again < 2; ++again) {
    auto further = sets_.icd10cm->index().read(found->code, words, words, vagueness);
    if (!further || !further->deeper || further->code == found->code) break;
    further->path = found->path + "; then " + further->path;
    found->code = further->code, found->path = further->path, found->depth = std::max(found->depth, further->depth);
    if (!further->manifestation.empty()) found->manifestation = further->manifestation;
  }
  return found;
}

// "Foreign body (coin) in the esophagus": an object the chart names is the Tabular's "other
// foreign object" (T18.19-), not the "unspecified foreign body" (T18.10-) the index's site gives.
std::optional<std::pair<std::string, std::string>> Coder::foreign_object_named(const std::string& code, const MentionInput& m) const {
  static constexpr std::string_view kObjects[] = {"coin", "coins", "battery", "magnet", "magnets", "toy", "pin", "button", "bead", "beads", "screw",
                                                  "nail", "key", "marble", "pebble", "stone", "earring", "tack", "needle", "glass", "wood", "metal",
                                                  "metallic", "plastic", "splinter", "bottle cap", "cap", "lego"};
  // T15-T19 codes with the object axis at the 5th character: 0 unspecified, 9 other.
  if (!code.starts_with("T1") || code.size() < 6 || code[1] != '1' || code[2] < '5' || code[2] > '9' || code[5] != '0') return std::nullopt;
  const std::string clause = words::lower(std::string(m.context));
  const auto object = std::find_if(std::begin(kObjects), std::end(kObjects), [&](std::string_view w) { return words::contains(clause, w); });
  if (object == std::end(kObjects)) return std::nullopt;
  std::string other = code;
  other[5] = '9';
  if (!sets_.icd10cm->find(other) && !sets_.icd10cm->find(other + "A")) return std::nullopt;
  return std::pair{other, "the chart names the object ('" + std::string(*object) + "'): other foreign object -> " + other};
}

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

// The candidate read further down the Alphabetic Index with the words of the mention's clause
// (or, for a main term without a code, read by its site); false: the mention is not coded here.
bool Coder::read_index_for(const MentionInput& m, const ModifierWindows& windows, const ChartFacts& chart, AssertionReading& reading,
                           IndexReading& index) const {
  if (is_disc_displacement(m) && reading.candidate == m.code) {
    const auto disc = disc_displacement_code(m);
    if (!disc) return false;
    reading.rule += "; " + disc->rule;
    reading.candidate = disc->code;
  } else if (const auto term = read_by_site(m, kInjuryByItsSite)) {
    // A main term with no code of its own ("Polyp, polypus", "Bite(s)"): its subterms give one per
    // site, read with the words of the mention's clause.
    const WordBag words = windows.words_for(m);
    // ("Foreign body sensation" is a symptom of the eye or throat, no object found.)
    const bool a_sensation = *term == "Foreign body" && words::lower(m.after.substr(0, 12)).find("sensation") != std::string::npos;
    const bool a_site_to_read = !sets_.icd10cm->index().empty() && (*term != "Bite" || is_bare_bite(m)) && !a_sensation;
    const auto site = a_site_to_read ? sets_.icd10cm->index().read_under(*term, *term == "Polyp" ? polyp_site_words(words) : words) : std::nullopt;
    if (!site) return false;  // no site in its clause (or a bite block): the sentence that names one codes it
    reading.rule = "index: " + site->path + " -> " + site->code;
    reading.candidate = site->code;
    if (*term == "Foreign body")
      if (auto named = foreign_object_named(site->code, m)) reading.rule += "; " + named->second, reading.candidate = named->first;
    index.depth = site->depth;
    const std::size_t last_level = site->path.rfind(" > ");
    index.site = last_level == std::string::npos ? site->path : site->path.substr(last_level + 3);
  } else if (reading.candidate == m.code && !sets_.icd10cm->index().empty())
    if (const auto found = read_index_on(reading.candidate, WordBag(m.matched_term), with_drug_cause(with_list_header(with_age(windows.words_for(m), chart.adult), m), m, data_.prescribed_drug_words))) {
      if (found->deeper && !strays_into_perinatal(m, found->code)) {
        reading.rule += "; index subterms: " + found->path + " -> " + found->code;
        reading.candidate = found->code;
        index.depth = found->depth;
        // The subterm the walk ended on names what the code's subdivisions choose between ("foot"
        // led to "Cellulitis > lower limb": L03.11- is then the left lower limb, not the axilla).
        const std::size_t last_level = found->path.rfind(" > ");
        index.site = last_level == std::string::npos ? found->path : found->path.substr(last_level + 3);
      } else if (found->also.size() >= 2 && names_two(m, found->also[0].second, found->also[1].second)) {
        // Sibling subterms the chart joins ("intramural and subserosal"): the first, and the others beside it.
        reading.rule += "; index subterms the chart joins: " + found->also[0].second + " -> " + found->also[0].first;
        reading.candidate = found->also[0].first;
        index.site = found->also[0].second;
        for (std::size_t i = 1; i < found->also.size(); ++i)
          if (names_two(m, found->also[0].second, found->also[i].second)) index.siblings.push_back(found->also[i]);
      }
      index.manifestation = found->manifestation;
    }
  return true;
}

// The words the Tabular's specificity is read with: the mention's clause and term, the index
// subterm the walk ended on, a specimen's side, and an imaging exam's side.
static std::string refine_text_of(const MentionInput& m, const std::string& exam_side, const std::string& index_site) {
  // An imaging report's findings are of the side its exam line names ("Exam: MRI RIGHT KNEE" ...
  // "Baker cyst", M71.21), unless the finding's own sentence names one.
  std::string text = std::string(m.context) + " " + m.matched_term + (index_site.empty() ? "" : " " + index_site);
  if (m.kind == MentionKind::neoplasm && !m.list_header.empty()) text += " " + std::string(m.list_header);  // the specimen's side
  if (!exam_side.empty()) {
    const std::string lowered = words::lower(m.context);
    if (!words::contains(lowered, "right") && !words::contains(lowered, "left") && !words::contains(lowered, "bilateral"))
      text += " " + exam_side + " (the exam's side)";
  }
  return text;
}

ProposedCode Coder::proposed_diagnosis(const MentionInput& m, AssertionReading reading, const IndexReading& index, const Refined& refined) const {
  ProposedCode c;
  c.system = "ICD-10-CM";
  c.code = refined.code;
  c.version = sets_.icd10cm->version();
  c.display = sets_.icd10cm->find(refined.code)->title;
  c.confidence = std::clamp(reading.confidence * refined.factor, 0.0, 1.0);
  c.rule = reading.rule;
  for (const auto& step : refined.steps) c.rule += "; " + step;
  c.review_reasons = std::move(reading.review);
  c.review_reasons.insert(c.review_reasons.end(), refined.review.begin(), refined.review.end());
  c.index_depth = index.depth;
  c.manifestation = index.manifestation;
  for (const auto& [sibling, label] : index.siblings)
    if (names_both(m.context, index.site, label))
      if (const auto code = refine(sibling, std::string(m.context)); code && code->code != c.code) c.index_siblings.push_back(code->code);
  c.from_diagnosis_section = is_diagnosis_section(m.section_category) && m.status != Assertion::historical && m.status != Assertion::family;
  c.statement_rank = statement_rank(m);
  return c;
}

std::optional<ProposedCode> Coder::code_diagnosis(const MentionInput& m, Policy policy, const ModifierWindows& windows, const ChartFacts& chart) const {
  if (!sets_.icd10cm) return std::nullopt;
  auto reading = read_assertion(m, policy);
  if (!reading || left_uncoded(m, policy, chart, *reading)) return std::nullopt;
  IndexReading index;
  if (!read_index_for(m, windows, chart, *reading, index) || !reword_by_context(m, policy, *reading)) return std::nullopt;
  reword_by_cause_and_habit(m, chart, *reading);
  const auto refined = refine(reading->candidate, refine_text_of(m, chart.exam_side, index.site));
  if (!refined) return std::nullopt;  // not a code of this code set: nothing is emitted rather than a guess
  return proposed_diagnosis(m, std::move(*reading), index, *refined);
}

}  // namespace chartflow::coding
