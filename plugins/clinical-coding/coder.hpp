// Turns asserted mentions into ICD-10-CM, ICD-10-PCS and HCPCS codes under a coding policy,
// following the ICD-10-CM Official Guidelines where the text allows. Independent of JSON and the
// plugin ABI so each rule is testable on its own.
#pragma once

#include "code_set.hpp"
#include "index_tree.hpp"
#include "common/vocabulary.hpp"
#include "common/words.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace chartflow::coding {

enum class Policy { outpatient, inpatient, all_findings };
std::optional<Policy> parse_policy(std::string_view name);
const char* policy_name(Policy policy);

// Which personal (Z86, Z87) and family (Z80-Z84) history codes a chart gets. I.C.21.c.4 allows
// them "if the historical condition or family history has an impact on current care":
// when_relevant codes one only where its sentence ties it to this encounter (a screening or
// surveillance, a raised risk); all codes every history the chart names. History of malignancy
// (Z85) and status codes are coded either way.
enum class HistoryCodes { when_relevant, all };
std::optional<HistoryCodes> parse_history_codes(std::string_view name);
// Long-term (current) drug therapy codes (Z79): stated: where the chart states long-term use (and
// insulin, as mentions name it); current_medications: also from the drugs the chart says the
// patient takes (rules/long_term_drugs.tsv), a facility's convention (I.C.21.c.3, I.C.4.a.3).
enum class LongTermDrugCodes { stated, current_medications };
std::optional<LongTermDrugCodes> parse_long_term_drug_codes(std::string_view name);
// External causes of injuries (V00-Y99): none, or for the injuries a chart codes (external_causes.cpp).
enum class ExternalCauseCodes { none, injury_encounters };
std::optional<ExternalCauseCodes> parse_external_cause_codes(std::string_view name);
// A former smoker's history of nicotine dependence (Z87.891): when_relevant as other personal
// histories (history_codes), or always (many Tabular notes ask for it: I10-I25, J40-J47, C34 ...).
enum class TobaccoHistory { when_relevant, always };
std::optional<TobaccoHistory> parse_tobacco_history(std::string_view name);
// Body mass index (Z68): none, or with_associated_diagnosis: the BMI the chart states, where the
// provider documents a weight diagnosis it goes with (obesity, overweight, malnutrition, underweight,
// anorexia, cachexia), never in a pregnancy (I.B.14, I.C.21.c.3; bmi_codes.cpp).
enum class BmiCodes { none, with_associated_diagnosis };
std::optional<BmiCodes> parse_bmi_codes(std::string_view name);
// A facility's reporting conventions, the coding stage's options.
struct Conventions {
  HistoryCodes history = HistoryCodes::when_relevant;
  TobaccoHistory tobacco_history = TobaccoHistory::when_relevant;
  LongTermDrugCodes long_term_drugs = LongTermDrugCodes::stated;
  ExternalCauseCodes external_causes = ExternalCauseCodes::none;
  BmiCodes bmi = BmiCodes::none;
};

// A mention's assertion status (schemas/annotations/mention.schema.json).
enum class Assertion { affirmed, negated, uncertain, hypothetical, historical, family };
std::optional<Assertion> parse_assertion(std::string_view name);

// What a mention names (the schema's "kind").
enum class MentionKind { diagnosis, sign_or_symptom, injury, neoplasm, procedure, medication, finding, other };
std::optional<MentionKind> parse_mention_kind(std::string_view name);

struct MentionInput {
  std::string id, view;
  std::size_t begin = 0, end = 0;
  MentionKind kind = MentionKind::other;
  std::string system, code;      // the mention's candidate concept
  double score = 0.7;            // the mention's concept score
  std::string matched_term;      // vocabulary text that matched
  std::string text;              // the mention's own words in the chart
  Assertion status = Assertion::affirmed;
  std::string section_category;  // "" when outside any section
  std::string sentence_id;
  std::string_view context;      // the sentence around the mention (laterality, encounter words); points into the text
  std::string_view before, after;  // the sentence's text either side of the mention (the modifiers the index needs)
  std::string_view list_header;    // for an item of a list ("   - TUBULAR ADENOMA, 0.8 CM."), the header line it hangs from ("A. ASCENDING COLON, POLYP:")
  std::vector<std::string> past_cues;  // what made it historical: trigger phrases ("history of") and section categories
  bool improbable = false;             // uncertain because the text calls it unlikely or doubts it, not because it may be
};

struct Evidence {
  std::string view;
  std::size_t begin = 0, end = 0;
};

// A sentence of the chart and the category of the section it stands in: where statements that
// are no mention of their own ("due to ibuprofen", "overdosed on fentanyl") are read.
struct SentenceInput {
  std::size_t begin = 0, end = 0;
  std::string section_category;
};

// The chart's text in lower case (same offsets) and where its cue words stand, found in one pass
// (cue_scan.cpp): which sentences hold a drug effect's cue, whether any vaccine is named.
struct ChartCues {
  std::string lowered;
  std::vector<bool> drug_sentences;  // by sentence index
  bool names_vaccine = false;
};
ChartCues scan_cues(std::string_view text, const std::vector<SentenceInput>& sentences);

