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
  // A screening for a malignancy (Z12) or another disease (Z13: "routine osteoporosis screening"
  // that a bone density study was ordered for) is the encounter's reason, and so is a living
  // donor's donation (Z52: "living related kidney donor" of a donor nephrectomy).
  return is_screening_code(code) || code.starts_with("Z52") || code.starts_with("Z66") || code.starts_with("Z72") || code.starts_with("Z77.22") ||
         code.starts_with("Z79") || code.starts_with("Z89") || (code.starts_with("Z9") && code.size() >= 3);
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

// A subterm walk that ends in a perinatal code (P00-P96) from an adult's condition: the index's
// "Stroke > cerebral, perinatal" reads "cerebral" as enough. Only a chart that speaks of a
// newborn reaches the perinatal chapter from outside it.
bool strays_into_perinatal(const MentionInput& m, std::string_view found) {
  if (!found.starts_with("P") || m.code.starts_with("P")) return false;
  static constexpr std::string_view kNewborn[] = {"neonatal", "newborn", "perinatal", "neonate", "infant", "birth"};
  return !says_any(m.context, kNewborn);
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

// A donor the patient is ("living related kidney donor (donating to his sister)"), not the donor of
// the patient's graft ("s/p deceased-donor kidney transplant", "donor CMV IgG positive").
bool the_patient_donates(const MentionInput& m) {
  const std::string context = words::lower(m.context);
  return words::contains_any(context, {"living", "donating", "donation"}) &&
         !words::contains_any(context, {"deceased", "recipient", "transplant", "transplanted"});
}

bool codes_as_diagnosis(const MentionInput& m) {
  if (m.code.starts_with("Z52") && !the_patient_donates(m)) return false;
  return m.system == "ICD-10-CM" &&
         (is_diagnosis_kind(m.kind) ||
          (m.kind == MentionKind::other && ((is_status_code(m.code) && !(m.code.starts_with("Z12") && screened_before(m))) || names_the_examination(m))));
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
  if (!read_index_for(m, windows, chart, *reading, index) || !reword_by_context(m, *reading)) return std::nullopt;
  reword_by_cause_and_habit(m, chart, *reading);
  const auto refined = refine(reading->candidate, refine_text_of(m, chart.exam_side, index.site));
  if (!refined) return std::nullopt;  // not a code of this code set: nothing is emitted rather than a guess
  return proposed_diagnosis(m, std::move(*reading), index, *refined);
}

}  // namespace chartflow::coding
