#include "coder.hpp"

#include "modifiers.hpp"

#include "common/words.hpp"

#include <algorithm>
#include <cctype>
#include <unordered_map>
#include <set>

// The chart's codes from its mentions, and the conventions applied to the list as a whole
// (Tabular notes, billable codes only, integral symptoms; combinations in code_combinations.cpp,
// Excludes1 in excludes_notes.cpp).
namespace chartflow::coding {

std::vector<ProposedCode> Coder::code(const std::vector<MentionInput>& chart_mentions, Policy policy, std::string_view text, const std::string& view,
                                      const std::vector<SentenceInput>& sentences) const {
  // "POSTOPERATIVE DIAGNOSIS: Same.": the preoperative diagnoses are what the operation found,
  // stated as strongly as the postoperative ones.
  std::vector<MentionInput> restated;
  if (postoperative_diagnosis_is_the_same(text, sentences)) {
    restated = chart_mentions;
    for (auto& m : restated)
      if (m.section_category == "preoperative_diagnosis") m.section_category = "postoperative_diagnosis";
  }
  const std::vector<MentionInput>& mentions = restated.empty() ? chart_mentions : restated;
  std::vector<ProposedCode> dx, px;
  code_mentions(mentions, policy, chart_facts(mentions, text), dx, px);
  apply_list_conventions(dx, mentions, policy, text, sentences);
  if (policy != Policy::all_findings) add_chart_level_codes(dx, px, mentions, policy, text, view, sentences);
  settle(dx, px, mentions, policy, text, view, sentences);
  return dx;
}

// The conventions applied to the diagnosis list as a whole: less specific and integral codes
// go, combination codes join what the chart states together, and conditions are read more
// exactly where the chart says more (stage, artery, vein, organism).
void Coder::apply_list_conventions(std::vector<ProposedCode>& dx, const std::vector<MentionInput>& mentions, Policy policy, std::string_view text,
                                   const std::vector<SentenceInput>& sentences) const {
  // Before the less specific codes go: an in-situ code is no more specific an invasive one.
  if (policy != Policy::all_findings) drop_in_situ_beside_invasive(dx);
  drop_less_specific(dx, mentions);
  if (policy != Policy::all_findings) drop_integral_symptoms(dx, mentions);
  if (policy == Policy::inpatient) drop_unconfirmed_suspicions(dx, mentions);
  code_acute_on_chronic_kidney(dx, mentions);
  if (policy != Policy::all_findings) add_stated_hypertension(dx, mentions);
  drop_angina_of_an_infarction(dx);
  drop_traumatic_default_of_a_stated_bleed(dx);
  carry_stated_diabetes_type(dx, mentions, text);
  apply_combinations(dx, sentences);
  stage_end_stage_kidney(dx, mentions);
  code_infarction_by_artery(dx, mentions);
  code_infarction_by_words(dx, mentions);
  drop_unspecified_in_category(dx);
  drop_terms_a_combination_names(dx);
  drop_loose_injury_names(dx);
  if (policy != Policy::all_findings) {
    code_fragility_fractures(dx, text);
    drop_loose_injury_names(dx);  // two mentions of the fracture are now M80 codes: one may say less
  }
  code_leg_dvt_by_vein(dx, text);
  place_lymphoma_by_the_chart(dx, text);
  drop_vague_tumours(dx);
  drop_pneumonia_of_unnamed_organism(dx);
}

// Codes the chart as a whole supports, under the coding policies (not a research extraction):
// what the stay addressed, a drug's effects, a device's complications, long-term drugs, external
// causes, BMI, burns, immunizations, pregnancy and delivery, the newborn.
void Coder::add_chart_level_codes(std::vector<ProposedCode>& dx, std::vector<ProposedCode>& px, const std::vector<MentionInput>& mentions, Policy policy,
                                  std::string_view text, const std::string& view, const std::vector<SentenceInput>& sentences) const {
  code_induced_psychosis_detail(dx);
  drop_integral_findings(dx);
  // IV.J outpatient; inpatient, an other diagnosis is one the stay evaluated, treated or
  // monitored (UHDDS), which one the provider calls "not addressed" was not.
  drop_conditions_not_addressed(dx, mentions);
  drop_study_findings(dx, mentions);
  code_treated_effusion(dx, mentions, text, view);
  drop_generic_codes(dx);
  resolve_cancer_history(dx, mentions);
  add_companion_codes(dx, mentions);
  add_systemic_infection(dx, mentions);
  const ChartCues cues = scan_cues(text, sentences);
  add_drug_effects(dx, mentions, sentences, text, cues, view, policy);
  add_device_complications(dx, mentions, sentences, cues, view, policy);
  if (long_term_drugs_ == LongTermDrugCodes::current_medications) add_long_term_drug_therapy(dx, sentences, text, cues, view);
  if (external_causes_ == ExternalCauseCodes::injury_encounters) add_external_causes(dx, sentences, text, cues, view);
  if (bmi_ == BmiCodes::with_associated_diagnosis) add_bmi(dx, text, cues.lowered, view);
  add_burn_extent(dx, text, cues.lowered, view);
  code_examination_findings(dx, mentions);
  if (policy == Policy::outpatient) add_immunization(dx, sentences, text, cues, view), add_prenatal_supervision(dx, sentences, text, cues, view);
  code_conditions_complicating_pregnancy(dx, text);
  if (policy == Policy::inpatient) code_delivery(dx, sentences, text, view), code_obstetric_laceration(dx, px, text, view);
  code_newborn(dx, mentions, text, view);
  add_therapy_encounter(dx, sentences, cues, view);
}

// The last conventions (agents, manifestations, Excludes1, the Tabular's notes), sequencing, and
// the procedures completed and merged after the diagnoses; only billable codes stay.
void Coder::settle(std::vector<ProposedCode>& dx, std::vector<ProposedCode>& px, const std::vector<MentionInput>& mentions, Policy policy,
                   std::string_view text, const std::string& view, const std::vector<SentenceInput>& sentences) const {
  add_infectious_agents(dx, mentions, sentences, text, view);  // a finding under every policy: the agent the chart names
  drop_maternal_codes_of_a_child(dx, text);
  if (policy != Policy::all_findings) add_covid_vaccination_status(dx, text, view);
  add_manifestations(dx);
  if (policy != Policy::all_findings) code_dementia_detail(dx, text), code_stroke_sequelae(dx, mentions);
  keep_the_strongest_substance_pattern(dx);
  resolve_excludes1(dx);
  if (policy != Policy::all_findings) add_nihss_score(dx, text, view), add_weeks_of_gestation(dx, text, view), add_receptor_status(dx, text, view);
  code_findings_as_notes_name(dx);
  apply_tabular_notes(dx);
  // ICD-10-PCS section 1 (obstetrics) is done on the products of conception: only a maternal
  // record, one with a pregnancy code, has it ("born at 39 weeks via NSVD" is a newborn's history).
  // (A research extraction keeps them: a case report's delivery is a finding of it.)
  if (policy != Policy::all_findings && std::none_of(dx.begin(), dx.end(), [](const ProposedCode& c) { return c.code.starts_with("O"); }))
    std::erase_if(px, [](const ProposedCode& c) { return c.system == "ICD-10-PCS" && c.code.starts_with("1"); });
  if (policy == Policy::inpatient) drop_statuses_of_this_stay(dx, px);
  sequence(dx, policy, presenting_codes(mentions), px);
  complete_ventilation(px, text);
  complete_open_approach(px, sentences, text);
  code_endoscopy_findings(px, text);
  drop_inspections_beside_definitive(px);
  drop_fragmentation_beside_extirpation(px);
  drop_partials_a_code_completes(px);
  merge_joint_replacements(px);
  std::stable_sort(px.begin(), px.end(), [](const ProposedCode& a, const ProposedCode& b) { return a.first_offset < b.first_offset; });
  dx.insert(dx.end(), std::make_move_iterator(px.begin()), std::make_move_iterator(px.end()));
  keep_billable(dx);
}

std::string_view sentence_around(std::string_view text, std::size_t begin, std::size_t end) {
  if (begin > end || end > text.size()) return {};
  std::size_t from = begin, to = end;
  while (from > 0 && text[from - 1] != '\n' && !(text[from - 1] == ' ' && from >= 2 && text[from - 2] == '.')) --from;
  while (to < text.size() && text[to] != '\n' && !(text[to] == '.' && (to + 1 == text.size() || text[to + 1] == ' '))) ++to;
  return text.substr(from, to - from);
}

ProposedCode Coder::stated_code(const std::string& code, double confidence, std::string rule, const std::string& view, std::size_t begin,
                                std::size_t end) const {
  ProposedCode c;
  c.system = "ICD-10-CM", c.code = code, c.version = sets_.icd10cm->version();
  c.display = std::string(sets_.icd10cm->find(code)->title);
  c.confidence = confidence;
  c.rule = std::move(rule);
  c.evidence = {{view, begin, end}};
  c.first_offset = begin;
  return c;
}

// Ranked as the statement it stands in (its sentence's mentions, else its section), so a
// poisoning a diagnosis statement names leads what it caused.
void rank_as_its_statement(ProposedCode& c, const std::vector<MentionInput>& mentions, const SentenceInput& sentence) {
  for (const auto& m : mentions)
    if (m.begin >= sentence.begin && m.end <= sentence.end) c.statement_rank = std::min(c.statement_rank, statement_rank(m));
  if (c.statement_rank == kNoStatement) {
    MentionInput here;
    here.section_category = sentence.section_category, here.code = c.code;
    c.statement_rank = statement_rank(here);
  }
  c.statement_offset = c.first_offset;
}

// A code the chart already has gets this statement as more evidence; a new one is added.
void add_or_merge(std::vector<ProposedCode>& codes, ProposedCode c) {
  const auto same = std::find_if(codes.begin(), codes.end(), [&](const ProposedCode& x) { return x.code == c.code; });
  if (same == codes.end()) {
    codes.push_back(std::move(c));
    return;
  }
  if (std::none_of(same->evidence.begin(), same->evidence.end(), [&](const Evidence& e) { return e.begin == c.first_offset; }))
    same->evidence.push_back(c.evidence.front());
  // "Reason for admission: intentional overdose of sertraline" then "Assessment: - Intentional
  // sertraline overdose": the strongest statement naming it ranks it.
  if (std::pair{c.statement_rank, c.statement_offset} < std::pair{same->statement_rank, same->statement_offset})
    same->statement_rank = c.statement_rank, same->statement_offset = c.statement_offset;
}

// Tabular notes, acted on once per chart: "use additional code" and "code first" notes that no
// code of the chart answers are attributes a coder may act on ("if applicable"), each said
// once; a "code first" etiology the chart has is sequenced before its manifestation (I.A.13).
void Coder::apply_tabular_notes(std::vector<ProposedCode>& dx) const {
  // C50's "estrogen receptor status (Z17.0, Z17.1)" predates the combined receptor codes
  // (Z17.4-, FY2025), which answer it as well.
  const auto answers = [](const std::string& code, const std::string& ref) {
    return code_in_ref(code, ref) || (ref.starts_with("Z17") && code.starts_with("Z17"));
  };
  // E09's "code first poisoning due to drug or toxin, if applicable (T36-T65 with fifth or sixth
  // character 1-4 or 6)": an adverse effect (5) is no poisoning, and follows instead (I.C.4.a.6).
  const auto intent_fits = [](const TabularNote& note, const std::string& code) {
    if (note.value.find("1-4 or 6") == std::string::npos || !code.starts_with("T")) return true;
    std::string bare = code;
    std::erase(bare, '.');
    return bare.size() > 5 && std::string_view("12346").find(bare[5]) != std::string_view::npos;
  };
  // The underlying neoplasm is the primary one where the chart codes both ("malignant pleural
  // effusion" in a lung adenocarcinoma with bone metastases: C34.3-, not C79.51).
  const auto secondary_neoplasm = [](const std::string& code) { return code >= "C77" && code < "C80"; };
  const auto answered_by = [&](const TabularNote& note) -> const ProposedCode* {
    const ProposedCode* first = nullptr;
    for (const auto& o : dx)
      if (intent_fits(note, o.code) && std::any_of(note.refs.begin(), note.refs.end(), [&](const std::string& ref) { return answers(o.code, ref); })) {
        if (!secondary_neoplasm(o.code)) return &o;
        if (!first) first = &o;
      }
    return first;
  };
  std::set<std::string> said;
  for (auto& c : dx) {
    for (const auto* note : sets_.icd10cm->notes(c.code, "use_additional"))
      if (!note->refs.empty() && !answered_by(*note) && said.insert(note->value).second) c.use_additional.push_back(note->value);
    for (const auto* note : sets_.icd10cm->notes(c.code, "code_first")) {
      if (note->refs.empty()) continue;
      if (const auto* etiology = answered_by(*note); etiology && etiology != &c) c.etiology = etiology->code;
      else if (!etiology && said.insert(note->value).second) c.code_first.push_back(note->value);
    }
  }
}

// The promise to coders: nothing leaves that is not a billable code of its code set.
void Coder::keep_billable(std::vector<ProposedCode>& codes) const {
  std::erase_if(codes, [&](const ProposedCode& c) {
    const CodeSet* set = c.system == "ICD-10-CM" ? sets_.icd10cm : c.system == "ICD-10-PCS" ? sets_.icd10pcs : sets_.hcpcs;
    if (!set) return true;
    // A partial PCS code is reported as such (flagged, never billable); it must still fit a valid code.
    if (c.partial) return set->matching(c.code, 1).empty();
    return !set->is_billable(c.code);
  });
}

void Coder::drop_integral_symptoms(std::vector<ProposedCode>& codes, const std::vector<MentionInput>& mentions) const {
  // Guidelines I.B.5 / IV.D: signs and symptoms routinely part of a confirmed diagnosis are not
  // coded. With a definitive diagnosis under a diagnosis or assessment heading, R codes found
  // only elsewhere (history, review of systems) are taken to be its symptoms; an R code the
  // assessment itself lists stays.
  const bool has_definitive = std::any_of(codes.begin(), codes.end(), [](const ProposedCode& c) {
    return c.from_diagnosis_section && !is_symptom_code(c.code) && !c.code.starts_with("Z");
  });
  if (!has_definitive) return;
  (void)mentions;
  std::erase_if(codes, [](const ProposedCode& c) { return is_symptom_code(c.code) && !c.from_diagnosis_section; });
  // The admission's symptoms ("Admission diagnosis: nausea, vomiting, abdominal pain") are
  // answered by the discharge, postoperative or final diagnosis once the stay has one: an R code
  // stated only at admission, in the chief complaint or before the operation is not coded then.
  const bool settled = std::any_of(codes.begin(), codes.end(), [](const ProposedCode& c) {
    return c.statement_rank == 0 && !is_symptom_code(c.code) && !c.code.starts_with("Z");
  });
  if (settled)
    std::erase_if(codes, [](const ProposedCode& c) { return is_symptom_code(c.code) && c.statement_rank >= 20 && c.statement_rank != kSecondaryStatement; });
}

void Coder::drop_conditions_not_addressed(std::vector<ProposedCode>& codes, const std::vector<MentionInput>& mentions) {
  // "HTN / hypothyroidism - per PCP, not addressed", "HTN - stable; not relevant to today's plan":
  // IV.J codes the coexisting conditions that require or affect care at this visit, and the
  // provider says these did not. Read in the mention's own line, after it.
  static constexpr std::string_view kNotAddressed[] = {"not addressed", "not relevant to", "deferred to pcp", "managed by pcp", "per pcp, not",
                                                       "not treated", "no treatment today", "no ed change", "no ed treatment", "no treatment in the ed"};
  std::unordered_map<std::string_view, const MentionInput*> by_id;
  for (const auto& m : mentions) by_id.emplace(m.id, &m);
  const auto says_not_addressed = [&](const std::string& id) {
    const auto it = by_id.find(id);
    if (it == by_id.end()) return false;
    std::string_view after = it->second->after, before = it->second->before;
    if (const auto line = after.find('\n'); line != std::string_view::npos) after = after.substr(0, line);
    if (const auto line = before.rfind('\n'); line != std::string_view::npos) before = before.substr(line + 1);
    const std::string lowered = words::lower(after);
    // ... or a heading of the list it is in: "Chronic items not addressed this stay: remote
    // appendectomy, mild bilateral hearing loss, colonic polyps".
    const std::size_t colon = before.rfind(':');
    const std::string heading = colon == std::string_view::npos ? std::string() : words::lower(before.substr(0, colon));
    // ... unless the provider weighs it in this visit's problem: "Type 2 diabetes, hypertension,
    // obesity - risk factors for endometrial pathology; managed by PCP".
    if (words::contains(lowered, "risk factor") || words::contains(lowered, "risk factors")) return false;
    return std::any_of(std::begin(kNotAddressed), std::end(kNotAddressed), [&](std::string_view cue) {
      return lowered.find(cue) != std::string::npos || heading.find(cue) != std::string::npos;
    });
  };
  std::erase_if(codes, [&](const ProposedCode& c) {
    return c.system == "ICD-10-CM" && !is_symptom_code(c.code) && std::any_of(c.mention_ids.begin(), c.mention_ids.end(), says_not_addressed);
  });
}

void Coder::drop_unconfirmed_suspicions(std::vector<ProposedCode>& codes, const std::vector<MentionInput>& mentions) {
  const auto settles = [](const std::string& section) {
    return section == "discharge_diagnosis" || section == "diagnosis" || section == "postoperative_diagnosis" || section == "pathology_final_diagnosis";
  };
  if (std::none_of(mentions.begin(), mentions.end(), [&](const MentionInput& m) { return settles(m.section_category); })) return;
  std::unordered_map<std::string_view, const MentionInput*> by_id;
  for (const auto& m : mentions) by_id.emplace(m.id, &m);
  const auto only_suspected = [&](const std::string& id) {
    const auto it = by_id.find(id);
    return it != by_id.end() && it->second->status == Assertion::uncertain && !settles(it->second->section_category);
  };
  std::erase_if(codes, [&](const ProposedCode& c) {
    return c.system == "ICD-10-CM" && !c.mention_ids.empty() && std::all_of(c.mention_ids.begin(), c.mention_ids.end(), only_suspected);
  });
}

void Coder::drop_statuses_of_this_stay(std::vector<ProposedCode>& dx, const std::vector<ProposedCode>& px) const {
  // "s/p PCI with one drug-eluting stent" in a stay's discharge diagnoses, with the PCI among its
  // procedures: the stay placed the stent, so it is coded as the procedure, not as a status the
  // patient came with (Z95.5 is the presence of one from before, I.C.21.c.3).
  std::erase_if(dx, [&](const ProposedCode& status) {
    return std::any_of(data_.procedure_status.begin(), data_.procedure_status.end(), [&](const CoderData::ProcedureStatus& row) {
      return status.code.starts_with(row.code) && std::any_of(px.begin(), px.end(), [&](const ProposedCode& p) {
               return p.system == "ICD-10-PCS" && row.covers(p.code);
             });
    });
  });
}

}  // namespace chartflow::coding