// Whether a sentence can state something of this encounter that no mention names (a drug's
// effect, a vaccine given, a delivery): inside the text, under 2,000 bytes, and not in a history
// or a list (past medical, surgical, family and social history, medications, allergies), which
// say what was, or what is taken, not what happened now.
bool states_this_encounter(const SentenceInput& sentence, std::string_view text);

struct ProposedCode {
  std::string system, code, display, version;
  std::vector<std::string> mention_ids;
  std::vector<Evidence> evidence;
  double confidence = 0;
  std::string rule;
  std::vector<std::string> review_reasons;
  std::vector<std::string> use_additional;  // notes a coder may act on (attributes, not review)
  std::vector<std::string> code_first;      // "code first" notes no code of the chart answers ("if applicable")
  std::string etiology;                     // the chart's code a "code first" note names: it leads this one
  std::vector<std::string> candidates;      // a partial PCS code: the valid codes it could be
  std::string role;                          // principal, first_listed, secondary, procedure, supply
  std::size_t first_offset = 0;              // for sequencing
  bool from_diagnosis_section = false;
  bool partial = false;
  std::size_t mention_words = 0;  // the most words a mention of it has ("deep vein thrombosis": 3)
  int index_depth = 0;            // how deep the chart's words led into the index (0: the mention's own entry)
  bool combination = false;       // made by a combination rule (I.A.15 "with")
  std::string condition;          // the head word of its first mention ("fibrillation"): one condition, two codes?
  std::string manifestation;      // the index's bracketed code beside this one ("G30.9 [F02.80]"), to add
  std::vector<std::string> index_siblings;  // sibling subterms the chart names as well ("intramural and subserosal"), each a code of its own
  bool named_with_siblings = false;         // one of such siblings: none is the others said less exactly
  // The strongest diagnosis statement the code rests on (discharge / postoperative / final
  // diagnosis 0, "admitted with" 5, assessment 10, admission / preoperative 20, reason for the
  // encounter 30, none 90) and where in it: what the principal or first-listed diagnosis is chosen by.
  int statement_rank = 90;
  std::size_t statement_offset = static_cast<std::size_t>(-1);
};

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

// An encounter for a routine general examination (Z00.0-, Z00.1-): first-listed when it is the
// visit's reason (I.C.21.c.13), with anything the exam finds after it.
// (A preprocedural examination, Z01.81-, is one too: first-listed, then the surgery's reason, IV.M.)
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

// The code set versions in force for one chart (chosen by its date of service).
struct CodeSetRefs {
  const CodeSet* icd10cm = nullptr;
  const CodeSet* icd10pcs = nullptr;
  const CodeSet* hcpcs = nullptr;
};

// Rule tables that do not change with the code set version; loaded once, shared by all charts.
struct CoderData {
  struct StatusRow {
    Assertion assertion;  // historical or family
    std::string first, last, code, note;
  };
  std::vector<StatusRow> history_codes;  // rules/history_codes.tsv
  struct Combination {
    std::string first, second, result, note;
    bool keep_second = false;
    bool same_sentence = false;  // only when one sentence names both ("GI bleed, diverticular in origin")
  };
  std::vector<Combination> combinations;                    // rules/combinations.tsv
  std::map<std::string, std::vector<std::string>> procedure_codes;  // normalised phrase -> PCS/HCPCS codes
  std::vector<std::pair<std::string, char>> pcs_approaches;           // "laparoscopic" -> '4' (section 0)
  struct PcsBodyPart {
    std::string phrase;
    char value = 0, system = 0;  // "right distal radius": 'H' in body system 'P'
  };
  std::vector<PcsBodyPart> pcs_body_parts;  // pcs/axes.tsv, section 0, longest phrase first
  // A procedure word's body parts when it allows several ("hemiarthroplasty": R or S, the hip's
  // femoral surface): normalised phrase -> the values ("RS").
  std::map<std::string, std::string> pcs_word_body_parts;
  // ... and its root operations when it allows several ("hernia repair": Q, or U with a mesh).
  std::map<std::string, std::string> pcs_word_roots;
  struct PcsDevice {
    std::string phrase;
    char value = 0;
    std::vector<std::string> tables;  // "0:P:S": section, body system, root operation ('*' any)
  };
  std::vector<PcsDevice> pcs_devices;  // pcs/axes.tsv, longest phrase first
  std::vector<std::string> chronic_conditions;  // rules/chronic_conditions.tsv: code prefixes
  // rules/chronic_conditions_by_treatment.tsv: chronic conditions a history list names that count
  // only where the chart shows them treated, each with the drugs for it.
  std::vector<std::pair<std::string, std::vector<std::string>>> chronic_by_treatment;
  std::vector<std::string> generic_codes;       // rules/generic_codes.tsv: codes that say less than any other

