// Which of a chart's mentions are coded, and as what: a negated or hypothetical one never; a test,
// a person, a stain or a condition only to be evaluated is no diagnosis; a condition resolved during
// the stay or dated months back is read as the chart means it (coder.cpp applies the conventions
// to the list these give).
#include "coder.hpp"

#include "modifiers.hpp"

#include "common/words.hpp"

#include <algorithm>
#include <set>
#include <string>
#include <string_view>

namespace chartflow::coding {
namespace {

// Adds a code to the chart's list, or its mention's evidence to the same code already there.
void add_code(std::vector<ProposedCode>& list, ProposedCode c, const MentionInput& m, const ModifierWindows& windows) {
  c.mention_ids = {m.id};
  c.evidence = {{m.view, m.begin, m.end}};
  c.first_offset = m.begin;
  c.mention_words = word_count(m.text);
  c.condition = head_word(m.text);
  // A modifier of the next condition ("gallstone pancreatitis") is listed after it.
  if (c.statement_rank < kNoStatement) {
    const auto head = windows.head_after(m);
    c.statement_offset = head ? *head + 1 : m.begin;
  }
  for (auto& existing : list)
    if (existing.system == c.system && existing.code == c.code) {  // same code again: more evidence
      existing.confidence = std::max(existing.confidence, c.confidence);
      absorb(existing, c);
      return;
    }
  list.push_back(std::move(c));
}

// Sentences with an affirmed definitive diagnosis: signs and symptoms beside one are not coded
// separately under the outpatient and inpatient rules (Guidelines I.B.4-5, IV.D).
std::set<std::string> sentences_with_diagnosis(const std::vector<MentionInput>& mentions) {
  std::set<std::string> out;
  for (const auto& m : mentions)
    if (m.system == "ICD-10-CM" && m.status == Assertion::affirmed &&
        (m.kind == MentionKind::diagnosis || m.kind == MentionKind::neoplasm || m.kind == MentionKind::injury) && !is_symptom_code(m.code) &&
        !m.code.starts_with("Z") && !m.sentence_id.empty())
      out.insert(m.sentence_id);
  return out;
}

// Guidelines IV.K: an outpatient report that concludes (a pathology diagnosis, an impression) is
// coded from its conclusion; what its findings, gross or microscopic description name and the
// conclusion leaves out ("fibrocystic changes", "small umbilical hernia") is not a diagnosis of it.
bool described_only(const MentionInput& m, Policy policy, bool concludes) {
  if (policy != Policy::outpatient || !concludes) return false;
  const auto& s = m.section_category;
  return s == "findings" || s == "gross_description" || s == "microscopic_description";
}

// "Discharge diagnoses: hepatic encephalopathy, resolved": a condition the discharge (or
// postoperative, final) diagnoses call resolved was resolved during this stay, which it is a
// diagnosis of; only "resolved" made it historical there, no "history of" or past-history heading.
bool resolved_during_the_stay(const MentionInput& m, Policy policy) {
  if (policy != Policy::inpatient || m.status != Assertion::historical || m.past_cues.empty()) return false;
  if (m.section_category != "discharge_diagnosis" && m.section_category != "postoperative_diagnosis")
    return false;
  return std::all_of(m.past_cues.begin(), m.past_cues.end(), [](const std::string& cue) { return cue.find("resolv") != std::string::npos; });
}

// "Had a drug-eluting stent to the RCA 4 years ago", "last colonoscopy 6 years ago": a procedure
// its own clause dates months or years back was done before this encounter; it is history (its
// status code may apply, I.C.21.c.3), not a procedure of this stay. Days and weeks stay: "ORIF 3
// days ago" in a progress note is this stay's operation.
bool dated_months_or_years_back(const MentionInput& m) {
  if (m.kind != MentionKind::procedure || m.status != Assertion::affirmed) return false;
  std::string_view after = m.after.substr(0, std::min<std::size_t>(m.after.size(), 60));
  if (const auto end = after.find_first_of(";.\n"); end != std::string_view::npos) after = after.substr(0, end);
  const std::string clause = words::lower(after);
  for (const std::string_view unit : {"years ago", "year ago", "months ago", "month ago", "yrs ago", "yr ago"})
    if (clause.find(unit) != std::string::npos) return true;
  return false;
}

// "She has never been diagnosed with osteoporosis ... Osteoporosis evaluation: outpatient DEXA
// recommended": a condition the chart denies and names again only as what is to be evaluated for
// is a question, not a diagnosis. (Without the denial, "anemia workup" works up an anemia.)
bool only_to_be_evaluated(const MentionInput& m, const std::vector<MentionInput>& mentions) {
  if (m.status != Assertion::affirmed) return false;
  const std::string next = words::lower(m.after.substr(0, std::min<std::size_t>(m.after.size(), 12)));
  const bool evaluation = next.starts_with(" evaluation") || next.starts_with(" workup") || next.starts_with(" work-up") ||
                          next.starts_with(" work up") || next.starts_with(" eval");
  return evaluation && std::any_of(mentions.begin(), mentions.end(), [&](const MentionInput& other) {
           return other.status == Assertion::negated && other.code == m.code;
         });
}

// "4 alcohol-fixed Papanicolaou smears" of a thyroid aspirate: the Papanicolaou stain prepares
// any cytology specimen; only a cervix's smear is the cervical screening (Z12.4).
bool names_a_stain_of_another_specimen(const MentionInput& m) {
  if (!m.code.starts_with("Z12.4")) return false;
  const std::string sentence = words::lower(m.context);
  static constexpr std::string_view kOtherSpecimens[] = {"fine-needle", "fine needle", "fna", "aspirate", "aspiration", "thyroid", "cell block",
                                                         "cytospin", "sputum", "bronchial", "lymph node", "effusion", "urine", "fluid"};
  return std::any_of(std::begin(kOtherSpecimens), std::end(kOtherSpecimens), [&](std::string_view w) { return words::contains(sentence, w); });
}

// "Dual-chamber pacemaker in place", "IVC filter in situ": a device the patient has, whose
// status is coded (Z95.0), not a procedure that placed it.
bool names_a_device_in_place(const MentionInput& m) {
  if (m.kind != MentionKind::procedure || m.status != Assertion::affirmed) return false;
  std::string after = words::lower(m.after.substr(0, std::min<std::size_t>(m.after.size(), 16)));
  while (!after.empty() && (after.front() == ' ' || after.front() == ',')) after.erase(0, 1);
  return after.starts_with("in place") || after.starts_with("in situ") || after.starts_with("remains in place");
}

// "Preeclampsia labs (platelets, creatinine, AST/ALT) were all normal", "hepatitis panel",
// "hepatitis B surface antigen", "Stroke Service": the condition names the tests that look for it,
// or a service, not a diagnosis (a provider's diagnosis of it is coded from its own statement).
// "ED Physician: Hannah Lutz, MD": a clinician's name (Lutz's disease, B41.9), not a condition.
bool names_a_person(const MentionInput& m) {
  std::string_view after = m.after.substr(0, std::min<std::size_t>(m.after.size(), 8));
  const std::size_t first = after.find_first_not_of(" ,");
  if (first == std::string_view::npos || first == 0) return false;
  after.remove_prefix(first);
  static constexpr std::string_view kCredentials[] = {"MD", "M.D.", "DO", "D.O.", "NP", "PA-C", "RN", "DPM", "DDS", "PhD"};
  const bool credential = std::any_of(std::begin(kCredentials), std::end(kCredentials), [&](std::string_view c) {
    return after.starts_with(c) && (after.size() == c.size() || !words::is_word_char(after[c.size()]));
  });
  const std::string_view before = m.before.substr(m.before.size() > 4 ? m.before.size() - 4 : 0);
  return credential || before.ends_with("Dr. ") || before.ends_with("Dr ");
}

bool names_a_test_or_service(const MentionInput& m) {
  const std::string next = words::lower(m.after.substr(0, std::min<std::size_t>(m.after.size(), 14)));
  // "Sepsis evaluation - blood culture pending": the work-up of a suspected sepsis, not a sepsis.
  if (m.code.starts_with("A40") || m.code.starts_with("A41") || m.code.starts_with("P36") || m.code.starts_with("R65.2"))
    for (const std::string_view w : {"evaluation", "workup", "work-up", "rule-out", "screen"})
      if (words::stands_at(next, w, 1)) return true;
  // "reportedly vaccinated against rabies": what a vaccine protects from, no condition.
  {
    const std::string before = words::lower(m.before.substr(m.before.size() > 24 ? m.before.size() - 24 : 0));
    if (before.ends_with("against ") && (words::contains(before, "vaccinated") || words::contains(before, "immunized") ||
                                         words::contains(before, "vaccine") || words::contains(before, "vaccination") ||
                                         words::contains(before, "immunization")))
      return true;
  }
  // "Renal duplex: elevated velocities", "carotid duplex": a Doppler study, not a duplex kidney (Q63.0).
  if (const std::string text = words::lower(m.text); text.ends_with(" duplex")) return true;
  static constexpr std::string_view kNamed[] = {"labs", "lab", "panel",
                                                // ... a test's own name: "hepatitis B surface antigen negative", "HIV antibody"
                                                "surface", "antigen", "antibody", "antibodies", "serology", "serologies", "pcr", "titer", "titers",
                                                "igg", "igm", "sag", "ag", "ab", "abs", "rna", "dna", "total",  // "Hep B sAg, hep C Ab", "Hep A total Ab"
                                                // ... or a service, a clinic or a team: "Stroke Service", "Stroke clinic in 4 weeks",
                                                // "Transfer to burn/ICU-level nursing"
                                                "service", "center", "centre", "clinic", "unit", "team", "program", "icu", "ward",
                                                // ... or an alert or pathway: "Stroke alert: NOT activated", "sepsis bundle", "chest
                                                // pain pathway" (not a protocol: "renal stone protocol" CT looks for the stone it finds)
                                                "alert", "pathway", "bundle",
                                                // ... or a vaccine: "Hepatitis B #1 given", "hepatitis A vaccine series"
                                                "vaccine", "vaccines", "vaccination", "vaccinations", "immunization", "series",
                                                // ... or a prophylaxis against it: "Rabies post-exposure prophylaxis not indicated"
                                                "prophylaxis", "post-exposure", "pep"};
  // ... past a letter the mention left out: "hepatitis B serologies sent" (the mention
  // "hepatitis"), "Hep A/B vaccination" (the mention "Hep A").
  const bool letter_first = next.size() > 3 && !words::is_word_char(next[0]) && std::isalpha(static_cast<unsigned char>(next[1])) && next[2] == ' ';
  const std::size_t at = letter_first ? 3 : 1;
  if (next.size() > at + 1 && next[at] == '#' && std::isdigit(static_cast<unsigned char>(next[at + 1]))) return true;  // "#1 given": a dose
  return std::any_of(std::begin(kNamed), std::end(kNamed), [&](std::string_view w) { return words::stands_at(next, w, at); });
}

// A test's name in a list of lab tests: an infection's initials ("HIV, HCV, H. pylori stool Ag negative",
// "HBsAg/HIV/RPR neg", "HCV RNA pending", "Prenatal panel (CBC, rubella, HBsAg, HIV, HCV)"): the
// test, not the disease, unless the sentence says it was found or treats it ("HIV on ART, viral
// load undetectable" is the disease).
bool names_a_test_in_a_lab_list(const MentionInput& m) {
  // Any name inside a panel's parenthesized list of its tests: "Prenatal panel (CBC, type and
  // screen, rubella, varicella, HBsAg, HIV, syphilis, HCV)".
  if (const std::size_t open = m.before.rfind('('); open != std::string_view::npos && m.before.find(')', open) == std::string_view::npos) {
    const std::string head = words::lower(m.before.substr(open >= 24 ? open - 24 : 0, open >= 24 ? 24 : open));
    for (const std::string_view w : {"panel", "serologies", "serology", "titers", "labs"})
      if (words::contains(head, w)) return true;
  }
  if (!is_initials(m.text)) return false;
  const std::string sentence = words::lower(m.context);
  static constexpr std::string_view kLabResult[] = {"neg", "negative", "nonreactive", "non-reactive", "pending", "undetectable", "not detected",
                                                    "panel", "ordered", "drawn", "serologies", "serology"};
  static constexpr std::string_view kTheDisease[] = {"positive", "reactive", "detected", "on art", "antiretroviral", "haart", "cd4", "infection",
                                                     "disease", "aids", "genotype", "cirrhosis", "treated", "treatment", "chronic", "known"};
  const auto says = [&](std::string_view w) { return words::contains(sentence, w); };
  if (!std::any_of(std::begin(kLabResult), std::end(kLabResult), says)) return false;
  std::string_view after = m.after;
  if (const auto end = after.find_first_of(".;"); end != std::string_view::npos) after = after.substr(0, end);
  const std::string clause = words::lower(after);
  const auto found = [&](std::string_view w) {
    for (std::size_t at = words::find(clause, w); at != std::string::npos; at = words::find(clause, w, at + 1))
      if (!(at >= 4 && clause.compare(at - 4, 4, "not ") == 0)) return true;  // "not detected" is no finding
    return false;
  };
  return std::none_of(std::begin(kTheDisease), std::end(kTheDisease), found);
}

// "Exam: Bilateral screening mammogram", "Negative bilateral screening mammogram": to the
// assertion stage "screening" says the test looks for something not found (hypothetical) and
// "negative" denies it; for the screening encounter's own code (Z12) they say the screening was
// done. Not when the line plans or recommends it ("continue annual screening mammography").
bool screening_done(const MentionInput& m) {
  // So does the prophylaxis of an exposure (Z20) or a carrier state (Z22): "Exposure to rabies -
  // post-exposure prophylaxis initiated", "GBS carrier - adequate intrapartum prophylaxis" are what
  // the visit treats, not hypothetical.
  if ((m.code.starts_with("Z20") || m.code.starts_with("Z22")) && m.status == Assertion::hypothetical)
    return words::contains(words::lower(m.after.substr(0, std::min<std::size_t>(m.after.size(), 60))), "prophylaxis");
  if (!m.code.starts_with("Z12") || (m.status != Assertion::hypothetical && m.status != Assertion::negated)) return false;
  std::string_view before = m.before;
  if (const std::size_t line = before.rfind('\n'); line != std::string_view::npos) before.remove_prefix(line + 1);
  if (before.size() > 60) before.remove_prefix(before.size() - 60);
  const std::string lowered = words::lower(before);
  static constexpr std::string_view kNotDone[] = {"no", "not", "continue", "recommend", "recommended", "due", "schedule", "next", "return",
                                                  "consider", "declined", "declines", "overdue", "plan", "will", "should", "ago", "prior"};
  return words::contains(lowered, "screening") &&
         std::none_of(std::begin(kNotDone), std::end(kNotDone), [&](std::string_view w) { return words::contains(lowered, w); });
}

bool report_concludes(const std::vector<MentionInput>& mentions) {
  return std::any_of(mentions.begin(), mentions.end(), [](const MentionInput& m) {
    return m.section_category == "pathology_final_diagnosis" || m.section_category == "assessment" || m.section_category == "diagnosis";
  });
}

}  // namespace

Coder::ChartFacts Coder::chart_facts(const std::vector<MentionInput>& mentions, std::string_view text) const {
  ChartFacts facts;
  facts.sentences_with_diagnosis = sentences_with_diagnosis(mentions);
  const auto age = stated_age(text);
  facts.adult = age && *age >= 18;
  facts.splenectomy = std::any_of(mentions.begin(), mentions.end(), [](const MentionInput& m) { return words::contains(words::lower(m.text), "splenectomy"); });
  facts.exam_side = exam_side(text);
  // The chronic conditions of chronic_by_treatment whose drugs the chart names (the text is read,
  // once, only when a mention has such a code).
  std::string lowered_text;
  for (const auto& [prefix, drugs] : data_.chronic_by_treatment) {
    if (std::none_of(mentions.begin(), mentions.end(), [&](const MentionInput& m) { return m.code.starts_with(prefix); })) continue;
    if (lowered_text.empty()) lowered_text = words::lower(text);
    if (std::any_of(drugs.begin(), drugs.end(), [&](const std::string& d) { return words::find(lowered_text, d) != std::string::npos; }))
      facts.treated_chronic.insert(prefix);
  }
  facts.cerebrovascular = std::any_of(mentions.begin(), mentions.end(), [](const MentionInput& m) {
    return m.status == Assertion::affirmed && m.system == "ICD-10-CM" && m.code.size() >= 3 && m.code[0] == 'I' && m.code[1] == '6' &&
           (m.code[2] <= '3' || m.code[2] == '9');
  });
  // "Diagnostic (bilateral) mammogram", "diagnostic mammography": the study is a work-up. (Read
  // only in a chart with a screening mammogram mention: the rest never ask.)
  if (std::any_of(mentions.begin(), mentions.end(), [](const MentionInput& m) { return m.code.starts_with("Z12.3"); })) {
    const std::string lowered = words::lower(text.substr(0, std::min<std::size_t>(text.size(), 4000)));
    for (std::size_t at = words::find(lowered, "diagnostic"); at != std::string::npos && !facts.diagnostic_mammogram;
         at = words::find(lowered, "diagnostic", at + 1)) {
      const std::string_view next = std::string_view(lowered).substr(at, 40);
      facts.diagnostic_mammogram = next.find("mammogra") != std::string_view::npos;
    }
  }
  return facts;
}

void Coder::code_mentions(const std::vector<MentionInput>& mentions, Policy policy, const ChartFacts& facts, std::vector<ProposedCode>& dx,
                          std::vector<ProposedCode>& px) const {
  const ModifierWindows windows(mentions);
  const bool concludes = report_concludes(mentions);
  const bool states_diagnoses =
      std::any_of(mentions.begin(), mentions.end(), [](const MentionInput& m) { return is_diagnosis_section(m.section_category); });
  for (const auto& mention : mentions) {
    const bool screened = screening_done(mention);
    if ((mention.status == Assertion::negated || mention.status == Assertion::hypothetical) && !screened) continue;  // never coded
    if (only_to_be_evaluated(mention, mentions) || names_a_test_or_service(mention) || names_a_person(mention) || names_a_test_in_a_lab_list(mention) ||
        names_a_stain_of_another_specimen(mention))
      continue;
    std::optional<MentionInput> restated;
    if (resolved_during_the_stay(mention, policy) || screened)
      restated = mention, restated->status = Assertion::affirmed, restated->past_cues.clear();
    else if (dated_months_or_years_back(mention)) restated = mention, restated->status = Assertion::historical, restated->past_cues = {"ago"};
    else if (names_a_device_in_place(mention)) restated = mention, restated->status = Assertion::historical, restated->past_cues = {"in place"};
    const MentionInput& stated = restated ? *restated : mention;
    const auto tabled = neoplasm_table_mention(stated);
    const MentionInput& m = tabled ? *tabled : stated;
    if (codes_as_diagnosis(m)) {
      if (described_only(m, policy, concludes)) continue;
      // A review of systems asks about symptoms: what it lists is no diagnosis of a chart that
      // states its own ("ROS: ... sore throat (reviewed agranulocytosis warning)").
      if (policy != Policy::all_findings && states_diagnoses && m.section_category == "review_of_systems" && m.kind != MentionKind::other) continue;
      if (auto c = code_diagnosis(m, policy, windows, facts)) {
        // Each sibling subterm the chart names is a code of its own ("intramural and subserosal").
        if (!c->index_siblings.empty()) c->named_with_siblings = true;
        for (const auto& sibling : c->index_siblings) {
          ProposedCode also = *c;
          also.code = sibling, also.display = std::string(sets_.icd10cm->find(sibling)->title), also.index_siblings.clear();
          also.rule += "; the chart names a sibling subterm as well -> " + sibling;
          add_code(dx, std::move(also), m, windows);
        }
        c->index_siblings.clear();
        add_code(dx, std::move(*c), m, windows);
      }
    } else if (auto status = code_procedure_status(m, policy)) {
      add_code(dx, std::move(*status), m, windows);
    } else {
      for (auto& c : code_procedure(m, policy)) add_code(c.system == "ICD-10-CM" ? dx : px, std::move(c), m, windows);
      if (auto reason = code_screening_reason(m); reason && policy != Policy::all_findings) add_code(dx, std::move(*reason), m, windows);
    }
  }

}

}  // namespace chartflow::coding
