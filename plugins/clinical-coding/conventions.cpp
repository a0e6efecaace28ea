// Chart-level coding conventions that need more than one mention: chronic conditions named as
// history, codes that only repeat another more vaguely, and long-term insulin use.
#include "coder.hpp"
#include "index_tree.hpp"

#include "common/words.hpp"

#include <algorithm>
#include <array>

namespace chartflow::coding {
namespace {

// Cues that put a condition in the past for good; "history of", "h/o", "PMH" and the past
// medical history heading do not (a chronic condition listed there is still present).
bool ends_the_condition(const std::string& cue) {
  static const char* const kPast[] = {"resolved", "s/p", "status post", "prior", "previous", "remote", "childhood", "as a child",
                                      "healed", "treated", "last year", "last pregnancy", "surgical", "former", "quit", "ex-", "used to"};
  const std::string c = words::lower(cue);
  return std::any_of(std::begin(kPast), std::end(kPast), [&](const char* p) { return c.find(p) != std::string::npos; });
}

}  // namespace

bool administered_here(const MentionInput& m) {
  if (m.section_category == "medications" || m.section_category == "discharge_medications" || m.section_category == "plan" ||
      m.section_category == "discharge_instructions" || m.section_category == "allergies")
    return false;
  static const char* const kGiven[] = {"given", "administered", "infused", "injected", "injection", "received", "bolus", "pushed",
                                       "iv", "im", "intravenous", "intramuscular", "subcutaneous", "nebulized", "was started", "dose of"};
  const std::string context = words::lower(m.context);
  return std::any_of(std::begin(kGiven), std::end(kGiven), [&](const char* w) { return words::contains(context, w); });
}

bool Coder::is_chronic(const std::string& code) const {
  return std::any_of(data_.chronic_conditions.begin(), data_.chronic_conditions.end(), [&](const std::string& prefix) { return code.starts_with(prefix); });
}

bool Coder::chronic_and_current(const MentionInput& m) const {
  if (m.status != Assertion::historical || m.past_cues.empty()) return false;
  if (std::any_of(m.past_cues.begin(), m.past_cues.end(), ends_the_condition)) return false;
  // (A condition the chart calls chronic is one by its name, whatever the vocabulary's code for
  // the words the mention matched: "chronic kidney disease stage 3a" matched "kidney disease", N28.9.)
  const std::string_view before = m.before.substr(m.before.size() > 8 ? m.before.size() - 8 : 0);
  return is_chronic(m.code) || words::contains(words::lower(before), "chronic");
}

void Coder::drop_generic_codes(std::vector<ProposedCode>& codes) const {
  const auto generic = [&](const ProposedCode& c) {
    return c.system == "ICD-10-CM" && std::find(data_.generic_codes.begin(), data_.generic_codes.end(), c.code) != data_.generic_codes.end();
  };
  const bool something_exact = std::any_of(codes.begin(), codes.end(), [&](const ProposedCode& c) {
    return c.system == "ICD-10-CM" && !generic(c) && !c.code.starts_with("Z");
  });
  if (something_exact) {
    std::erase_if(codes, generic);
    return;
  }
  for (auto& c : codes)
    if (generic(c)) c.review_reasons.push_back("a vague code (" + c.display + ") and the chart names nothing more exact: check the chart for the condition");
}

void Coder::drop_vague_tumours(std::vector<ProposedCode>& codes) {
  static constexpr std::string_view kVague[] = {"D49.9", "C80.1", "C79.9", "R22.9"};
  const auto vague = [](const ProposedCode& c) { return std::find(std::begin(kVague), std::end(kVague), c.code) != std::end(kVague); };
  const auto exact = std::find_if(codes.begin(), codes.end(), [&](const ProposedCode& c) {
    return c.system == "ICD-10-CM" && !vague(c) && (c.code.starts_with("C") || (c.code.starts_with("D") && c.code.compare(0, 3, "D50") < 0));
  });
  if (exact == codes.end()) return;
  for (const auto& c : codes)
    if (c.system == "ICD-10-CM" && vague(c)) {
      absorb(*exact, c);
      exact->rule += "; " + c.code + " (" + c.display + ") is this neoplasm named vaguely";
    }
  std::erase_if(codes, [&](const ProposedCode& c) { return c.system == "ICD-10-CM" && vague(c); });
}

void Coder::drop_pneumonia_of_unnamed_organism(std::vector<ProposedCode>& codes) const {
  if (!sets_.icd10cm) return;
  // Titled a pneumonia (or pneumonitis), or one that is a pneumonia by name: Legionnaires' disease,
  // pneumocystosis.
  const auto named_pneumonia = [&](const ProposedCode& c) {
    if (c.system != "ICD-10-CM" || c.code == "J18.9" || c.code.starts_with("Z")) return false;
    if (c.code == "A48.1" || c.code == "B59") return true;
    const auto* info = sets_.icd10cm->find(c.code);
    const std::string title = info ? words::lower(std::string(info->title)) : std::string();
    // An infection of the lung by its organism is the pneumonia it causes: "acute pulmonary
    // coccidioidomycosis with left lower lobe pneumonia" is B38.0 alone.
    if ((c.code[0] == 'A' || c.code[0] == 'B') && words::contains(title, "pulmonary")) return true;
    return title.find("pneumonia") != std::string::npos || title.find("pneumonitis") != std::string::npos;
  };
  const auto exact = std::find_if(codes.begin(), codes.end(), named_pneumonia);
  if (exact == codes.end()) return;
  for (const auto& c : codes)
    if (c.system == "ICD-10-CM" && c.code == "J18.9") {
      absorb(*exact, c);
      exact->rule += "; J18.9 (pneumonia, unspecified organism) is this pneumonia named without its organism";
    }
  std::erase_if(codes, [](const ProposedCode& c) { return c.system == "ICD-10-CM" && c.code == "J18.9"; });
}

// A substance-induced psychotic disorder "with persecutory delusions": the vocabulary's F22
// beside it (integral to it, dropped with the integral findings) says which, F1x.x50.
void Coder::code_induced_psychosis_detail(std::vector<ProposedCode>& codes) const {
  if (!sets_.icd10cm || std::none_of(codes.begin(), codes.end(), [](const ProposedCode& c) { return c.code.starts_with("F22"); })) return;
  for (auto& c : codes) {
    const bool induced_psychosis = c.code.size() == 7 && c.code[0] == 'F' && c.code[1] == '1' && c.code.ends_with("59");
    if (!induced_psychosis) continue;
    const std::string with_delusions = c.code.substr(0, 5) + "50";
    if (sets_.icd10cm->is_billable(with_delusions)) c.rule += "; with delusions -> " + with_delusions, c.code = with_delusions;
  }
}

void Coder::keep_the_strongest_substance_pattern(std::vector<ProposedCode>& codes) const {
  // I.C.5.b.2: use, abuse and dependence of one substance documented together are coded as the
  // strongest alone (dependence over abuse over use): "methamphetamine use disorder" (F15.9-) in the
  // history and "... use disorder, severe, with induced psychotic disorder" (F15.250) are one F15.250.
  const auto pattern = [](const ProposedCode& c) -> int {  // 2 dependence, 1 abuse, 0 use, -1 none
    if (c.system != "ICD-10-CM" || c.code.size() < 5 || c.code[0] != 'F' || c.code[1] != '1' || c.code[2] == '7') return -1;
    return c.code[4] == '2' ? 2 : c.code[4] == '1' ? 1 : c.code[4] == '9' ? 0 : -1;
  };
  for (auto& strongest : codes) {
    if (pattern(strongest) <= 0) continue;
    for (auto& weaker : codes)
      if (&weaker != &strongest && !weaker.code.empty() && weaker.code.compare(0, 3, strongest.code, 0, 3) == 0 && pattern(weaker) >= 0 &&
          pattern(weaker) < pattern(strongest)) {
        absorb(strongest, weaker);
        strongest.rule += "; " + weaker.code + " is the same substance's weaker pattern (I.C.5.b.2: code the strongest)";
        // ... with what the weaker one says it caused: "cannabis-induced psychotic disorder"
        // (F12.959) in a severe use disorder (F12.20) is the dependence's F12.259.
        const bool uncomplicated = strongest.code.size() == 6 && strongest.code.back() == '0';
        if (uncomplicated && weaker.code.size() > 6 && sets_.icd10cm) {
          std::string with = strongest.code.substr(0, 5) + weaker.code.substr(5);
          if (sets_.icd10cm->is_billable(with)) strongest.rule += ", with its manifestation -> " + with, strongest.code = with;
        }

        weaker.code.clear();
      }
  }
  std::erase_if(codes, [](const ProposedCode& c) { return c.code.empty(); });
}

void Coder::add_companion_codes(std::vector<ProposedCode>& codes, const std::vector<MentionInput>& mentions) const {
  for (const auto& companion : data_.companions) {
    if (std::any_of(codes.begin(), codes.end(), [&](const ProposedCode& c) { return c.code == companion.code; })) continue;
    const auto condition = std::find_if(codes.begin(), codes.end(), [&](const ProposedCode& c) {
      return c.system == "ICD-10-CM" && c.code.starts_with(companion.condition_prefix);
    });
    const auto* info = sets_.icd10cm ? sets_.icd10cm->find(companion.code) : nullptr;
    if (condition == codes.end() || !info) continue;
    // The word in a mention of its own ("insulin glargine"), else beside the condition ("on insulin"),
    // where its sentence does not say the status does not hold ("sliding scale insulin" while
    // inpatient is no long-term use, I.C.4.a.3).
    const auto holds = [&](const MentionInput& m) {
      const std::string context = words::lower(m.context);
      // A plan's order for the stay ("Insulin per medicine; diabetes education") says nothing of
      // long-term use; one the patient goes on with or home on does.
      if (m.section_category == "plan" && !words::contains_any(context, {"continue", "continued", "resume", "home", "discharge", "outpatient", "usual", "long-term"}))
        return false;
      return std::none_of(companion.unless.begin(), companion.unless.end(), [&](const std::string& w) { return context.find(w) != std::string::npos; });
    };
    const MentionInput* evidence = nullptr;
    for (const auto& m : mentions)
      if (m.status != Assertion::negated && m.status != Assertion::family && m.status != Assertion::hypothetical &&
          words::contains(words::lower(m.text), companion.word) && holds(m)) {
        evidence = &m;
        break;
      }
    for (std::size_t k = 0; !evidence && k < mentions.size(); ++k)
      if (std::find(condition->mention_ids.begin(), condition->mention_ids.end(), mentions[k].id) != condition->mention_ids.end() &&
          words::contains(words::lower(mentions[k].context), companion.word) && holds(mentions[k]))
        evidence = &mentions[k];
    if (!evidence) continue;
    // Diabetes "without complications" that the chart calls poorly controlled is E11.65 itself.
    if (condition->code.substr(0, 3) == companion.code.substr(0, 3) && words::lower(condition->display).find("without complication") != std::string::npos) {
      condition->rule += "; " + companion.note + " -> " + companion.code;
      condition->code = companion.code;
      condition->display = info->title;
      condition->combination = true;
      continue;
    }
    ProposedCode c;
    c.system = "ICD-10-CM", c.code = companion.code, c.display = info->title, c.version = sets_.icd10cm->version();
    c.mention_ids = {evidence->id};
    c.evidence = {{evidence->view, evidence->begin, evidence->end}};
    c.first_offset = evidence->begin;
    c.confidence = 0.8;
    c.rule = companion.note + " (" + condition->code + " and '" + companion.word + "')";
    codes.push_back(std::move(c));
  }
}

void Coder::add_systemic_infection(std::vector<ProposedCode>& codes, const std::vector<MentionInput>& mentions) const {
  const auto severe = std::find_if(codes.begin(), codes.end(), [](const ProposedCode& c) { return c.code.starts_with("R65.2"); });
  if (severe == codes.end() || severe->mention_ids.empty() || !sets_.icd10cm || sets_.icd10cm->index().empty()) return;
  if (std::any_of(codes.begin(), codes.end(), [](const ProposedCode& c) { return is_sepsis(c.code) || c.code.starts_with("T8") || c.code.starts_with("O"); }))
    return;
  // The sentences of every mention of it: the organism may be named where the sepsis is listed
  // ("Severe sepsis due to E. coli") and not where it is first mentioned.
  // The organ dysfunction and shock words are left out: they lead to R65.2x, which is coded.
  std::string sentences;
  for (const auto& m : mentions)
    if (std::find(severe->mention_ids.begin(), severe->mention_ids.end(), m.id) != severe->mention_ids.end()) sentences += std::string(m.context) + " ";
  WordBag words;
  for (const auto& w : WordBag::words_of(sentences))
    if (w != "organ" && w != "dysfunction" && w != "shock" && w != "septic") words.add_folded(w);
  if (words.contains("coli")) words.add("escherichia");  // the chart's "E. coli" is the index's "Escherichia coli"
  std::string code = "A41.9", path = "Sepsis";
  if (const auto reading = sets_.icd10cm->index().read("A41.9", WordBag("sepsis"), words); reading && reading->deeper && reading->code.starts_with("A"))
    code = reading->code, path = reading->path;
  const auto* info = sets_.icd10cm->find(code);
  if (!info) return;
  ProposedCode c;
  c.system = "ICD-10-CM", c.code = code, c.display = info->title, c.version = sets_.icd10cm->version();
  c.mention_ids = severe->mention_ids;
  c.evidence = severe->evidence;
  c.first_offset = severe->first_offset;
  c.from_diagnosis_section = severe->from_diagnosis_section;
  c.statement_rank = severe->statement_rank;
  c.statement_offset = severe->statement_offset == 0 ? 0 : severe->statement_offset - 1;  // just before the R65.2x it explains
  c.confidence = severe->confidence;
  c.review_reasons = severe->review_reasons;
  c.rule = "severe sepsis is coded after its systemic infection (Guidelines I.C.1.d.1.b): index " + path + " -> " + code;
  codes.push_back(std::move(c));
}

void Coder::drop_integral_findings(std::vector<ProposedCode>& codes) const {
  std::vector<bool> gone(codes.size(), false);
  // The letters the chart's codes start with: most rows' conditions are not among them, and
  // skipping those keeps this a pass over the few rows that can apply.
  std::array<bool, 256> first_letters{};
  for (const auto& c : codes)
    if (!c.code.empty()) first_letters[static_cast<unsigned char>(c.code[0])] = true;
  for (const auto& row : data_.integral_findings) {
    if (row.condition_prefix.empty() || !first_letters[static_cast<unsigned char>(row.condition_prefix[0])]) continue;
    const auto condition = std::find_if(codes.begin(), codes.end(), [&](const ProposedCode& c) {
      return c.system == "ICD-10-CM" && c.code.starts_with(row.condition_prefix);
    });
    if (condition == codes.end()) continue;
    int condition_rank = condition->statement_rank;  // its strongest statement, of all its codes
    for (const auto& c : codes)
      if (c.system == "ICD-10-CM" && c.code.starts_with(row.condition_prefix)) condition_rank = std::min(condition_rank, c.statement_rank);
    for (std::size_t i = 0; i < codes.size(); ++i) {
      if (gone[i] || &codes[i] == &*condition || codes[i].system != "ICD-10-CM" || !codes[i].code.starts_with(row.integral_prefix)) continue;
      if (codes[i].code.starts_with(row.condition_prefix)) continue;  // the condition itself ("S" and an S code)
      // A finding the assessment states as a diagnosis, of a condition only the history or a
      // result names ("CBC showed pancytopenia"; "3. Anemia due to leukemia", "4. Thrombocytopenia"),
      // is what the provider concluded: it stays.
      if (condition_rank > kAssessmentStatement && codes[i].statement_rank <= kAssessmentStatement) continue;
      absorb(*condition, codes[i]);
      condition->rule += "; " + codes[i].code + " (" + codes[i].display + ") not coded: " + row.note + " (I.B.5)";
      gone[i] = true;
    }
  }
  std::size_t k = 0;
  std::erase_if(codes, [&](const ProposedCode&) { return gone[k++]; });
}

void Coder::code_treated_effusion(std::vector<ProposedCode>& codes, const std::vector<MentionInput>& mentions, std::string_view text,
                                  const std::string& view) const {
  // A pleural effusion with heart failure or pneumonia is part of it (integral_findings.tsv)
  // unless it is treated on its own: then it is coded, as an effusion in a condition classified
  // elsewhere (J91.8; "Effusion, pleura, in conditions classified elsewhere").
  static constexpr std::string_view kCauses[] = {"I50", "I11.0", "I13", "J12", "J13", "J14", "J15", "J16", "J17", "J18"};
  static constexpr std::string_view kTreatment[] = {"thoracentesis", "chest tube", "pleurx", "pleural catheter", "pleural drain", "tube thoracostomy"};
  if (!sets_.icd10cm || !sets_.icd10cm->is_billable("J91.8") ||
      std::any_of(codes.begin(), codes.end(), [](const ProposedCode& c) { return c.code.starts_with("J90") || c.code.starts_with("J91"); }) ||
      std::none_of(codes.begin(), codes.end(), [](const ProposedCode& c) {
        return std::any_of(std::begin(kCauses), std::end(kCauses), [&](std::string_view p) { return c.code.starts_with(p); });
      }))
    return;
  const auto effusion = std::find_if(mentions.begin(), mentions.end(), [](const MentionInput& m) {
    return m.code == "J90" && m.status == Assertion::affirmed && m.system == "ICD-10-CM";
  });
  if (effusion == mentions.end()) return;
  const std::string lowered = words::lower(text);
  // A treatment done, not one the chart says was not needed ("Diagnostic thoracentesis not required").
  const auto done = [&](std::string_view w) {
    for (std::size_t at = words::find(lowered, w); at != std::string::npos; at = words::find(lowered, w, at + 1)) {
      const std::string_view around = std::string_view(lowered).substr(at, std::min<std::size_t>(lowered.size() - at, w.size() + 24));
      if (!words::contains_any(around, {"not", "no", "deferred", "declined", "unnecessary"})) return true;
    }
    return false;
  };
  if (std::none_of(std::begin(kTreatment), std::end(kTreatment), done)) return;
  codes.push_back(stated_code("J91.8", 0.8,
                              "pleural effusion treated on its own (thoracentesis or drainage) beside the heart failure or pneumonia it comes with: "
                              "Effusion, pleura, in conditions classified elsewhere",
                              view, effusion->begin, effusion->end));
}

void Coder::add_manifestations(std::vector<ProposedCode>& codes) const {
  // "Alzheimer's disease G30.9 [F02.80]": the index prints the manifestation code a coder adds
  // beside the etiology (I.A.13). When the chart names the manifestation without its cause
  // ("moderate dementia" F03.B0), that code becomes the manifestation with the same
  // subdivision (F02.B0); otherwise the printed code is added, refined like any other.
  const std::size_t n = codes.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (codes[i].manifestation.empty() || !sets_.icd10cm) continue;
    const std::string etiology = codes[i].code, printed = codes[i].manifestation;
    const std::string category = printed.substr(0, 3);
    auto present = std::find_if(codes.begin(), codes.end(), [&](const ProposedCode& c) { return c.code.starts_with(category); });
    if (present != codes.end()) {
      present->etiology = etiology;
      continue;
    }
    for (const auto& [manifestation_category, unspecified_category] : data_.manifestation_equivalents) {
      if (manifestation_category != category) continue;
      const auto said_plainly = std::find_if(codes.begin(), codes.end(), [&](const ProposedCode& c) { return c.code.starts_with(unspecified_category); });
      if (said_plainly == codes.end()) continue;
      const std::string recoded = category + said_plainly->code.substr(unspecified_category.size());
      if (!sets_.icd10cm->is_billable(recoded)) continue;
      said_plainly->rule += "; with " + etiology + ": " + said_plainly->code + " is " + recoded + " (the manifestation of it, I.A.13)";
      said_plainly->code = recoded;
      said_plainly->display = sets_.icd10cm->find(recoded)->title;
      said_plainly->etiology = etiology;
      said_plainly->combination = true;
      present = said_plainly;
      break;
    }
    if (present != codes.end()) continue;
    const auto refined = refine(printed, "");
    if (!refined) continue;
    ProposedCode m = codes[i];
    m.code = refined->code;
    m.display = sets_.icd10cm->find(refined->code)->title;
    m.rule = "manifestation the index prints beside " + etiology + " [" + printed + "] (I.A.13)";
    m.manifestation.clear();
    m.etiology = etiology;
    m.combination = true;
    m.review_reasons = refined->review;
    m.confidence *= refined->factor;
    codes.push_back(std::move(m));
  }
}