  struct Companion {
    std::string condition_prefix, word, code, note;
    std::vector<std::string> unless;  // words of a sentence that says the status does not hold
  };
  std::vector<Companion> companions;  // rules/companion_codes.tsv
  struct InfectiousAgent {
    std::string phrase, code, note;
  };
  std::vector<InfectiousAgent> infectious_agents;  // rules/infectious_agents.tsv, in the table's order
  std::vector<std::pair<std::string, std::string>> manifestation_equivalents;  // rules/manifestation_equivalents.tsv: (F02, F03)
  struct ProcedureStatus {
    std::string pcs_prefix, code, note;
    // Whether `pcs_code` starts with the row's prefix, a '-' in it standing for any character
    // ("027--4": a coronary dilation with a drug-eluting stent, whatever artery).
    bool covers(std::string_view pcs_code) const {
      return pcs_prefix.size() <= pcs_code.size() &&
             std::equal(pcs_prefix.begin(), pcs_prefix.end(), pcs_code.begin(), [](char p, char c) { return p == '-' || p == c; });
    }
  };
  std::vector<ProcedureStatus> procedure_status;  // rules/procedure_status_codes.tsv
  std::vector<ProcedureStatus> screening_codes;   // rules/screening_codes.tsv (procedure code -> Z12/Z13)
  struct IntegralFinding {
    std::string condition_prefix, integral_prefix, note;
  };
  std::vector<IntegralFinding> integral_findings;  // rules/integral_findings.tsv
  // rules/drug_classes.tsv: a drug's words ("ibuprofen", "r chop") to the stem of its poisoning,
  // adverse effect and underdosing codes ("T39.31"), and whether anyone prescribes it.
  enum class DrugKind { prescribed, illicit, toxic };
  struct DrugClass {
    std::string stem;
    DrugKind kind = DrugKind::prescribed;
  };
  std::map<std::string, DrugClass, std::less<>> drug_classes;
  Vocabulary drug_first_words;  // the first word of each name: most words are none (a flat table: every chart word is asked)
  std::set<std::string, std::less<>> prescribed_drug_words;  // each word of a prescribed drug's name, as WordBag folds it
  std::size_t longest_drug_name = 1;                     // in words
  void load_drug_classes(const std::string& file);
  // rules/long_term_drugs.tsv: a drug's words to its Z79 code, by the drug name's first word.
  struct LongTermDrug {
    std::vector<std::string> rest;  // the name's words after the first
    std::string code;
    bool needs_stated_long_term = false;  // given for days too (antibiotics, opiates): only where the chart says long-term
  };
  std::map<std::string, std::vector<LongTermDrug>, std::less<>> long_term_drugs;
  void load_long_term_drugs(const std::string& file);
  // rules/external_causes.tsv: how, where and doing what an injury happened, in table order.
  enum class ExternalCauseAxis { mechanism, place, activity };
  struct ExternalCause {
    ExternalCauseAxis axis = ExternalCauseAxis::mechanism;
    std::vector<std::string> phrases;  // all in one sentence
    std::string code;                  // a mechanism's without its 7th character; home:ROOM for a room of a home
  };
  std::vector<ExternalCause> external_causes;
  void load_external_causes(const std::string& file);
  // rules/device_complications.tsv: the words that name a complication of a device and the
  // device's entry in the index, in table order.
  enum class DeviceComplication { infection, obstruction, displacement, breakdown, malfunction, leakage, thrombosis, stenosis, loosening, dislocation };
  struct DeviceComplicationWord {
    std::string word;
    DeviceComplication kind = DeviceComplication::infection;
  };
  struct DeviceEntry {
    std::vector<std::string> phrases;              // all in the clause
    std::vector<DeviceComplication> kinds;         // the complications it is for; empty for any
    std::string entry;                             // the device's index entry, as printed
    std::string then;                              // a subterm below the complication's ("knee"), or empty
  };
  std::vector<DeviceComplicationWord> device_complication_words;
  words::PhraseFinder device_complication_finder;  // the words above, by their index there
  std::vector<DeviceEntry> device_entries;
  void load_device_complications(const std::string& file);

  // The convention tables of rules/ (chronic conditions, generic codes, companion codes,
  // manifestation equivalents, procedure status codes, screening codes, integral findings), by their file names.
  void load_tables(const std::string& rules_dir);
  void load_rules(const std::string& history_file, const std::string& combinations_file);
  void load_procedures(const std::string& file);  // phrase, code, note (pcs/procedures.tsv, pcs/hcpcs_phrases.tsv)
  void load_pcs_axes(const std::string& file);    // pcs/axes.tsv (the approach words)

  // pcs/procedure_context.tsv: when a procedure phrase names a procedure of this stay.
  // needs_word ("requires"): one of the words is in the sentence; not_with: none is; not_after: none ends the
  // text right before the phrase ("febrile neutropenia due to chemotherapy").
  enum class ContextRule { needs_word, not_with, not_after };
  struct ProcedureContext {
    std::string code_prefix;
    ContextRule rule = ContextRule::not_with;
    std::vector<std::string> words;
    std::string note, instead;  // instead: an ICD-10-CM status code for what the rule refused
  };
  std::vector<ProcedureContext> procedure_context;
  void load_procedure_context(const std::string& file);
};

// Whether an ICD-10-CM mention is coded as a diagnosis: a condition, sign, finding, injury or
// neoplasm, or a status a coder reports (transplant, pacemaker, DNR, tobacco use).
bool codes_as_diagnosis(const MentionInput& m);

class ModifierWindows;

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

