// What the coder reads and proposes: the coding policy and a facility's conventions, the chart's
// mentions and sentences as the coding stage hands them over, and a proposed code with what it
// rests on (coder.hpp turns the one into the other).
#pragma once

#include <cstddef>
#include <optional>
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
// Whether a sentence can be read word by word at all: within the text, and no run-on of 2,000 bytes.
bool readable_statement(const SentenceInput& sentence, std::string_view text);

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

}  // namespace chartflow::coding