void Coder::code_acute_on_chronic_kidney(std::vector<ProposedCode>& codes, const std::vector<MentionInput>& mentions) const {
  if (!sets_.icd10cm) return;
  // The index's "Failure, renal" has "> acute" (N17.9) and "> chronic" (N18.9) side by side; the
  // walk cannot choose and stops at N19. Coding Clinic: acute on chronic kidney failure is both.
  const auto acute_on_chronic = [&](const ProposedCode& c) {
    return std::any_of(mentions.begin(), mentions.end(), [&](const MentionInput& m) {
      return std::find(c.mention_ids.begin(), c.mention_ids.end(), m.id) != c.mention_ids.end() &&
             (words::contains(words::lower(m.context), "acute on chronic") || words::contains(words::lower(m.context), "acute-on-chronic"));
    });
  };
  const auto kidney = std::find_if(codes.begin(), codes.end(), [&](const ProposedCode& c) {
    return c.system == "ICD-10-CM" && (c.code == "N19" || c.code.starts_with("N17")) && acute_on_chronic(c);
  });
  if (kidney == codes.end()) return;
  if (kidney->code == "N19") {
    kidney->rule += "; acute on chronic: acute kidney failure -> N17.9 (and chronic kidney disease beside it)";
    kidney->code = "N17.9", kidney->display = std::string(sets_.icd10cm->find("N17.9")->title);
  }
  if (std::any_of(codes.begin(), codes.end(), [](const ProposedCode& c) { return c.system == "ICD-10-CM" && c.code.starts_with("N18"); })) return;
  ProposedCode chronic = *kidney;
  chronic.code = "N18.9", chronic.display = std::string(sets_.icd10cm->find("N18.9")->title);
  chronic.rule = "acute on chronic kidney failure: the chronic kidney disease -> N18.9 (no stage stated)";
  chronic.combination = false, chronic.role.clear();
  codes.insert(kidney + 1, std::move(chronic));
}

}  // namespace chartflow::coding