class Coder {
 public:
  Coder(const CoderData& data, CodeSetRefs sets, HistoryCodes history = HistoryCodes::when_relevant)
      : data_(data), sets_(sets), history_(history) {}
  Coder(const CoderData& data, CodeSetRefs sets, const Conventions& conventions)
      : data_(data), sets_(sets), history_(conventions.history), tobacco_history_(conventions.tobacco_history),
        long_term_drugs_(conventions.long_term_drugs),
        external_causes_(conventions.external_causes), bmi_(conventions.bmi) {}
  // Codes in sequence order: principal or first-listed diagnosis first, then other diagnoses in
  // text order, then procedures. Every code is billable in its code set (checked here again).
  // `text` (the view the mentions point into, named `view`) is read for what no mention names:
  // a stroke's NIHSS score; its `sentences` for a drug's poisoning, adverse effect or underdosing.
  std::vector<ProposedCode> code(const std::vector<MentionInput>& mentions, Policy policy, std::string_view text = {},
                                 const std::string& view = "normalized", const std::vector<SentenceInput>& sentences = {}) const;

  struct Refined {
    std::string code;
    double factor = 1;  // how much the refinement lowers confidence
    std::vector<std::string> steps, review;
  };
  // The most specific billable code under `code` that `context` supports: laterality from the
  // words, unspecified children otherwise, the 7th character from encounter words. nullopt when
  // the code is not in the code set at all.
  std::optional<Refined> refine(const std::string& code, std::string_view context) const;

  struct BuiltPcs {
    std::string code;  // complete, or a pattern with '-' for the axes the text leaves open
    bool partial = false;
    std::vector<std::string> steps, candidates, open_axes;
  };
  // An ICD-10-PCS code from a procedure word's pattern ("0FT4---": resection of gallbladder) and
  // the sentence (approach words). Complete when the text and the code set leave one code;
  // partial otherwise, never padded with guesses. nullopt when no valid code fits.
  // `allowed_body` / `allowed_roots`: the values a word allows where it allows several.
  std::optional<BuiltPcs> build_pcs(const std::string& pattern, std::string_view context, std::string_view allowed_body = {},
                                    std::string_view allowed_roots = {}) const;
  // The body part (with its body system) and the device of a section-0 pattern, where the
  // sentence names exactly one that the code set has ("ORIF of right distal radius with volar
  // locking plate": 0PSH0 4). A reduction held by a device the sentence names is no closed
  // (external) reduction alone: its approach is read again from the text.
  void read_pcs_axes(std::string& pattern, const std::string& context, std::vector<std::string>& steps, std::string_view allowed_body = {}) const;
  void read_pcs_device(std::string& pattern, const std::string& context, std::vector<std::string>& steps) const;
  void read_transfusion(std::string& pattern, const std::string& context, std::vector<std::string>& steps) const;
  // An introduction into a vein (3E0-3--) through the central or peripheral line its sentence names.
  void read_infusion_vein(std::string& pattern, const std::string& context, std::vector<std::string>& steps) const;
  std::set<std::pair<char, char>> sided_body_part(const std::string& pattern, const std::string& context, std::string& said) const;
  // Of a procedure word's allowed body parts, the one whose code titles name the side the text says.
  std::set<std::pair<char, char>> body_part_by_side(const std::string& pattern, const std::string& context, std::string_view allowed_body,
                                                    std::string& said) const;

  // One code per injury (I.B.2): a loose name ("Other fracture of unspecified lower leg") gives
  // its evidence to the exact injury code of its category and encounter on the same side.
  void drop_loose_injury_names(std::vector<ProposedCode>& codes) const;
  // A partial PCS code ("0TB-4ZZ") that a complete code of the chart fills in ("0TB04ZZ") goes into it.
  static void drop_partials_a_code_completes(std::vector<ProposedCode>& px);

