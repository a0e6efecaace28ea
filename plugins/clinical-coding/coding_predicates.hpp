// What the coder asks of codes, mentions, sentences and the chart's text: which kind of code a
// code is (symptom, poisoning, encounter for therapy ...), which section a statement stands in,
// what the chart's opening states (age, gestational age, newborn record). Free functions, each
// tested on its own.
#pragma once

#include "coder_inputs.hpp"

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace chartflow::coding {

// Whether a chart is a newborn's record of its birth stay: its title names a newborn or the
// nursery, and it records the birth (Apgars, birth weight, day of life).
bool is_newborn_record(std::string_view text);
// The patient's age in years as the chart's opening states it ("56 yo F", "a 72-year-old man",
// "Age: 61"), if it does (stated_age.cpp).
std::optional<int> stated_age(std::string_view text);
// The one side ("right" or "left") an imaging report's exam line names ("Exam: MRI RIGHT KNEE
// WITHOUT CONTRAST"), or "" (stated_age.cpp, with the chart's other opening facts).
std::string exam_side(std::string_view text);
// For a mention at `at` on a pathology report's item line (bulleted or indented, under "A. ASCENDING
// COLON, POLYP:"), or after a specimen label on its own line ("A. Skin, left upper back, excision:
// MELANOMA"), that header or label; empty otherwise (list_header.cpp).
std::string_view list_header(std::string_view text, std::size_t at);

// A code of a systemic infection a sepsis is coded with (A40, A41, candidal sepsis B37.7, ...).
bool is_sepsis(const std::string& code);

// A sign or symptom code (chapter R), not SIRS or severe sepsis (R65), which are conditions a
// coder sequences and keeps beside the infection, nor a shock (R57: "hemorrhagic shock - hypotension
// and tachycardia" is the shock its sentence is about); and the symptoms other chapters hold (pain of
// the back, a joint, a limb, an ear or an eye; constipation; rhinorrhea as J34.89 reads it).
inline bool is_symptom_code(std::string_view code) {
  if (code.starts_with("R")) return !code.starts_with("R65") && !code.starts_with("R57");
  static constexpr std::string_view kOtherChapters[] = {"M54.2", "M54.5", "M54.6", "M54.9", "M25.5", "M25.6", "M79.1", "M79.6", "H92.0", "H57.1", "K59.0", "K92.1", "N64.4"};
  for (const std::string_view prefix : kOtherChapters)
    if (code.starts_with(prefix)) return true;
  return false;
}

// Categories whose subcategories are different disorders, as a symptom category's are different
// symptoms: fluid and electrolytes (E87: "Hyperkalemia" E87.5 and "Fluid overload, unspecified"
// E87.70 are two), minerals (E83), other metabolic disorders (E88), white cells (D72), other
// blood diseases (D75) and other retinal disorders (H35: a hypertensive retinopathy is no vaguer
// retinal edema).
inline bool is_mixed_category(std::string_view code) {
  static constexpr std::string_view kCategories[] = {"E83", "E87", "E88", "D72", "D75", "H35"};
  return std::find(std::begin(kCategories), std::end(kCategories), code.substr(0, 3)) != std::end(kCategories);
}

// An encounter for a routine general examination (Z00.0-, Z00.1-): first-listed when it is the
// visit's reason (I.C.21.c.13), with anything the exam finds after it.
// (A preprocedural examination, Z01.81-, is one too: first-listed, then the surgery's reason, IV.M.)
// An encounter for screening: for a malignancy (Z12) or another disease (Z13). It stays
// first-listed when it finds what it looked for (I.C.21.c.5).
inline bool is_screening_code(const std::string& code) { return code.starts_with("Z12") || code.starts_with("Z13"); }

inline bool is_examination_code(const std::string& code) { return code.starts_with("Z00.0") || code.starts_with("Z00.1") || code.starts_with("Z01.81"); }
// The supervision of a normal (Z34.-) or high-risk (O09.-) pregnancy: first-listed for the
// prenatal visit it is the reason for (I.C.21.c.11, I.C.15.b.2; prenatal_supervision.cpp).
inline bool is_prenatal_supervision_code(const std::string& code) { return code.starts_with("Z34") || code.starts_with("O09"); }
// The gestational age a chart states ("10 weeks gestation", "IUP at 39w2d"): only a number of
// weeks a gestation word stands next to counts (pregnancy_coding.cpp).
struct GestationalAge {
  int weeks = 0;
  std::size_t begin = 0, end = 0;
};
std::optional<GestationalAge> stated_gestational_age(std::string_view text);
// Whether the chart states the patient pregnant now: a gestational age and "pregnant", "IUP" or
// "in pregnancy", and no negative pregnancy test.
bool states_current_pregnancy(std::string_view text);
// An encounter for antineoplastic radiation therapy, chemotherapy or immunotherapy (Z51.0,
// Z51.1-): first-listed when it is what the encounter was for (I.C.2.e.2; therapy_encounter.cpp).
inline bool is_therapy_encounter_code(const std::string& code) { return code.starts_with("Z51.0") || code.starts_with("Z51.1"); }

// A poisoning or toxic effect (T36-T65, intent 1-4): sequenced before what it caused (I.C.19.e.5.b).
bool is_poisoning(const std::string& code);
// An adverse effect or underdosing (T36-T50, 6th character 5 or 6): never the principal or
// first-listed diagnosis; the condition it caused or worsened leads (I.C.19.e.5.a, c).
bool is_adverse_effect_or_underdosing(const std::string& code);

// Takes `from`'s evidence into `into` (one condition, two codes or two mentions of it).
void absorb(ProposedCode& into, const ProposedCode& from);
// One code per code value: a later copy's evidence goes to the first (a rule that may have made a
// code the list already has).
void merge_same_codes(std::vector<ProposedCode>& codes);

// Words in a text ("deep vein thrombosis": 3).
std::size_t word_count(std::string_view text);

// The condition a mention names, by its head word: "acute appendicitis" and "appendicitis" are
// the same condition, "pleural effusions" and "pleural effusion" too.
std::string head_word(std::string_view text);

// How strongly the chart states a mention as the encounter's diagnosis (ProposedCode::
// statement_rank): its section, and words such as "admitted with".
constexpr int kNoStatement = 90;
// The stay's secondary diagnoses ("Secondary diagnoses:"): stated at discharge, never the
// principal's statement (ranked after the admission diagnosis, before the chief complaint).
constexpr int kSecondaryStatement = 25;
// An assessment or diagnosis heading's statement.
constexpr int kAssessmentStatement = 10;
int statement_rank(const MentionInput& m);
// Whether the chart's postoperative diagnosis says "Same" (as the preoperative one).
bool postoperative_diagnosis_is_the_same(std::string_view text, const std::vector<SentenceInput>& sentences);
// A code stated by a sentence rather than a mention is ranked as the statement it stands in:
// its sentence's mentions, else its section.
void rank_as_its_statement(ProposedCode& c, const std::vector<MentionInput>& mentions, const SentenceInput& sentence);
// A code the chart already has gets `c`'s evidence and its stronger statement; a new one is added.
void add_or_merge(std::vector<ProposedCode>& codes, ProposedCode c);
// The codes of the affirmed mentions that say why the patient came: the chief complaint and
// what the patient "presents with" or was "admitted for".
std::vector<std::string> presenting_codes(const std::vector<MentionInput>& mentions);

// Whether an ICD-10-CM mention is coded as a diagnosis: a condition, sign, finding, injury or
// neoplasm, or a status a coder reports (transplant, pacemaker, DNR, tobacco use).
bool codes_as_diagnosis(const MentionInput& m);


// Whether a drug or supply mention says it was given in this encounter (a HCPCS code is billed
// for it): administration words in its sentence, outside medication lists and plans.
bool administered_here(const MentionInput& m);
// Sections whose diagnoses a coder sequences first (principal or first-listed).
bool is_diagnosis_section(const std::string& category);
// Sections of what was, or of a relative's (family, past medical and surgical history): no
// statement of this encounter's events.
bool is_history_section(const std::string& category);
// Initials as charts write them ("HCV", "HIV", "T2DM"): two to six capitals and digits, at least
// two of them letters.
bool is_initials(std::string_view text);
// The sentence around [begin, end) of `text`: from the line or sentence start before it to the
// line or sentence end after it (empty when the span is not in the text).
std::string_view sentence_around(std::string_view text, std::size_t begin, std::size_t end);

// Whether a procedure said to be past ("s/p") is this stay's: its sentence counts the
// postoperative days ("POD 1 s/p ORIF").
bool done_this_stay(const MentionInput& m);

// Lower case, single spaces: how procedure phrases are looked up.
std::string normalise_phrase(std::string_view phrase);

}  // namespace chartflow::coding
