// Turns asserted mentions into ICD-10-CM, ICD-10-PCS and HCPCS codes under a coding policy,
// following the ICD-10-CM Official Guidelines where the text allows. Independent of JSON and the
// plugin ABI so each rule is testable on its own.
#pragma once

#include "code_set.hpp"
#include "coder_data.hpp"
#include "coder_inputs.hpp"
#include "coding_predicates.hpp"
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

class ModifierWindows;

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
  // A past (historical) or a relative's (family) mention: coded as a status, a chronic condition
  // still present, a cancer still treated, the finding (all findings) or its history code; false
  // when none applies.
  bool read_past_or_family(const MentionInput& m, Policy policy, AssertionReading& r) const;
  // An uncertain diagnosis under the policy: false when it is not coded; otherwise `r` gets the
  // review reason and a lower confidence.
  static bool read_uncertain(const MentionInput& m, Policy policy, AssertionReading& r);
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
  bool reword_by_context(const MentionInput& m, AssertionReading& reading) const;
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
  void to_named_side_before_seventh(Refined& r, const std::string& side) const;
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
  void code_site_unnamed_infection_as_agent(std::vector<ProposedCode>& dx, const std::vector<MentionInput>& mentions) const;
  void add_infectious_agents(std::vector<ProposedCode>& dx, const std::vector<MentionInput>& mentions, const std::vector<SentenceInput>& sentences,
                             std::string_view text, const std::string& view) const;
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
  static void drop_traumatic_default_of_a_stated_bleed(std::vector<ProposedCode>& codes);
  // I63.9 beside an occlusion I66.xx the chart names: the infarction by artery, side and mechanism (stroke_coding.cpp).
  void code_infarction_by_artery(std::vector<ProposedCode>& codes, const std::vector<MentionInput>& mentions) const;
  void code_infarction_by_words(std::vector<ProposedCode>& codes, const std::vector<MentionInput>& mentions) const;
  // A fracture of known osteoporosis from minor trauma as its pathological fracture (M80, I.C.13.d.2).
  void code_fragility_fractures(std::vector<ProposedCode>& dx, std::string_view text) const;
  // Dementia codes with the severity and disturbance their sentence states; F03 beside F01/F02 goes.
  void code_dementia_detail(std::vector<ProposedCode>& dx, std::string_view text) const;
  void code_dementia_in_disease(std::vector<ProposedCode>& dx, std::string_view text) const;
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
  void recode_for_a_neonate(std::vector<ProposedCode>& dx, const std::vector<MentionInput>& mentions) const;
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
  void drop_maternal_codes_of_a_child(std::vector<ProposedCode>& dx, std::string_view text) const;
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