 private:
  struct AssertionReading {
    std::string candidate, rule;
    double confidence = 0;
    std::vector<std::string> review;
    bool chronic_history = false;  // a chronic condition named only as history, coded as still present
  };
  // How a diagnosis mention's assertion bears on coding it: coded as stated, as uncertain (with a
  // review reason), as a chronic condition still present, or as a history code; nullopt: not coded.
  std::optional<AssertionReading> read_assertion(const MentionInput& m, Policy policy) const;
  // What the whole chart says that bears on one mention's code.
  struct ChartFacts {
    std::set<std::string> sentences_with_diagnosis;  // sentence ids with an affirmed definitive diagnosis
    bool cerebrovascular = false;                     // an affirmed stroke or haemorrhage (I60-I63) or its sequelae (I69)
    bool diagnostic_mammogram = false;                // "Exam: Diagnostic bilateral mammogram": a work-up, no screening
    bool adult = false;                               // a stated age of 18 or more: the index's "adult" subterms apply
    std::string exam_side;                            // "right" or "left": the side an imaging report's exam line names
    bool splenectomy = false;                         // a mention names a splenectomy: an asplenia is acquired (Z90.81)
    std::set<std::string> treated_chronic;            // chronic_by_treatment prefixes whose drug the chart names
  };
  std::optional<ProposedCode> code_diagnosis(const MentionInput& m, Policy policy, const ModifierWindows& windows, const ChartFacts& chart) const;
  // Coder::code's steps (mention_selection.cpp: the facts and each mention; coder.cpp: the list).
  ChartFacts chart_facts(const std::vector<MentionInput>& mentions, std::string_view text) const;
  void code_mentions(const std::vector<MentionInput>& mentions, Policy policy, const ChartFacts& facts, std::vector<ProposedCode>& dx,
                     std::vector<ProposedCode>& px) const;
  void apply_list_conventions(std::vector<ProposedCode>& dx, const std::vector<MentionInput>& mentions, Policy policy, std::string_view text,
                              const std::vector<SentenceInput>& sentences) const;
  void add_chart_level_codes(std::vector<ProposedCode>& dx, std::vector<ProposedCode>& px, const std::vector<MentionInput>& mentions, Policy policy,
                             std::string_view text, const std::string& view, const std::vector<SentenceInput>& sentences) const;
  void settle(std::vector<ProposedCode>& dx, std::vector<ProposedCode>& px, const std::vector<MentionInput>& mentions, Policy policy,
              std::string_view text, const std::string& view, const std::vector<SentenceInput>& sentences) const;
  // code_diagnosis's steps, in order (mention_coding.cpp; the rewording in diagnosis_wording.cpp).
  struct IndexReading {
    int depth = 0;              // subterm levels the walk went below the main term
    std::string manifestation;  // the code the index prints beside it in brackets
    std::string site;           // the subterm the walk ended on ("lower limb"), read by the Tabular's subdivisions
    std::vector<std::pair<std::string, std::string>> siblings;  // sibling subterms the chart joins: code, label
  };
  bool left_uncoded(const MentionInput& m, Policy policy, const ChartFacts& chart, const AssertionReading& reading) const;
  bool read_index_for(const MentionInput& m, const ModifierWindows& windows, const ChartFacts& chart, AssertionReading& reading,
                      IndexReading& index) const;
  bool reword_by_context(const MentionInput& m, Policy policy, AssertionReading& reading) const;
  void reword_by_cause_and_habit(const MentionInput& m, const ChartFacts& chart, AssertionReading& reading) const;
  ProposedCode proposed_diagnosis(const MentionInput& m, AssertionReading reading, const IndexReading& index, const Refined& refined) const;
  std::optional<ProposedCode> code_procedure_status(const MentionInput& m, Policy policy) const;
  // The screening code a screening procedure of this encounter gives ("screening colonoscopy,
  // high risk" G0105 -> Z12.11).
  std::optional<ProposedCode> code_screening_reason(const MentionInput& m) const;
  // The code a procedure table (procedure code prefix -> ICD-10-CM code) gives a procedure
  // mention, refined by its sentence, with the row that gave it; the caller writes the rule.
  std::optional<std::pair<ProposedCode, const CoderData::ProcedureStatus*>> code_by_procedure(
      const MentionInput& m, const std::vector<CoderData::ProcedureStatus>& table, double factor) const;
  // A tumour histology (ICD-O-3) or a Table code without a site, as the ICD-10-CM mention of the
  // Neoplasm Table row its site words reach; nullopt when they reach none (neoplasm_coding.cpp).
  std::optional<MentionInput> neoplasm_table_mention(const MentionInput& m) const;
  void drop_in_situ_beside_invasive(std::vector<ProposedCode>& dx) const;
  void resolve_cancer_history(std::vector<ProposedCode>& dx, const std::vector<MentionInput>& mentions) const;
  std::vector<ProposedCode> code_procedure(const MentionInput& m, Policy policy) const;
  // code_procedure's steps (procedure_mentions.cpp).
  std::vector<ProposedCode> code_pcs_pattern_mention(const MentionInput& m, const CodeSet& set) const;
  std::optional<ProposedCode> status_left_by(const MentionInput& m, const std::string& code, const CoderData::ProcedureContext& refused, Policy policy) const;
  ProposedCode procedure_code(const MentionInput& m, const std::string& code, const CodeSet& set) const;
  // The rule of pcs/procedure_context.tsv by which the procedure `code` of mention `m` was not
  // done in this stay (by its sentence's words), or nullptr when nothing says so.
  const CoderData::ProcedureContext* not_this_stay(const MentionInput& m, const std::string& code) const;
  // A hip or knee replacement's device (a hip's bearing surfaces) and qualifier ("cemented",
  // "uncemented") from its sentence; and one code for a replacement named twice.
  void choose_joint_replacement(ProposedCode& c, std::string_view context) const;
  // A bone marrow biopsy's bone, where its sentence names one (iliac crest: 07DR3ZX).
  void choose_marrow_site(ProposedCode& c, std::string_view context) const;
  void choose_drainage_device(ProposedCode& c, std::string_view context) const;
  void merge_joint_replacements(std::vector<ProposedCode>& px) const;
  // Mechanical ventilation (5A19?5Z) completed with the duration the chart states.
  void complete_ventilation(std::vector<ProposedCode>& px, std::string_view text) const;
  // A procedure code the approach alone leaves partial, completed as open when the chart
  // describes an incision and no other approach (open_approach.cpp).
  void complete_open_approach(std::vector<ProposedCode>& px, const std::vector<SentenceInput>& sentences, std::string_view text) const;
  // An EGD or colonoscopy coded by the biopsy (by site) or bleeding control its report describes,
  // instead of the inspection.
  static void drop_inspections_beside_definitive(std::vector<ProposedCode>& px);
  static void drop_fragmentation_beside_extirpation(std::vector<ProposedCode>& px);
  void code_endoscopy_findings(std::vector<ProposedCode>& px, std::string_view text) const;
  std::optional<ProposedCode> code_pcs_pattern(const MentionInput& m, const CodeSet& set) const;
  // The Alphabetic Index read for `code` with the chart's words, going on from the other entries
  // of the code the walk reached.
  // The "other foreign object" code (T1x.x9-) for a foreign body whose object the clause names.
  std::optional<std::pair<std::string, std::string>> foreign_object_named(const std::string& code, const MentionInput& m) const;
  std::optional<IndexTree::Navigation> read_index_on(const std::string& code, const WordBag& reach, const WordBag& words) const;
  void apply_tabular_notes(std::vector<ProposedCode>& dx) const;
  std::vector<ProposedCode>::iterator choose_lead(std::vector<ProposedCode>& dx, Policy policy, const std::vector<std::string>& presenting,
                                                  const std::vector<ProposedCode>& px) const;  // sequencing.cpp
  // An unspecified finding recoded to the exact code a neighbour's use-additional note names for
  // it ("urinary retention (R33.8)" under N40.1; note_named_codes.cpp).
  void code_findings_as_notes_name(std::vector<ProposedCode>& dx) const;
  void keep_billable(std::vector<ProposedCode>& codes) const;
  std::optional<std::string> status_code(Assertion assertion, const std::string& code) const;
  // The sibling of an unspecified-side code whose title says `side` instead ("left female breast").
  std::optional<std::string> sided_sibling(const std::string& code, const std::string& side) const;
  void apply_combinations(std::vector<ProposedCode>& codes, const std::vector<SentenceInput>& sentences) const;
  void apply_combination_round(std::vector<ProposedCode>& codes, const std::vector<SentenceInput>& sentences) const;
  void drop_less_specific(std::vector<ProposedCode>& codes, const std::vector<MentionInput>& mentions) const;
  void drop_unspecified_in_category(std::vector<ProposedCode>& codes) const;
  void drop_terms_a_combination_names(std::vector<ProposedCode>& codes) const;
  void drop_integral_symptoms(std::vector<ProposedCode>& codes, const std::vector<MentionInput>& mentions) const;
  // II.H (inpatient): a diagnosis only suspected on the way ("Admitting diagnoses: possible
  // sepsis") that the discharge or final diagnoses do not name is not coded.
  static void drop_unconfirmed_suspicions(std::vector<ProposedCode>& codes, const std::vector<MentionInput>& mentions);
  void resolve_excludes1(std::vector<ProposedCode>& codes) const;
  // `presenting`: the codes of what brought the patient in (chief complaint, "presents with").
  // `px`: the stay's procedures; an inpatient stay's operation tells its principal diagnosis.
  void sequence(std::vector<ProposedCode>& dx, Policy policy, const std::vector<std::string>& presenting,
                const std::vector<ProposedCode>& px = {}) const;
  // Whether `c` is, or routinely causes (rules/integral_findings.tsv), one of `presenting`.
  bool explains(const ProposedCode& c, const std::vector<std::string>& presenting) const;
  // An assessment or admission diagnosis lists problems by system or severity, not by why the
  // patient came: when it lists a chronic condition first, the condition that explains the
  // presenting complaint leads ("CC: left leg redness and swelling" -> the cellulitis, listed
  // second after the diabetes it upset). A discharge or postoperative diagnosis keeps the
  // physician's order, and so do two acute conditions.
  std::vector<ProposedCode>::iterator the_reason_for_coming(std::vector<ProposedCode>& dx, std::vector<ProposedCode>::iterator lead,
                                                            const std::vector<std::string>& presenting) const;
  bool chronic_and_current(const MentionInput& m) const;
  bool is_chronic(const std::string& code) const;  // rules/chronic_conditions.tsv
  // Whether a Tabular "use additional code" note of `code` cites `other` (I12.0 asks for N18.6).
  bool asks_for(const std::string& code, const std::string& other) const;
  void superimpose_pre_eclampsia(std::vector<ProposedCode>& codes) const;
  void code_complications_of_abortive_outcome(std::vector<ProposedCode>& codes) const;  // pregnancy_coding.cpp
  std::vector<ProposedCode>::iterator the_diagnosis_beside_a_symptom(std::vector<ProposedCode>& dx, std::vector<ProposedCode>::iterator lead,
                                                                     const std::vector<std::string>& presenting) const;
  void drop_generic_codes(std::vector<ProposedCode>& codes) const;
  // A tumour, mass or cancer named vaguely (D49.9, C80.1, C79.9, R22.9) in a chart that codes a
  // neoplasm exactly is that neoplasm said vaguely, under every policy (research extraction too).
  static void drop_vague_tumours(std::vector<ProposedCode>& codes);
  // Use, abuse and dependence of one substance together: the strongest alone (I.C.5.b.2).
  void keep_the_strongest_substance_pattern(std::vector<ProposedCode>& codes) const;
  void code_induced_psychosis_detail(std::vector<ProposedCode>& codes) const;
  // Type 2 is the default diabetes only where the chart states no other type (diabetes_type.cpp).
  void carry_stated_diabetes_type(std::vector<ProposedCode>& dx, const std::vector<MentionInput>& mentions, std::string_view text) const;
  // "Pneumonia, unspecified organism" (J18.9) beside a pneumonia the chart names by its organism
  // or kind (Legionnaires' disease A48.1, J15.1, aspiration J69.0): the same pneumonia said vaguely.
  void drop_pneumonia_of_unnamed_organism(std::vector<ProposedCode>& codes) const;
  void add_companion_codes(std::vector<ProposedCode>& codes, const std::vector<MentionInput>& mentions) const;
  // Severe sepsis (R65.2x) is coded after its systemic infection (I.C.1.d.1.b): when the chart's
  // codes have none, the infection is read from the index's Sepsis entry with the chart's words.
  void add_systemic_infection(std::vector<ProposedCode>& codes, const std::vector<MentionInput>& mentions) const;
  // B95-B97 for the agent a localized infection's sentence names, where its Tabular note asks for it.
  void add_infectious_agents(std::vector<ProposedCode>& dx, const std::vector<MentionInput>& mentions) const;
  void add_covid_vaccination_status(std::vector<ProposedCode>& dx, std::string_view text, const std::string& view) const;
  // A pregnancy code at "unspecified trimester" takes the trimester the stated weeks fall in (I.C.15.a.3).
  void assign_trimester(std::vector<ProposedCode>& codes, int weeks) const;
  // "Acute on chronic renal failure": no code combines them, so both are coded, acute kidney
  // failure (N17.9) and chronic kidney disease (N18.9, unless the chart codes its stage).
  void code_acute_on_chronic_kidney(std::vector<ProposedCode>& codes, const std::vector<MentionInput>& mentions) const;
  void add_manifestations(std::vector<ProposedCode>& codes) const;
  // A lymphoma left at "unspecified site" takes the node region its specimen heading names (hematopoietic.cpp).
  void place_lymphoma_by_the_chart(std::vector<ProposedCode>& dx, std::string_view text) const;
  // I10 for a kidney disease the chart calls hypertensive, so the combination gives I12.- (circulatory_conventions.cpp).
  void add_stated_hypertension(std::vector<ProposedCode>& dx, const std::vector<MentionInput>& mentions) const;
  // A device status (Z95.5, Z96.65-, ...) whose procedure this stay's ICD-10-PCS codes hold is that procedure's.
  void drop_statuses_of_this_stay(std::vector<ProposedCode>& dx, const std::vector<ProposedCode>& px) const;
  // Angina beside an acute myocardial infarction is the infarction's (no I25.11- combination; circulatory_conventions.cpp).
  static void drop_angina_of_an_infarction(std::vector<ProposedCode>& codes);
  // I63.9 beside an occlusion I66.xx the chart names: the infarction by artery, side and mechanism (stroke_coding.cpp).
  void code_infarction_by_artery(std::vector<ProposedCode>& codes, const std::vector<MentionInput>& mentions) const;
  void code_infarction_by_words(std::vector<ProposedCode>& codes, const std::vector<MentionInput>& mentions) const;
  // A fracture of known osteoporosis from minor trauma as its pathological fracture (M80, I.C.13.d.2).
  void code_fragility_fractures(std::vector<ProposedCode>& dx, std::string_view text) const;
  // Dementia codes with the severity and disturbance their sentence states; F03 beside F01/F02 goes.
  void code_dementia_detail(std::vector<ProposedCode>& dx, std::string_view text) const;
  // A leg's deep vein thrombosis by the veins its sentence names (I82.41- to I82.46-).
  void code_leg_dvt_by_vein(std::vector<ProposedCode>& dx, std::string_view text) const;
  // The first NIHSS score the chart states, as R29.7xx beside a cerebral infarction (stroke_coding.cpp).
  void add_nihss_score(std::vector<ProposedCode>& codes, std::string_view text, const std::string& view) const;
  // Z3A weeks of gestation from the gestational age the chart states, beside a pregnancy code (pregnancy_coding.cpp).
  // An ICD-10-CM code the text itself states (no mention names it: a score, a gestational age,
  // a drug's effect), with its evidence span; `code` must be in the code set.
  ProposedCode stated_code(const std::string& code, double confidence, std::string rule, const std::string& view, std::size_t begin,
                           std::size_t end) const;
  void add_drug_effects(std::vector<ProposedCode>& codes, const std::vector<MentionInput>& mentions, const std::vector<SentenceInput>& sentences,
                        std::string_view text, const ChartCues& cues, const std::string& view, Policy policy) const;
  void code_examination_findings(std::vector<ProposedCode>& codes, const std::vector<MentionInput>& mentions) const;
  void add_immunization(std::vector<ProposedCode>& codes, const std::vector<SentenceInput>& sentences, std::string_view text,
                        const ChartCues& cues, const std::string& view) const;
  void code_delivery(std::vector<ProposedCode>& codes, const std::vector<SentenceInput>& sentences, std::string_view text, const std::string& view) const;
  // A condition of a pregnancy chart that chapter 15 codes first, with its own code kept for the
  // detail ("Class 3 obesity complicating pregnancy": O99.21- and E66.813, I.C.15.a.1).
  void code_conditions_complicating_pregnancy(std::vector<ProposedCode>& codes, std::string_view text) const;
  void add_weeks_of_gestation(std::vector<ProposedCode>& codes, std::string_view text, const std::string& view) const;
  // A prenatal visit: Z34.- (normal) or O09.- (high-risk) by gravidity, risk and trimester (prenatal_supervision.cpp).
  void add_prenatal_supervision(std::vector<ProposedCode>& codes, const std::vector<SentenceInput>& sentences, std::string_view text,
                                const ChartCues& cues, const std::string& view) const;
  // A newborn's birth record: the liveborn infant first (Z38), prematurity by its weeks, and the
  // newborn codes of jaundice and feeding problems (newborn_coding.cpp).
  void code_newborn(std::vector<ProposedCode>& dx, const std::vector<MentionInput>& mentions, std::string_view text, const std::string& view) const;
  void recode_neonatal_feeding(std::vector<ProposedCode>& dx, const std::vector<MentionInput>& mentions) const;
  void add_liveborn(std::vector<ProposedCode>& dx, const std::vector<MentionInput>& mentions, const std::string& lowered, const std::string& view) const;
  void recode_newborn_conditions(std::vector<ProposedCode>& dx, const std::vector<MentionInput>& mentions) const;
  // An encounter solely for chemotherapy, immunotherapy or radiation therapy: Z51.11, Z51.12,
  // Z51.0 first (I.C.2.e.2; therapy_encounter.cpp).
  void add_therapy_encounter(std::vector<ProposedCode>& dx, const std::vector<SentenceInput>& sentences, const ChartCues& cues,
                             const std::string& view) const;
  // A pleural effusion that heart failure or pneumonia would include, coded (J91.8) when treated.
  void code_treated_effusion(std::vector<ProposedCode>& codes, const std::vector<MentionInput>& mentions, std::string_view text,
                             const std::string& view) const;
  // A breast cancer's hormone receptor and HER2 status (Z17), combined when the chart gives both.
  void add_receptor_status(std::vector<ProposedCode>& codes, std::string_view text, const std::string& view) const;
  // A perineal laceration of a stated degree on a delivery record (O70.x) and its repair.
  void code_obstetric_laceration(std::vector<ProposedCode>& dx, std::vector<ProposedCode>& px, std::string_view text, const std::string& view) const;
  void drop_integral_findings(std::vector<ProposedCode>& codes) const;
  // Section III.B: a condition named only in a study's result, never by the provider (study_findings.cpp).
  void drop_study_findings(std::vector<ProposedCode>& dx, const std::vector<MentionInput>& mentions) const;
  // Outpatient (IV.J): a coexisting condition the visit's own note says it did not address.
  static void drop_conditions_not_addressed(std::vector<ProposedCode>& codes, const std::vector<MentionInput>& mentions);
  // Z79 long-term drug therapy from the drugs the chart says the patient takes (long_term_drugs.cpp).
  void add_long_term_drug_therapy(std::vector<ProposedCode>& dx, const std::vector<SentenceInput>& sentences, std::string_view text,
                                  const ChartCues& cues, const std::string& view) const;
  // T82-T85 (and T80.21-, K94, J95.0) for a complication of a device the chart states: "infected
  // AV graft", "occluded biliary stent" (device_complications.cpp). It leads the condition it
  // caused in the same statement (I.C.19.g, the T80-T88 "use additional code" note).
  void add_device_complications(std::vector<ProposedCode>& dx, const std::vector<MentionInput>& mentions, const std::vector<SentenceInput>& sentences,
                                const ChartCues& cues, const std::string& view, Policy policy) const;
  // Z68 for the BMI the chart states beside a weight diagnosis (bmi_codes.cpp).
  // (`lowered`: the chart's text in lower case, as scan_cues gives it.)
  void add_bmi(std::vector<ProposedCode>& dx, std::string_view text, std::string_view lowered, const std::string& view) const;
  // N18.6 alone where ESRD and a CKD stage are both documented (end_stage_kidney.cpp).
  void stage_end_stage_kidney(std::vector<ProposedCode>& dx, const std::vector<MentionInput>& mentions) const;
  // I69 for the deficits the chart puts down to an earlier stroke (stroke_sequelae.cpp).
  void code_stroke_sequelae(std::vector<ProposedCode>& dx, const std::vector<MentionInput>& mentions) const;
  // T31 (T32) for the extent of body surface a chart's burns (corrosions) cover (burn_extent.cpp).
  void add_burn_extent(std::vector<ProposedCode>& dx, std::string_view text, std::string_view lowered, const std::string& view) const;
  // V00-Y99 for the injuries the chart codes (external_causes.cpp).
  void add_external_causes(std::vector<ProposedCode>& dx, const std::vector<SentenceInput>& sentences, std::string_view text,
                           const ChartCues& cues, const std::string& view) const;
  const CoderData& data_;
  CodeSetRefs sets_;
  HistoryCodes history_;
  TobaccoHistory tobacco_history_ = TobaccoHistory::when_relevant;
  LongTermDrugCodes long_term_drugs_ = LongTermDrugCodes::stated;
  ExternalCauseCodes external_causes_ = ExternalCauseCodes::none;
  BmiCodes bmi_ = BmiCodes::none;
};

}  // namespace chartflow::coding
