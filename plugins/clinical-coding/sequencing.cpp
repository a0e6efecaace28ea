// Sequencing: which diagnosis leads. Inpatient, the principal diagnosis is "the condition
// established after study to be chiefly responsible for the admission" (Guidelines II); the
// chart says it in its discharge, postoperative or final diagnosis statement, first listed.
// Outpatient, the first-listed diagnosis is the reason for the encounter (IV.G), stated in the
// assessment. A condition first named in the history is not the principal for being first.
#include "coder.hpp"
#include "operated_condition.hpp"

#include "common/words.hpp"

#include <algorithm>
#include <functional>

namespace chartflow::coding {

void absorb(ProposedCode& into, const ProposedCode& from) {
  // Each mention once: a code absorbed twice over (a combination of codes that had absorbed the
  // same mentions) must not list its evidence twice for the coder. Ids and evidence run in step.
  for (std::size_t i = 0; i < from.mention_ids.size(); ++i) {
    if (std::find(into.mention_ids.begin(), into.mention_ids.end(), from.mention_ids[i]) != into.mention_ids.end()) continue;
    into.mention_ids.push_back(from.mention_ids[i]);
    if (i < from.evidence.size()) into.evidence.push_back(from.evidence[i]);
  }
  into.first_offset = std::min(into.first_offset, from.first_offset);
  into.from_diagnosis_section = into.from_diagnosis_section || from.from_diagnosis_section;
  into.mention_words = std::max(into.mention_words, from.mention_words);
  into.index_depth = std::max(into.index_depth, from.index_depth);
  if (std::pair{from.statement_rank, from.statement_offset} < std::pair{into.statement_rank, into.statement_offset})
    into.statement_rank = from.statement_rank, into.statement_offset = from.statement_offset;
}

void merge_same_codes(std::vector<ProposedCode>& codes) {
  for (std::size_t i = 0; i < codes.size(); ++i)
    for (std::size_t j = codes.size(); j-- > i + 1;)
      if (codes[j].code == codes[i].code && codes[j].system == codes[i].system) {
        absorb(codes[i], codes[j]);
        codes.erase(codes.begin() + static_cast<std::ptrdiff_t>(j));
      }
}

bool is_sepsis(const std::string& code) {
  static const char* const kSepsis[] = {"A40", "A41", "A02.1", "A22.7", "A26.7", "A32.7", "A39.2", "A39.3", "A39.4", "A42.7", "A54.86", "B37.7"};
  return std::any_of(std::begin(kSepsis), std::end(kSepsis), [&](const char* p) { return code.starts_with(p); });
}

namespace {

// The opportunistic infections and cancers of HIV disease (the CDC's AIDS-defining conditions):
// a stay for one is a stay for an HIV-related condition.
bool is_hiv_related(const std::string& code) {
  static constexpr std::string_view kOpportunistic[] = {"B59", "B37", "B25", "B58", "B45", "B38", "B39", "A07.2", "A07.3", "A31", "A15",
                                                        "A17", "A18", "A19", "B00", "C46", "A81.2", "R64"};
  return std::any_of(std::begin(kOpportunistic), std::end(kOpportunistic), [&](std::string_view p) { return code.starts_with(p); });
}

// How a note names the reason a patient came: "admitted with", "presents with", or not at all.
enum class ArrivalReason { none, presented, admitted };

int section_rank(const std::string& category) {
  if (category == "discharge_diagnosis" || category == "postoperative_diagnosis" || category == "pathology_final_diagnosis") return 0;
  if (category == "diagnosis" || category == "assessment" || category == "assessment_and_plan") return kAssessmentStatement;
  if (category == "admission_diagnosis" || category == "preoperative_diagnosis") return 20;
  if (category == "secondary_diagnosis") return kSecondaryStatement;
  if (category == "chief_complaint" || category == "reason_for_consultation" || category == "indications") return 30;
  return kNoStatement;
}

// "presenting with NSTEMI", "admitted with acute on chronic heart failure": the words a note uses
// for the reason of the stay, wherever they stand (a consult's or progress note's HPI names the
// admission's reason; its assessment, the consultant's own question).
ArrivalReason arrival_reason(const MentionInput& m) {
  // A verb of arrival, then "with" or "for" within a few words ("admitted 04/07 with", "presents
  // to the ED with"), then this condition.
  static constexpr std::pair<const char*, ArrivalReason> kVerbs[] = {
      {"admitted", ArrivalReason::admitted},    {"admission", ArrivalReason::admitted},   {"hospitalized", ArrivalReason::admitted},
      {"transferred", ArrivalReason::admitted}, {"presenting", ArrivalReason::presented}, {"presents", ArrivalReason::presented},
      {"presented", ArrivalReason::presented}};
  const std::string before = words::lower(m.before.substr(m.before.size() > 80 ? m.before.size() - 80 : 0));
  if (before.find("principal diagnosis") != std::string::npos) return ArrivalReason::admitted;
  // ... or after it, in its own clause: "acute on chronic diastolic heart failure - driving
  // admission", "pneumonia, the primary reason for admission".
  std::string_view after = m.after.substr(0, std::min<std::size_t>(m.after.size(), 80));
  if (const auto end = after.find_first_of(";.\n"); end != std::string_view::npos) after = after.substr(0, end);
  const std::string clause = words::lower(after);
  for (const char* cue : {"driving admission", "driving the admission", "driving this admission", "reason for admission", "reason for this admission",
                          "reason for the admission", "principal diagnosis", "cause of admission"})
    if (clause.find(cue) != std::string::npos) return ArrivalReason::admitted;
  for (const auto& [verb, kind] : kVerbs) {
    const std::size_t at = words::find(before, verb);
    if (at == std::string::npos) continue;
    const std::string_view rest = std::string_view(before).substr(at, 48);  // "admitted yesterday by general surgery with"
    if (words::contains(rest, "with") || words::contains(rest, "for")) return kind;
  }
  return ArrivalReason::none;
}

bool named_as_the_reason(const MentionInput& m) { return arrival_reason(m) != ArrivalReason::none; }

bool names_bleeding(const ProposedCode& c) {
  const std::string title = words::lower(c.display);
  return title.find("without") == std::string::npos && (title.find("hemorrhage") != std::string::npos || title.find("bleeding") != std::string::npos);
}

// Guidelines that order conditions named in one statement, whatever order the physician listed
// them in: each rule below names the code that leads instead of `lead`, or dx.end().
struct StatementOrder {
  std::vector<ProposedCode>& dx;
  std::vector<ProposedCode>::iterator lead;
  const std::vector<ProposedCode>& px;
  bool in_statement(const ProposedCode& c) const { return c.statement_rank == lead->statement_rank && !c.code.starts_with("Z"); }
  template <class Pred>
  std::vector<ProposedCode>::iterator first(Pred pred) const { return std::find_if(dx.begin(), dx.end(), pred); }
};
using Lead = std::vector<ProposedCode>::iterator;

// A poisoning leads what it caused ("respiratory failure due to fentanyl overdose", I.C.19.e.5.b).
Lead poisoning_first(const StatementOrder& o) {
  if (is_poisoning(o.lead->code)) return o.dx.end();
  return o.first([&](const ProposedCode& c) { return is_poisoning(c.code) && c.statement_rank <= o.lead->statement_rank; });
}

// A pregnancy's code leads the other chapters' in its statement (I.C.15.a.1: chapter 15 codes
// have sequencing priority): "Peripartum cardiomyopathy / acute systolic HF" is O90.3 first.
Lead pregnancy_first(const StatementOrder& o) {
  if (o.lead->code.starts_with("O") || is_poisoning(o.lead->code)) return o.dx.end();
  auto pregnancy = o.dx.end();
  for (auto it = o.dx.begin(); it != o.dx.end(); ++it)
    if (it->code.starts_with("O") && !it->code.starts_with("O09") && o.in_statement(*it) && it->review_reasons.empty() &&
        (pregnancy == o.dx.end() || it->statement_offset < pregnancy->statement_offset))
      pregnancy = it;
  return pregnancy;
}

// COVID-19 leads the manifestations it caused, stated with it (I.C.1.g.1.a: "code U07.1 first,
// followed by the appropriate codes for associated manifestations").
Lead covid_first(const StatementOrder& o) {
  if (o.lead->code == "U07.1" || is_sepsis(o.lead->code)) return o.dx.end();
  return o.first([&](const ProposedCode& c) { return c.code == "U07.1" && o.in_statement(c) && c.review_reasons.empty(); });
}

// Sepsis leads its localized infection and the organ dysfunction it causes (I.C.1.d.4). Only a
// sepsis stated as a fact leads ("sepsis was considered" carries a review reason). Its confidence
// is about the code, not the diagnosis: "E. coli sepsis" reached A41.51 through an index subterm,
// and is no less the stay's reason than the septic shock it caused.
Lead sepsis_first(const StatementOrder& o) {
  if (is_sepsis(o.lead->code)) return o.dx.end();
  return o.first([&](const ProposedCode& c) { return o.in_statement(c) && is_sepsis(c.code) && c.review_reasons.empty(); });
}

// A stay for an HIV-related condition: B20 first, then the condition (I.C.1.a.2.a). Related is an
// opportunistic infection or what its statement names with one ("respiratory failure from
// Pneumocystis pneumonia"); an injury, poisoning or pregnancy keeps the lead (I.C.1.a.2.b, I.C.15.f).
Lead hiv_first(const StatementOrder& o) {
  const std::string& lead = o.lead->code;
  if (lead == "B20" || lead.starts_with("S") || lead.starts_with("T") || lead.starts_with("O") || is_sepsis(lead)) return o.dx.end();
  const auto hiv = o.first([](const ProposedCode& c) { return c.code == "B20" && c.review_reasons.empty() && c.statement_rank < kNoStatement; });
  const bool related = is_hiv_related(lead) || std::any_of(o.dx.begin(), o.dx.end(), [&](const ProposedCode& c) { return o.in_statement(c) && is_hiv_related(c.code); });
  return related ? hiv : o.dx.end();
}

// "Acute osteomyelitis ... due to T2DM": the diabetes combination code (E11.69) that took the
// lead's condition in comes first; the lead is its "use additional code" (I.A.13, I.C.4.a).
Lead diabetes_combination_first(const StatementOrder& o) {
  if (o.lead->combination || o.lead->code.starts_with("E")) return o.dx.end();
  const auto shares_evidence = [&](const ProposedCode& c) {
    return std::any_of(c.evidence.begin(), c.evidence.end(), [&](const Evidence& e) {
      return std::any_of(o.lead->evidence.begin(), o.lead->evidence.end(), [&](const Evidence& l) { return l.begin == e.begin && l.end == e.end; });
    });
  };
  return o.first([&](const ProposedCode& c) {
    return c.combination && c.code >= "E08" && c.code < "E14" && c.statement_rank <= o.lead->statement_rank && shares_evidence(c);
  });
}

// A stay for a complication of the cancer's chemotherapy (febrile neutropenia D70.1, anemia
// D64.81, pancytopenia D61.810) is sequenced before the cancer (I.C.2.c.2, I.C.2.e). Not a stay
// that gave the chemotherapy (a new leukemia's induction, and the neutropenia it brought): it
// was for the cancer, which leads (I.C.2.e.2 is for a stay solely for the therapy).
Lead chemotherapy_complication_first(const StatementOrder& o) {
  const bool chemotherapy_given = std::any_of(o.px.begin(), o.px.end(), [](const ProposedCode& p) {
    return p.system == "ICD-10-PCS" && p.code.starts_with("3E0") && p.code.size() == 7 && p.code.ends_with("05");
  });
  if (!o.lead->code.starts_with("C") || chemotherapy_given) return o.dx.end();
  return o.first([&](const ProposedCode& c) {
    const std::string title = words::lower(c.display);
    return o.in_statement(c) && c.code.starts_with("D") && (title.find("chemotherapy") != std::string::npos || title.find("antineoplastic") != std::string::npos);
  });
}

// Acute blood loss anemia follows the bleeding it comes from (the bleeding is what was treated).
Lead bleeding_before_its_anemia(const StatementOrder& o) {
  if (o.lead->code != "D62") return o.dx.end();
  return o.first([&](const ProposedCode& c) { return o.in_statement(c) && names_bleeding(c); });
}

Lead by_guideline(std::vector<ProposedCode>& dx, Lead lead, const std::vector<ProposedCode>& px) {
  const StatementOrder order{dx, lead, px};
  for (const auto rule : {poisoning_first, pregnancy_first, covid_first, sepsis_first, hiv_first, diabetes_combination_first,
                          chemotherapy_complication_first, bleeding_before_its_anemia})
    if (const Lead first = rule(order); first != dx.end()) return first;
  return lead;
}

// Status codes, a drug's adverse effect or underdosing (what it caused leads) and external causes never lead.
bool trails_the_list(const ProposedCode& c) {
  // (Aftercare, Z47-Z48, is the visit's reason where the chart says so: I.C.21.c.7.)
  // Nor is the liveborn infant (Z38) of a birth record: it is first (I.C.16.a.2).
  // An encounter for chemotherapy, immunotherapy or radiation therapy leads too (I.C.2.e.2).
  // So is the insertion of a contraceptive device the visit is scheduled for (Z30.43-), and a
  // living donor's donation (Z52, "living individuals who are donating blood or other body tissue").
  const bool encounter_reason = is_screening_code(c.code) || c.code.starts_with("Z52") || is_examination_code(c.code) || c.code.starts_with("Z47") || c.code.starts_with("Z48") ||
                                c.code.starts_with("Z30.43") ||
                                c.code.starts_with("Z38") || is_therapy_encounter_code(c.code) || is_prenatal_supervision_code(c.code);
  // External causes (V00-Y99) are never first either (I.C.20).
  const bool external_cause = !c.code.empty() && c.code[0] >= 'V' && c.code[0] <= 'Y';
  return (c.code.starts_with("Z") && !encounter_reason) || is_adverse_effect_or_underdosing(c.code) || external_cause;
}

}  // namespace

std::vector<std::string> presenting_codes(const std::vector<MentionInput>& mentions) {
  std::vector<std::string> out;
  for (const auto& m : mentions)
    if (m.status == Assertion::affirmed && m.system == "ICD-10-CM" && (m.section_category == "chief_complaint" || named_as_the_reason(m)))
      out.push_back(m.code);
  return out;
}

bool Coder::explains(const ProposedCode& c, const std::vector<std::string>& presenting) const {
  const std::string category = c.code.substr(0, 3);
  return std::any_of(presenting.begin(), presenting.end(), [&](const std::string& p) {
    if (p.starts_with(category)) return true;
    return std::any_of(data_.integral_findings.begin(), data_.integral_findings.end(), [&](const CoderData::IntegralFinding& row) {
      return c.code.starts_with(row.condition_prefix) && p.starts_with(row.integral_prefix);
    });
  });
}

// "Admitted with chest pain after emotional stressor. 1. Takotsubo cardiomyopathy ...": a symptom
// the assessment states as the stay's reason, then establishing a definitive diagnosis, is not the
// stay's principal one (Section II.A): the first acute condition that statement names is. (An
// outpatient visit's symptom stays first-listed beside an unrelated finding, IV.D.)
// A chronic condition beside it (hyperlipidemia) establishes nothing about the symptom.
std::vector<ProposedCode>::iterator Coder::the_diagnosis_beside_a_symptom(std::vector<ProposedCode>& dx, std::vector<ProposedCode>::iterator lead,
                                                                          const std::vector<std::string>& presenting) const {
  if (!is_symptom_code(lead->code) || lead->statement_rank != kAssessmentStatement ||
      std::find(presenting.begin(), presenting.end(), lead->code) == presenting.end())
    return lead;
  auto best = lead;
  for (auto it = dx.begin(); it != dx.end(); ++it) {
    if (it->statement_rank != kAssessmentStatement || is_symptom_code(it->code) || it->code.starts_with("Z") || is_chronic(it->code) || it->confidence < 0.5 ||
        !it->review_reasons.empty())
      continue;
    if (best == lead || it->statement_offset < best->statement_offset) best = it;
  }
  if (best != lead) best->rule += "; sequenced first: the definitive diagnosis the assessment establishes, not the presenting symptom " + lead->code + " (II.A)";
  return best;
}

std::vector<ProposedCode>::iterator Coder::the_reason_for_coming(std::vector<ProposedCode>& dx, std::vector<ProposedCode>::iterator lead,
                                                                 const std::vector<std::string>& presenting) const {
  constexpr int kAdmissionDiagnosis = 20;
  // Only a chronic condition listed first gives way (the diabetes an infection upset): between
  // two acute conditions the physician's order stands.
  if (presenting.empty() || !is_chronic(lead->code) || (lead->statement_rank != kAssessmentStatement && lead->statement_rank != kAdmissionDiagnosis) ||
      explains(*lead, presenting))
    return lead;
  auto best = lead;
  for (auto it = dx.begin(); it != dx.end(); ++it) {
    if (it->statement_rank != lead->statement_rank || is_symptom_code(it->code) || it->code.starts_with("Z") || it->confidence < 0.5) continue;
    if (!explains(*it, presenting)) continue;
    if (best == lead || it->statement_offset < best->statement_offset) best = it;
  }
  if (best != lead)
    best->rule += "; sequenced first: it explains the presenting complaint, which " + lead->code + " (listed before it) does not";
  return best;
}

bool postoperative_diagnosis_is_the_same(std::string_view text, const std::vector<SentenceInput>& sentences) {
  const auto first = std::find_if(sentences.begin(), sentences.end(), [](const SentenceInput& s) { return s.section_category == "postoperative_diagnosis"; });
  if (first == sentences.end() || first->end > text.size() || first->begin >= first->end) return false;
  std::string said = words::lower(text.substr(first->begin, std::min<std::size_t>(first->end - first->begin, 120)));
  // (With its heading, where the sentence holds it: "postoperative diagnosis: same.")
  if (const std::size_t colon = said.find(':'); colon != std::string::npos && said.substr(0, colon).find("diagnos") != std::string::npos)
    said.erase(0, colon + 1);
  const std::size_t start = said.find_first_not_of(" \t\n-");
  return start != std::string::npos && words::stands_at(said, "same", start);
}

int statement_rank(const MentionInput& m) {
  // "Two prior low transverse cesarean deliveries": the past that O34.21- (maternal care for the
  // scar of a previous cesarean) is about is its condition now, and a preoperative diagnosis.
  const bool past_by_nature = m.code.starts_with("O34.2");
  if ((m.status == Assertion::historical && !past_by_nature) || m.status == Assertion::family) return kNoStatement;
  int rank = section_rank(m.section_category);
  // Below the discharge / postoperative / final diagnosis (which settle the stay) and above the
  // assessment. Conditions only: a presenting symptom is no principal when a diagnosis is found.
  if (const ArrivalReason reason = arrival_reason(m); !m.code.starts_with("Z") && reason != ArrivalReason::none) {
    // A presenting symptom ("presents with chest discomfort") leads only when no statement names
    // a diagnosis: it ranks below every diagnosis statement and the chief complaint.
    // Severe sepsis (R65) is no symptom: "admitted with septic shock due to pneumonia" names it.
    // What a patient "presents with" is what brought them, often before the work-up named it
    // ("presents with tremor, diaphoresis, anxiety"): below the assessment, above the admission
    // diagnoses; what they were "admitted with" is the stay's reason.
    rank = std::min(rank, is_symptom_code(m.code) ? 40 : reason == ArrivalReason::admitted ? 5 : 15);
  }
  return rank;
}

namespace {

// UHDDS: the principal procedure is the one most related to the principal diagnosis. When the
// stay's operation worked on none of the leading statement's conditions ("Discharge diagnoses:
// hyperglycemia, cholelithiasis, ..., cholecystitis" with a cholecystectomy), the condition it
// did treat, stated as a diagnosis as strongly, leads.
// A code whose Tabular entry says "code first" its underlying disease (I85.11 secondary esophageal
// varices with bleeding, of a cirrhosis) does not take the lead from the statement's condition for
// its operation's sake: the banding treats the varices, but the cirrhosis is sequenced first (I.A.13).
std::vector<ProposedCode>::iterator the_operated_condition(std::vector<ProposedCode>& dx, std::vector<ProposedCode>::iterator lead,
                                                           const std::vector<ProposedCode>& px,
                                                           const std::function<bool(const ProposedCode&)>& follows_its_cause) {
  const auto procedures = definitive_procedures(px);
  const auto operated = [&](const ProposedCode& c) {
    return std::any_of(procedures.begin(), procedures.end(), [&](const ProposedCode* p) { return operates_on(*p, c); });
  };
  if (procedures.empty() || operated(*lead)) return lead;
  auto best = dx.end();
  for (auto it = dx.begin(); it != dx.end(); ++it) {
    if (it->code.starts_with("Z") || is_symptom_code(it->code) || it->statement_rank > lead->statement_rank || !operated(*it) || follows_its_cause(*it))
      continue;
    if (best == dx.end() || std::pair{it->statement_rank, it->statement_offset} < std::pair{best->statement_rank, best->statement_offset}) best = it;
  }
  if (best == dx.end()) return lead;
  best->rule += "; principal: the condition the stay's operation treated (UHDDS: the principal procedure relates to the principal diagnosis)";
  return best;
}

}  // namespace

// The code that leads the list: the strongest statement's, unless a guideline, the reason for
// coming, the operation or a manifestation's etiology says another; dx.end() when none may lead.
std::vector<ProposedCode>::iterator Coder::choose_lead(std::vector<ProposedCode>& dx, Policy policy, const std::vector<std::string>& presenting,
                                                     const std::vector<ProposedCode>& px) const {
  // Status and history codes (Z) never lead, but for a screening (Z12, Z13: "screening colonoscopy"
  // stays first-listed when it finds a polyp, I.C.21.c.5); then the strongest statement, first listed in it;
  // then the rest: diagnosis headings first, then text order.
  std::stable_sort(dx.begin(), dx.end(), [](const ProposedCode& a, const ProposedCode& b) {
    const bool za = a.code.starts_with("Z"), zb = b.code.starts_with("Z");
    if (za != zb) return !za;
    if (a.from_diagnosis_section != b.from_diagnosis_section) return a.from_diagnosis_section;
    return a.first_offset < b.first_offset;
  });
  auto lead = std::min_element(dx.begin(), dx.end(), [&](const ProposedCode& a, const ProposedCode& b) {
    const bool za = trails_the_list(a), zb = trails_the_list(b);
    if (za != zb) return !za;
    return std::pair{a.statement_rank, a.statement_offset} < std::pair{b.statement_rank, b.statement_offset};
  });
  // A screening stays first-listed when it finds something (I.C.21.c.5), and so does a routine
  // examination (I.C.21.c.13), a preoperative one (IV.M: then the reason for the surgery), an
  // encounter solely for chemotherapy or radiation therapy (I.C.2.e.2: then the malignancy) and
  // a normal pregnancy's prenatal visit (I.C.21.c.11).
  // (O09, a high-risk pregnancy's supervision, leads a prenatal visit, not a stay.)
  if (const auto screening = std::find_if(dx.begin(), dx.end(), [&](const ProposedCode& c) {
        return is_screening_code(c.code) || is_examination_code(c.code) || is_therapy_encounter_code(c.code) ||
               (is_prenatal_supervision_code(c.code) && (policy == Policy::outpatient || c.code.starts_with("Z34")));
      });
      screening != dx.end())
    lead = screening;
  if (lead != dx.end() && !trails_the_list(*lead)) lead = the_reason_for_coming(dx, lead, presenting);
  if (policy == Policy::inpatient && lead != dx.end() && !trails_the_list(*lead)) lead = the_diagnosis_beside_a_symptom(dx, lead, presenting);
  if (lead != dx.end() && lead->statement_rank < kNoStatement && !trails_the_list(*lead)) lead = by_guideline(dx, lead, px);
  // (B20 keeps the lead the guideline gave it: the bronchoscopy of a stay for Pneumocystis
  // pneumonia treats the HIV-related condition, I.C.1.a.2.a.)
  if (policy == Policy::inpatient && lead != dx.end() && !trails_the_list(*lead) && lead->code != "B20") lead = the_operated_condition(dx, lead, px, [&](const ProposedCode& c) {
    return c.system == "ICD-10-CM" && sets_.icd10cm && !sets_.icd10cm->notes(c.code, "code_first").empty();
  });
  auto chosen = lead;
  if (lead != dx.end() && !lead->etiology.empty()) {
    // A manifestation never leads: its etiology does ("code first", I.A.13).
    const auto etiology = std::find_if(dx.begin(), dx.end(), [&](const ProposedCode& c) { return c.code == lead->etiology; });
    if (etiology != dx.end()) chosen = etiology;
  }
  return chosen;
}

void Coder::sequence(std::vector<ProposedCode>& dx, Policy policy, const std::vector<std::string>& presenting,
                     const std::vector<ProposedCode>& px) const {
  const auto lead = choose_lead(dx, policy, presenting, px);
  if (lead == dx.end() || trails_the_list(*lead)) {
    for (auto& c : dx) c.role = "secondary";
    return;
  }
  std::rotate(dx.begin(), lead, lead + 1);
  for (auto& c : dx) c.role = "secondary";
  ProposedCode& first = dx.front();
  first.role = policy == Policy::inpatient ? "principal" : "first_listed";
  if (first.statement_rank > 20) {
    // No discharge, final, postoperative, admission diagnosis or assessment names it: the chart
    // never says what the encounter was for, and a coder must decide.
    first.review_reasons.push_back(std::string("no diagnosis statement (discharge, final or postoperative diagnosis, assessment) names the ") +
                                   (policy == Policy::inpatient ? "principal" : "first-listed") +
                                   " diagnosis: chosen as the first condition the chart names; confirm it");
    first.confidence *= 0.6;
  }
}

}  // namespace chartflow::coding
