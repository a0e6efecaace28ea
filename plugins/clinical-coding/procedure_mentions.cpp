// A procedure mention to its code: a PCS phrase or a procedure word's pattern completed from its
// sentence, an HCPCS drug the outpatient facility gave, the status a past procedure left, and the
// screening a screening procedure is for (mention_coding.cpp codes the diagnoses).
#include "coder.hpp"
#include "mention_readings.hpp"

#include "common/words.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>

namespace chartflow::coding {
namespace {

// An inspection (root operation J) the chart names that is no procedure of its own: a series
// ("NED on surveillance colonoscopies"), or an endoscope passed to test an operation's anastomosis
// ("flexible sigmoidoscopy leak test"), which is part of that operation (PCS B3.11a).
bool is_no_inspection_of_this_stay(const MentionInput& m) {
  if (m.code.size() != 7 || m.code[2] != 'J') return false;
  const std::string text = words::lower(m.text);
  if (text.ends_with("ies") || text.ends_with("ds")) return true;  // "colonoscopies", "EGDs"
  static constexpr std::string_view kLeakTest[] = {"leak test", "leak-test", "leak testing", "air leak"};
  return words::says_any(m.context, kLeakTest);
}

// Whether a procedure or drug mention is coded in this setting at all (the code set it names, the
// policy, its section, whether it was done this stay or given here).
bool coded_in_this_setting(const MentionInput& m, Policy policy) {
  if ((m.kind != MentionKind::procedure && m.kind != MentionKind::medication) || (m.status != Assertion::affirmed && !done_this_stay(m)) ||
      (m.system != "ICD-10-PCS" && m.system != "HCPCS"))
    return false;
  if (m.system == "ICD-10-PCS" && policy == Policy::outpatient) return false;  // outpatient procedures are CPT (licensed)
  // A report's indications say why this procedure is done: a procedure named there ("had a
  // hysteroscopy and D&C on 09/05/03", "referred for colonoscopy") was done before or is this one.
  if (m.system == "ICD-10-PCS" && m.section_category == "indications") return false;
  // An operation's own narrative that intubates ("Then the patient was intubated") is its
  // anesthesia's airway (PCS B3.1b), whatever words the sentence has.
  if (m.code == "0BH17EZ" && m.section_category == "procedure_description") return false;
  // Inpatient coders report the significant procedures (UHDDS), not the chest film or the
  // monitoring: imaging (section B) and measurement (4) stay out unless all findings are asked for.
  if (m.system == "ICD-10-PCS" && policy == Policy::inpatient && (m.code.starts_with("B") || m.code.starts_with("4"))) return false;
  // HCPCS Level II drugs and supplies are billed by the outpatient facility for what it gave:
  // an inpatient stay bills none, and a drug named in a medication list or a plan is not given.
  if (m.system == "HCPCS" && (policy == Policy::inpatient || (policy == Policy::outpatient && !administered_here(m)))) return false;
  return true;
}

}  // namespace

std::optional<std::pair<ProposedCode, const CoderData::ProcedureStatus*>> Coder::code_by_procedure(
    const MentionInput& m, const std::vector<CoderData::ProcedureStatus>& table, double factor) const {
  const auto row = std::find_if(table.begin(), table.end(), [&](const CoderData::ProcedureStatus& r) { return r.covers(m.code); });
  if (row == table.end()) return std::nullopt;
  const auto refined = refine(row->code, m.context);
  if (!refined) return std::nullopt;
  ProposedCode c;
  c.system = "ICD-10-CM", c.code = refined->code, c.version = sets_.icd10cm->version();
  c.display = sets_.icd10cm->find(refined->code)->title;
  c.confidence = std::clamp(m.score * factor * refined->factor, 0.0, 1.0);
  for (const auto& step : refined->steps) c.rule += "; " + step;
  c.review_reasons = refined->review;
  return std::pair{std::move(c), &*row};
}

std::optional<ProposedCode> Coder::code_procedure_status(const MentionInput& m, Policy policy) const {
  if (m.kind != MentionKind::procedure || m.status != Assertion::historical || m.system != "ICD-10-PCS" || policy == Policy::all_findings ||
      !sets_.icd10cm)
    return std::nullopt;
  // "s/p CABG", "s/p right TKA": the procedure is past, the status it left is coded (I.C.21.c.3).
  auto coded = code_by_procedure(m, data_.procedure_status, 0.85);
  if (!coded) return std::nullopt;
  auto& [c, row] = *coded;
  c.rule = "status after " + m.matched_term + " (" + m.code + "): " + row->note + c.rule;
  return std::move(c);
}

std::optional<ProposedCode> Coder::code_screening_reason(const MentionInput& m) const {
  if (m.kind != MentionKind::procedure || m.status != Assertion::affirmed || !sets_.icd10cm || screened_before(m)) return std::nullopt;
  auto coded = code_by_procedure(m, data_.screening_codes, 1.0);
  if (!coded) return std::nullopt;
  auto& [c, row] = *coded;
  c.rule = "screening: " + m.matched_term + " (" + m.code + ") -> " + c.code + ": " + row->note + c.rule;
  c.statement_rank = statement_rank(m);
  return std::move(c);
}

std::optional<ProposedCode> Coder::code_pcs_pattern(const MentionInput& m, const CodeSet& set) const {
  const std::string word = normalise_phrase(m.matched_term);
  const auto allowed = data_.pcs_word_body_parts.find(word);
  const auto roots = data_.pcs_word_roots.find(word);
  const auto built = build_pcs(m.code, m.context, allowed == data_.pcs_word_body_parts.end() ? std::string_view() : std::string_view(allowed->second),
                               roots == data_.pcs_word_roots.end() ? std::string_view() : std::string_view(roots->second));
  if (!built) return std::nullopt;
  ProposedCode c;
  c.system = m.system;
  c.code = built->code;
  c.version = set.version();
  c.display = built->partial ? "Partial ICD-10-PCS code: " + m.matched_term : std::string(set.find(built->code)->title);
  c.confidence = std::clamp(m.score * (built->partial ? 0.5 : 0.9), 0.0, 1.0);
  c.rule = "procedure word: " + m.matched_term + " -> " + m.code;
  for (const auto& step : built->steps) c.rule += "; " + step;
  c.role = "procedure";
  c.partial = built->partial;
  c.candidates = built->candidates;
  if (!built->partial) choose_joint_replacement(c, m.context);  // "cemented bipolar hemiarthroplasty": qualifier 9
  if (built->partial) {
    std::string open;
    for (const auto& axis : built->open_axes) open += (open.empty() ? "" : ", ") + axis;
    c.review_reasons.push_back("partial code: the text does not say the " + open + "; not billable until completed");
  }
  return c;
}

// A PCS code built from a pattern ("0UT-0ZZ") by the mention's words, with the tubes a
// salpingo-oophorectomy takes.
std::vector<ProposedCode> Coder::code_pcs_pattern_mention(const MentionInput& m, const CodeSet& set) const {
  auto c = code_pcs_pattern(m, set);
  if (!c || not_this_stay(m, c->code)) return {};
  std::vector<ProposedCode> out{*c};
  // A salpingo-oophorectomy takes the fallopian tubes with the ovaries: a resection of each
  // (0UT0-0UT2 right, left, bilateral ovaries; 0UT5-0UT7 the tubes of the same side).
  if (!c->partial && c->code.starts_with("0UT") && c->code[3] >= '0' && c->code[3] <= '2' && words::contains(words::lower(m.matched_term), "salpingo")) {
    ProposedCode tubes = *c;
    tubes.code[3] = static_cast<char>(c->code[3] + 5);
    if (const auto* info = set.find(tubes.code)) {
      tubes.display = std::string(info->title);
      tubes.rule += "; the tubes a salpingo-oophorectomy takes -> " + tubes.code;
      out.push_back(std::move(tubes));
    }
  }
  return out;
}

// The status a procedure done elsewhere before this stay left, when the rule that refused it names one.
std::optional<ProposedCode> Coder::status_left_by(const MentionInput& m, const std::string& code, const CoderData::ProcedureContext& refused, Policy policy) const {
  if (!refused.instead.empty() && sets_.icd10cm && sets_.icd10cm->is_billable(refused.instead) && policy != Policy::all_findings) {
    ProposedCode c;
    c.system = "ICD-10-CM", c.code = refused.instead, c.version = sets_.icd10cm->version();
    c.display = std::string(sets_.icd10cm->find(refused.instead)->title);
    c.confidence = 0.8, c.role = "secondary";
    c.rule = m.matched_term + " (" + code + "): " + refused.note + " -> " + refused.instead;
    return c;
  }
  return std::nullopt;
}

ProposedCode Coder::procedure_code(const MentionInput& m, const std::string& code, const CodeSet& set) const {
  ProposedCode c;
  c.system = m.system;
  c.code = code;
  c.version = set.version();
  c.display = set.find(code)->title;
  c.confidence = std::clamp(m.score, 0.0, 1.0);
  c.rule = "procedure phrase: " + m.matched_term + " -> " + code;
  c.role = m.system == "HCPCS" ? "supply" : "procedure";
  if (m.system == "HCPCS" && code.starts_with("J"))
    c.review_reasons.push_back("drug code: bill units from the dose given and check the route (injection codes only)");
  choose_joint_replacement(c, m.context);
  choose_marrow_site(c, m.context);
  choose_drainage_device(c, m.context);
  return c;
}

std::vector<ProposedCode> Coder::code_procedure(const MentionInput& m, Policy policy) const {
  if (!coded_in_this_setting(m, policy)) return {};
  const CodeSet* set = m.system == "ICD-10-PCS" ? sets_.icd10pcs : sets_.hcpcs;
  if (!set) return {};
  if (m.system == "ICD-10-PCS" && m.code.find('-') != std::string::npos) return code_pcs_pattern_mention(m, *set);
  if (m.system == "ICD-10-PCS" && is_no_inspection_of_this_stay(m)) return {};
  std::vector<std::string> codes = {m.code};
  if (auto it = data_.procedure_codes.find(normalise_phrase(m.matched_term)); it != data_.procedure_codes.end()) codes = it->second;
  std::vector<ProposedCode> out;
  for (const auto& code : codes) {
    if (!set->find(code)) continue;
    if (const auto* refused = not_this_stay(m, code)) {
      if (auto status = status_left_by(m, code, *refused, policy)) out.push_back(std::move(*status));
      continue;
    }
    out.push_back(procedure_code(m, code, *set));
  }
  return out;
}

}  // namespace chartflow::coding
