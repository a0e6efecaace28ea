#include "coder.hpp"

#include "modifiers.hpp"
#include "site_refinement.hpp"

#include "common/words.hpp"

#include <chartflow/tsv.hpp>

#include <algorithm>
#include <cctype>
#include <set>
#include <stdexcept>
#include <unordered_map>

namespace chartflow::coding {
namespace {

using words::lower;

bool has_word(std::string_view text, std::string_view word) { return words::contains(text, word); }

bool is_diagnosis_kind(const std::string& kind) {
  return kind == "diagnosis" || kind == "sign_or_symptom" || kind == "injury" || kind == "neoplasm" || kind == "finding";
}

// Status and behaviour codes a mention of kind "other" names ("kidney transplant" Z94.0,
// "pacemaker" Z95.0, "DNR" Z66, "tobacco use" Z72.0): coded like diagnoses. "s/p" alone
// (Z98.890, other postprocedural state) says nothing a coder reports.
bool is_status_code(const std::string& code) {
  if (code == "Z98.890") return false;
  return code.starts_with("Z12") || code.starts_with("Z66") || code.starts_with("Z72") || code.starts_with("Z79") || code.starts_with("Z89") ||
         (code.starts_with("Z9") && code.size() >= 3);
}

// Sections whose diagnoses a coder sequences first (principal or first-listed).
bool is_diagnosis_section(const std::string& category) {
  return category == "discharge_diagnosis" || category == "diagnosis" || category == "postoperative_diagnosis" ||
         category == "admission_diagnosis" || category == "assessment" || category == "assessment_and_plan" ||
         category == "pathology_final_diagnosis" || category == "preoperative_diagnosis";
}

std::string category_of(const std::string& code) { return code.substr(0, 3); }

}  // namespace

std::optional<Policy> parse_policy(std::string_view name) {
  if (name == "outpatient") return Policy::outpatient;
  if (name == "inpatient") return Policy::inpatient;
  if (name == "all_findings") return Policy::all_findings;
  return std::nullopt;
}

const char* policy_name(Policy policy) {
  switch (policy) {
    case Policy::outpatient: return "outpatient";
    case Policy::inpatient: return "inpatient";
    default: return "all_findings";
  }
}

std::string normalise_phrase(std::string_view phrase) {
  std::string out;
  for (char c : phrase) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (std::isspace(u)) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += static_cast<char>(std::tolower(u));
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

void CoderData::load_rules(const std::string& history_file, const std::string& combinations_file) {
  sdk::read_tsv(history_file, "history code rules", [&](const std::vector<std::string>& f, const std::string& where) {
    if (f.size() < 4 || (f[0] != "historical" && f[0] != "family"))
      throw std::runtime_error(where + ": expected historical|family<TAB>first<TAB>last<TAB>code[<TAB>note]");
    history_codes.push_back({f[0], f[1], f[2], f[3], f.size() > 4 ? f[4] : ""});
  }, "assertion");
  sdk::read_tsv(combinations_file, "combination rules", [&](const std::vector<std::string>& f, const std::string& where) {
    if (f.size() < 4 || (f[3] != "yes" && f[3] != "no"))
      throw std::runtime_error(where + ": expected first<TAB>second<TAB>combination<TAB>yes|no[<TAB>note]");
    combinations.push_back({f[0], f[1], f[2], f.size() > 4 ? f[4] : "", f[3] == "yes"});
  }, "first_prefix");
}

void CoderData::load_procedures(const std::string& file) {
  sdk::read_tsv(file, "procedure phrases", [&](const std::vector<std::string>& f, const std::string& where) {
    if (f.size() < 2 || f[0].empty() || f[1].empty()) throw std::runtime_error(where + ": expected phrase<TAB>code[<TAB>note]");
    auto& codes = procedure_codes[normalise_phrase(f[0])];
    if (std::find(codes.begin(), codes.end(), f[1]) == codes.end()) codes.push_back(f[1]);
  });
}

void CoderData::load_pcs_axes(const std::string& file) {
  sdk::read_tsv(file, "ICD-10-PCS axes", [&](const std::vector<std::string>& f, const std::string& where) {
    if (f.size() < 3) throw std::runtime_error(where + ": expected axis<TAB>phrase<TAB>value[<TAB>scope]");
    if (f[0] == "approach" && f[2].size() == 1 && (f.size() < 4 || f[3].empty() || f[3].find('0') != std::string::npos))
      pcs_approaches.emplace_back(normalise_phrase(f[1]), f[2][0]);
  }, "axis");
  // Longest phrase first, so "percutaneous endoscopic" wins over "percutaneous".
  std::stable_sort(pcs_approaches.begin(), pcs_approaches.end(), [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
}

std::optional<Coder::BuiltPcs> Coder::build_pcs(const std::string& pattern_in, std::string_view context_text) const {
  if (!sets_.icd10pcs || pattern_in.size() != 7) return std::nullopt;
  static const char* const kAxes[] = {"section", "body system", "root operation", "body part", "approach", "device", "qualifier"};
  BuiltPcs out;
  std::string pattern = pattern_in;
  if (pattern[0] == '0' && pattern[4] == '-') {
    std::string context = lower(context_text);
    std::set<char> found;
    for (const auto& [phrase, value] : data_.pcs_approaches)
      if (std::size_t at = context.find(phrase); at != std::string::npos && has_word(context, phrase)) {
        found.insert(value);
        context.replace(at, phrase.size(), std::string(phrase.size(), ' '));  // "percutaneous endoscopic" is not also "percutaneous"
      }
    if (found.size() == 1) {
      pattern[4] = *found.begin();
      out.steps.push_back(std::string("approach ") + pattern[4] + " (text)");
    }
  }
  out.candidates = sets_.icd10pcs->matching(pattern, 200);
  if (out.candidates.empty()) return std::nullopt;
  // Device and qualifier: 'Z' means none. A text that names no device and no qualifier (hand-
  // assisted, diagnostic, ...) is coded Z where the code set offers it: that is what the text says.
  for (std::size_t i : {5u, 6u}) {
    if (pattern[i] != '-' || out.candidates.size() < 2) continue;
    if (std::none_of(out.candidates.begin(), out.candidates.end(), [&](const std::string& x) { return x[i] == 'Z'; })) continue;
    pattern[i] = 'Z';
    out.steps.push_back(std::string(i == 5 ? "device" : "qualifier") + " Z (the text names none)");
    out.candidates = sets_.icd10pcs->matching(pattern, 200);
  }
  if (out.candidates.size() == 1) {
    out.code = out.candidates.front();
    out.steps.push_back("the only valid code for what the text says");
    out.candidates.clear();
    return out;
  }
  // Axes every candidate agrees on are fixed by the code set itself; the rest stay open.
  for (std::size_t i = 0; i < 7; ++i) {
    if (pattern[i] != '-') continue;
    const char c = out.candidates.front()[i];
    if (std::all_of(out.candidates.begin(), out.candidates.end(), [&](const std::string& x) { return x[i] == c; })) pattern[i] = c;
    else out.open_axes.push_back(kAxes[i]);
  }
  out.code = pattern;
  out.partial = true;
  if (out.candidates.size() > 10) out.candidates.resize(10);
  return out;
}

namespace {

// How many of a code title's own words (not its side, not the short ones) the chart's text has.
int words_shared(std::string_view title, const std::string& context) {
  int shared = 0;
  std::string word;
  for (const char c : std::string(title) + " ") {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      continue;
    }
    if (word.size() >= 4 && word != "left" && word != "right" && word != "unspecified" && has_word(context, word)) ++shared;
    word.clear();
  }
  return shared;
}

}  // namespace

namespace {

// An injury's 7th character: the encounter the text describes, initial unless it says otherwise.
std::pair<char, std::string> seventh_for_encounter(const std::map<char, std::string>& sevenths, const std::string& context) {
  if ((has_word(context, "sequela") || has_word(context, "sequelae") || has_word(context, "late effect")) && sevenths.contains('S'))
    return {'S', "sequela (text)"};
  if ((has_word(context, "subsequent") || has_word(context, "follow-up") || has_word(context, "healing")) && sevenths.contains('D'))
    return {'D', "subsequent encounter (text)"};
  return {'A', "initial encounter assumed"};
}

// Any other 7th character ("1=right eye", "3=bilateral", "1=mild stage", "0=stage unspecified"):
// the one whose definition the text states, else the one that says unspecified.
std::pair<char, std::string> seventh_from_text(const std::map<char, std::string>& sevenths, const std::string& context, bool left, bool right,
                                               bool bilateral) {
  const auto says = [&](const std::string& definition) {
    const std::string d = lower(definition);
    if (has_word(d, "unspecified")) return 0;
    if (has_word(d, "bilateral")) return bilateral ? 2 : 0;
    if (has_word(d, "left") || has_word(d, "right")) return !bilateral && has_word(d, left ? "left" : "right") && left != right ? 2 : 0;
    static const char* const kDegrees[] = {"mild", "moderate", "severe", "indeterminate"};
    for (const char* degree : kDegrees)
      if (has_word(d, degree) && has_word(context, degree)) return 1;
    return 0;
  };
  char best = 0;
  int best_score = 0;
  bool tie = false;
  for (const auto& [c, definition] : sevenths)
    if (const int score = says(definition); score > best_score) best = c, best_score = score, tie = false;
    else if (score > 0 && score == best_score) tie = true;
  if (best_score > 0 && !tie) return {best, sevenths.at(best) + " (text)"};
  for (const auto& [c, definition] : sevenths)
    if (has_word(lower(definition), "unspecified")) return {c, definition + " assumed"};
  return {sevenths.begin()->first, sevenths.begin()->second + " assumed"};
}

}  // namespace

std::optional<Coder::Refined> Coder::refine(const std::string& candidate, std::string_view context_text) const {
  const CodeSet& set = *sets_.icd10cm;
  std::string code = candidate;
  while (!code.empty() && (code.back() == '-' || code.back() == '.')) code.pop_back();
  // An index code that is no longer in the code set: fall back to its nearest existing ancestor.
  while (code.size() > 3 && !set.find(code)) {
    code.pop_back();
    if (code.back() == '.') code.pop_back();
  }
  if (!set.find(code)) return std::nullopt;
  Refined r{code, 1.0, {}, {}};
  if (code != candidate && code + "-" != candidate && code + "." != candidate) {
    r.review.push_back("the index code " + candidate + " is not in " + set.version() + "; coded from its category " + code);
    r.factor *= 0.7;
  }
  const std::string context = with_site_abbreviations(lower(context_text));
  const bool left = has_word(context, "left"), right = has_word(context, "right");
  const bool bilateral = has_word(context, "bilateral") || has_word(context, "bilaterally") || has_word(context, "both eyes") ||
                         has_word(context, "both ears") || has_word(context, "both sides") || has_word(context, "ou") || (left && right);
  // The part of the organ the text names, on the side it names (C34.90 -> C34.11 for "RUL").
  if (set.is_billable(r.code))
    if (const auto site = site_sibling(set, r.code, context, bilateral ? "bilateral" : left != right ? (left ? "left" : "right") : "")) {
      r.steps.push_back(r.code + " -> " + *site + " (site (text))");
      r.code = *site;
    }
  // A billable code of an unspecified side ("unspecified female breast") whose sentence names the
  // side: its sibling that says that side and nothing else different (C50.919 -> C50.912).
  if (set.is_billable(r.code) && (left != right || bilateral)) {
    const std::string side = bilateral ? "bilateral" : left ? "left" : "right";
    if (const auto sided = sided_sibling(r.code, side)) {
      r.steps.push_back(r.code + " -> " + *sided + " (" + side + " (text))");
      r.code = *sided;
    }
  }
  for (int guard = 0; guard < 6 && !set.is_billable(r.code); ++guard) {
    auto children = set.children(r.code);
    const auto sevenths = set.seventh_characters(r.code);
    const std::size_t bare_length = r.code.size() - (r.code.find('.') == std::string::npos ? 0 : 1);
    if (!sevenths.empty() && bare_length >= 6) {
      // A 7th character completes the code (placeholder X up to six characters): the encounter
      // the text describes, initial unless it says otherwise.
      std::string base = r.code;
      if (base.find('.') == std::string::npos) base += '.';
      while (base.size() < 7) base += 'X';
      const auto [chosen, why] = sevenths.contains('A') ? seventh_for_encounter(sevenths, context) : seventh_from_text(sevenths, context, left, right, bilateral);
      r.steps.push_back(std::string("7th character ") + chosen + ": " + why);
      if (why.ends_with("assumed")) {
        r.review.push_back(std::string("7th character '") + chosen + "' (" + sevenths.at(chosen) + ") assumed: the text does not say it");
        r.factor *= 0.8;
      }
      r.code = base + chosen;
      break;
    }
    if (children.empty()) {
      if (sevenths.empty()) break;
      // Fewer than six characters and no subdivisions: pad with placeholders next round.
      r.code += r.code.find('.') == std::string::npos ? ".X" : "X";
      continue;
    }
    const auto title_has = [&](const std::string& child, std::string_view word) {
      return has_word(lower(set.find(child)->title), word);
    };
    std::string chosen;
    std::string why;
    if (bilateral) {
      for (const auto& c : children)
        if (title_has(c, "bilateral")) { chosen = c, why = "bilateral (text)"; break; }
    }
    if (chosen.empty() && (left != right)) {
      // Of the children for that side, the one whose title names most of the chart's words
      // ("cellulitis of the left lower leg": left lower limb, not left axilla); the first on a tie.
      int best = -1;
      for (const auto& c : children)
        if (title_has(c, left ? "left" : "right") && !title_has(c, "bilateral"))
          if (const int shared = words_shared(set.find(c)->title, context); shared > best)
            best = shared, chosen = c, why = left ? "left (text)" : "right (text)";
    }
    if (chosen.empty()) {
      // The child that says least: "unspecified" (but not "with unspecified complications"),
      // "without complications", the residual .9 subdivision.
      int best = 0;
      for (const auto& c : children) {
        const std::string title = lower(set.find(c)->title);
        int score = 0;
        if (has_word(title, "unspecified") && title.find("with unspecified") == std::string::npos) score += 2;
        if (title.find("without complication") != std::string::npos) score += 2;
        if (c.back() == '9') score += 1;
        if (score > best) best = score, chosen = c;
      }
      why = best >= 2 ? "unspecified (the text says no more)" : best == 1 ? "residual subdivision" : "";
    }
    if (chosen.empty()) chosen = children.front(), why = "first subdivision";
    if (why == "first subdivision" || why == "residual subdivision") {
      r.review.push_back("refined " + r.code + " to " + chosen + " (" + why + "): check the chart for a more specific code");
      r.factor *= 0.7;
    } else if (why.starts_with("unspecified") || why.starts_with("without")) {
      r.factor *= 0.9;
    }
    r.steps.push_back(r.code + " -> " + chosen + " (" + why + ")");
    r.code = chosen;
  }
  if (!set.is_billable(r.code)) return std::nullopt;
  return r;
}

std::optional<std::string> Coder::sided_sibling(const std::string& code, const std::string& side) const {
  const CodeSet& set = *sets_.icd10cm;
  const std::string title = lower(set.find(code)->title);
  if (title.find("unspecified") == std::string::npos || code.size() < 5) return std::nullopt;
  std::string parent = code.substr(0, code.size() - 1);
  if (parent.back() == '.') parent.pop_back();
  for (const auto& sibling : set.children(parent)) {
    if (sibling == code || !set.is_billable(sibling)) continue;
    std::string t = lower(set.find(sibling)->title);
    const std::size_t at = t.rfind(side);
    if (at == std::string::npos) continue;
    t.replace(at, side.size(), "unspecified");
    if (t == title) return sibling;
  }
  return std::nullopt;
}

std::optional<std::string> Coder::status_code(const std::string& assertion, const std::string& code) const {
  const std::string category = category_of(code);
  for (const auto& row : data_.history_codes)
    if (row.assertion == assertion && category >= row.first && category <= row.last) return row.code;
  return std::nullopt;
}

std::vector<ProposedCode> Coder::code(const std::vector<MentionInput>& mentions, Policy policy) const {
  std::vector<ProposedCode> dx, px;
  const ModifierWindows windows(mentions);
  const auto add = [&windows](std::vector<ProposedCode>& list, ProposedCode c, const MentionInput& m) {
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
  };

  // Definitive diagnoses per sentence: signs and symptoms beside one are not coded separately
  // under the outpatient and inpatient rules (Guidelines I.B.4-5, IV.D).
  std::map<std::string, bool> sentence_has_diagnosis;
  for (const auto& m : mentions)
    if (m.system == "ICD-10-CM" && m.status == "affirmed" && (m.kind == "diagnosis" || m.kind == "neoplasm" || m.kind == "injury") &&
        !m.code.starts_with("R") && !m.code.starts_with("Z") && !m.sentence_id.empty())
      sentence_has_diagnosis[m.sentence_id] = true;

  for (const auto& m : mentions) {
    if (m.status == "negated" || m.status == "hypothetical") continue;  // never coded
    if (m.system == "ICD-10-CM" && (is_diagnosis_kind(m.kind) || (m.kind == "other" && is_status_code(m.code))) && sets_.icd10cm) {
      std::string candidate = m.code;
      std::string rule = "index: " + m.matched_term + " -> " + m.code;
      double confidence = m.score;
      std::vector<std::string> review;
      if (m.status == "uncertain") {
        if (policy == Policy::outpatient) continue;  // IV.H: code the symptoms instead, which are mentions of their own
        // II.H is about the diagnosis "documented at the time of discharge": an uncertain
        // condition in the course or the history ("rule out PE was not pursued") is not coded.
        if (policy == Policy::inpatient && !is_diagnosis_section(m.section_category)) continue;
        review.push_back(policy == Policy::inpatient ? "uncertain diagnosis coded as if established (Guidelines II.H): confirm it was still uncertain at discharge"
                                                     : "the text calls this diagnosis uncertain");
        confidence *= 0.6;
      }
      // A status code (transplant, pacemaker, amputation, ostomy) is about something past by
      // nature; a chronic condition listed as history is still there (see conventions.cpp).
      const bool status_by_nature = m.code.starts_with("Z89") || m.code.starts_with("Z9");
      const bool still_present = m.status == "historical" && (status_by_nature || (policy != Policy::all_findings && chronic_and_current(m)));
      if (still_present) {
        rule += status_by_nature ? " (a status: coded although the text puts its cause in the past)"
                                 : " (a chronic condition named as history or in the past medical history: still present)";
        confidence *= 0.85;
      } else if (m.status == "historical" || m.status == "family") {
        if (m.status == "historical" && policy == Policy::all_findings) {
          rule += " (historical: coded as the finding, all-findings policy)";
          confidence *= 0.8;
        } else {
          const auto status = status_code(m.status, m.code);
          if (!status) continue;  // no history code applies: a past condition is not coded
          candidate = *status;
          rule = std::string(m.status == "family" ? "family" : "personal") + " history of " + m.code + " (" + m.matched_term + ") -> " + *status;
          confidence *= 0.9;
        }
      }
      // A symptom beside a diagnosis in one sentence is that diagnosis's, unless a combination
      // code joins them ("diabetes, uncontrolled with hyperglycemia" is E11.65).
      const auto combines = [&] {
        return std::any_of(data_.combinations.begin(), data_.combinations.end(),
                           [&](const CoderData::Combination& c) { return code_in_ref(m.code, c.second); });
      };
      if (m.code.starts_with("R") && policy != Policy::all_findings && m.status == "affirmed" &&
          sentence_has_diagnosis.contains(m.sentence_id) && !combines())
        continue;
      int index_depth = 0;
      std::string manifestation;
      if (candidate == m.code && !sets_.icd10cm->index().empty())
        if (const auto reading = sets_.icd10cm->index().read(candidate, WordBag(m.matched_term), windows.words_for(m),
                                                             [&](std::string_view code) { return sets_.icd10cm->titled_unspecified(code); })) {
          if (reading->deeper) {
            rule += "; index subterms: " + reading->path + " -> " + reading->code;
            candidate = reading->code;
            index_depth = reading->depth;
          }
          manifestation = reading->manifestation;
        }
      const auto refined = refine(candidate, std::string(m.context) + " " + m.matched_term);
      if (!refined) continue;  // not a code of this code set: nothing is emitted rather than a guess
      ProposedCode c;
      c.system = "ICD-10-CM";
      c.code = refined->code;
      c.version = sets_.icd10cm->version();
      c.display = sets_.icd10cm->find(refined->code)->title;
      c.confidence = std::clamp(confidence * refined->factor, 0.0, 1.0);
      c.rule = rule;
      for (const auto& step : refined->steps) c.rule += "; " + step;
      c.review_reasons = review;
      c.review_reasons.insert(c.review_reasons.end(), refined->review.begin(), refined->review.end());
      c.index_depth = index_depth;
      c.manifestation = manifestation;
      c.from_diagnosis_section = is_diagnosis_section(m.section_category) && m.status != "historical" && m.status != "family";
      c.statement_rank = statement_rank(m);
      add(dx, std::move(c), m);
      continue;
    }
    if (m.kind == "procedure" && m.status == "historical" && m.system == "ICD-10-PCS" && policy != Policy::all_findings && sets_.icd10cm) {
      // "s/p CABG", "s/p right TKA": the procedure is past, the status it left is coded (I.C.21.c.3).
      const auto row = std::find_if(data_.procedure_status.begin(), data_.procedure_status.end(),
                                    [&](const CoderData::ProcedureStatus& r) { return m.code.starts_with(r.pcs_prefix); });
      if (row == data_.procedure_status.end()) continue;
      const auto refined = refine(row->code, m.context);
      if (!refined) continue;
      ProposedCode c;
      c.system = "ICD-10-CM", c.code = refined->code, c.version = sets_.icd10cm->version();
      c.display = sets_.icd10cm->find(refined->code)->title;
      c.confidence = std::clamp(m.score * 0.85 * refined->factor, 0.0, 1.0);
      c.rule = "status after " + m.matched_term + " (" + m.code + "): " + row->note;
      for (const auto& step : refined->steps) c.rule += "; " + step;
      c.review_reasons = refined->review;
      add(dx, std::move(c), m);
      continue;
    }
    if ((m.kind == "procedure" || m.kind == "medication") && m.status == "affirmed" && (m.system == "ICD-10-PCS" || m.system == "HCPCS")) {
      if (m.system == "ICD-10-PCS" && policy == Policy::outpatient) continue;  // outpatient procedures are CPT (licensed)
      // Inpatient coders report the significant procedures (UHDDS), not the chest film or the
      // monitoring: imaging (section B) and measurement (4) stay out unless all findings are asked for.
      if (m.system == "ICD-10-PCS" && policy == Policy::inpatient && (m.code.starts_with("B") || m.code.starts_with("4"))) continue;
      // HCPCS Level II drugs and supplies are billed by the outpatient facility for what it gave:
      // an inpatient stay bills none, and a drug named in a medication list or a plan is not given.
      if (m.system == "HCPCS" && policy == Policy::inpatient) continue;
      if (m.system == "HCPCS" && policy == Policy::outpatient && !administered_here(m)) continue;
      const CodeSet* set = m.system == "ICD-10-PCS" ? sets_.icd10pcs : sets_.hcpcs;
      if (!set) continue;
      if (m.system == "ICD-10-PCS" && m.code.find('-') != std::string::npos) {
        const auto built = build_pcs(m.code, m.context);
        if (!built) continue;
        ProposedCode c;
        c.system = m.system;
        c.code = built->code;
        c.version = set->version();
        c.display = built->partial ? "Partial ICD-10-PCS code: " + m.matched_term : std::string(set->find(built->code)->title);
        c.confidence = std::clamp(m.score * (built->partial ? 0.5 : 0.9), 0.0, 1.0);
        c.rule = "procedure word: " + m.matched_term + " -> " + m.code;
        for (const auto& step : built->steps) c.rule += "; " + step;
        c.role = "procedure";
        c.partial = built->partial;
        c.candidates = built->candidates;
        if (built->partial) {
          std::string open;
          for (const auto& axis : built->open_axes) open += (open.empty() ? "" : ", ") + axis;
          c.review_reasons.push_back("partial code: the text does not say the " + open + "; not billable until completed");
        }
        add(px, std::move(c), m);
        continue;
      }
      std::vector<std::string> codes = {m.code};
      if (auto it = data_.procedure_codes.find(normalise_phrase(m.matched_term)); it != data_.procedure_codes.end()) codes = it->second;
      for (const auto& code : codes) {
        const auto* info = set->find(code);
        if (!info) continue;
        ProposedCode c;
        c.system = m.system;
        c.code = code;
        c.version = set->version();
        c.display = info->title;
        c.confidence = std::clamp(m.score, 0.0, 1.0);
        c.rule = "procedure phrase: " + m.matched_term + " -> " + code;
        c.role = m.system == "HCPCS" ? "supply" : "procedure";
        if (m.system == "HCPCS" && code.starts_with("J"))
          c.review_reasons.push_back("drug code: bill units from the dose given and check the route (injection codes only)");
        add(px, std::move(c), m);
      }
    }
  }

  drop_less_specific(dx, mentions);
  if (policy != Policy::all_findings) drop_integral_symptoms(dx, mentions);
  apply_combinations(dx);
  drop_unspecified_in_category(dx);
  if (policy != Policy::all_findings) {
    drop_integral_findings(dx);
    drop_generic_codes(dx);
    add_companion_codes(dx, mentions);
    add_systemic_infection(dx, mentions);
  }
  add_manifestations(dx);
  resolve_excludes1(dx);
  // Tabular notes, acted on once per chart: "use additional code" and "code first" notes that no
  // code of the chart answers are attributes a coder may act on ("if applicable"), each said
  // once; a "code first" etiology the chart has is sequenced before its manifestation (I.A.13).
  const auto answered_by = [&](const TabularNote& note) -> const ProposedCode* {
    for (const auto& o : dx)
      if (std::any_of(note.refs.begin(), note.refs.end(), [&](const std::string& ref) { return code_in_ref(o.code, ref); })) return &o;
    return nullptr;
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

  sequence(dx, policy);
  std::stable_sort(px.begin(), px.end(), [](const ProposedCode& a, const ProposedCode& b) { return a.first_offset < b.first_offset; });
  dx.insert(dx.end(), std::make_move_iterator(px.begin()), std::make_move_iterator(px.end()));

  // The promise to coders: nothing leaves that is not a billable code of its code set.
  std::erase_if(dx, [&](const ProposedCode& c) {
    const CodeSet* set = c.system == "ICD-10-CM" ? sets_.icd10cm : c.system == "ICD-10-PCS" ? sets_.icd10pcs : sets_.hcpcs;
    if (!set) return true;
    // A partial PCS code is reported as such (flagged, never billable); it must still fit a valid code.
    if (c.partial) return set->matching(c.code, 1).empty();
    return !set->is_billable(c.code);
  });
  return dx;
}

void Coder::drop_integral_symptoms(std::vector<ProposedCode>& codes, const std::vector<MentionInput>& mentions) const {
  // Guidelines I.B.5 / IV.D: signs and symptoms routinely part of a confirmed diagnosis are not
  // coded. With a definitive diagnosis under a diagnosis or assessment heading, R codes found
  // only elsewhere (history, review of systems) are taken to be its symptoms; an R code the
  // assessment itself lists stays.
  const bool has_definitive = std::any_of(codes.begin(), codes.end(), [](const ProposedCode& c) {
    return c.from_diagnosis_section && !c.code.starts_with("R") && !c.code.starts_with("Z");
  });
  if (!has_definitive) return;
  (void)mentions;
  std::erase_if(codes, [](const ProposedCode& c) { return c.code.starts_with("R") && !c.from_diagnosis_section; });
  // The admission's symptoms ("Admission diagnosis: nausea, vomiting, abdominal pain") are
  // answered by the discharge, postoperative or final diagnosis once the stay has one: an R code
  // stated only at admission, in the chief complaint or before the operation is not coded then.
  const bool settled = std::any_of(codes.begin(), codes.end(), [](const ProposedCode& c) {
    return c.statement_rank == 0 && !c.code.starts_with("R") && !c.code.starts_with("Z");
  });
  if (settled) std::erase_if(codes, [](const ProposedCode& c) { return c.code.starts_with("R") && c.statement_rank >= 20; });
}

void Coder::apply_combinations(std::vector<ProposedCode>& codes) const {
  // A combination can meet another ("hypertensive heart disease" + heart failure -> I11.0, then
  // + CKD -> I13.0): the table is applied again until nothing new forms (three rounds at most).
  for (int round = 0; round < 3; ++round) {
    const std::size_t before = codes.size();
    std::set<std::string> codes_before;
    for (const auto& c : codes) codes_before.insert(c.code);
    apply_combination_round(codes);
    std::set<std::string> codes_after;
    for (const auto& c : codes) codes_after.insert(c.code);
    if (codes.size() == before && codes_after == codes_before) break;
  }
}

void Coder::apply_combination_round(std::vector<ProposedCode>& codes) const {
  for (const auto& combo : data_.combinations) {
    auto first = std::find_if(codes.begin(), codes.end(), [&](const ProposedCode& c) { return c.system == "ICD-10-CM" && code_in_ref(c.code, combo.first); });
    auto second = std::find_if(codes.begin(), codes.end(), [&](const ProposedCode& c) { return c.system == "ICD-10-CM" && code_in_ref(c.code, combo.second); });
    if (first == codes.end() || second == codes.end() || first == second) continue;
    const auto refined = refine(combo.result, "");
    if (!refined) continue;
    ProposedCode combined = *first;
    combined.code = refined->code;
    combined.display = sets_.icd10cm->find(refined->code)->title;
    combined.rule = "combination (Guidelines I.A.15 \"with\"): " + first->code + " + " + second->code + " -> " + refined->code + ": " + combo.note;
    absorb(combined, *second);
    combined.combination = true;
    combined.confidence = std::min(first->confidence, second->confidence) * 0.95;
    // The combination replaces a code that said nothing more (E11.9, I10, J44.9); a code that
    // already names another complication (E11.42) stays, and the combination joins it.
    const std::string title = lower(first->display);
    const bool replaceable = first->code == combo.first || title.find("without complication") != std::string::npos ||
                             title.find("unspecified") != std::string::npos || first->code == "I10";
    const auto second_index = second - codes.begin();
    if (replaceable) *first = std::move(combined);
    else codes.push_back(std::move(combined));
    if (!combo.keep_second) codes.erase(codes.begin() + second_index);
  }
  // A combination may have produced a code already present: keep one.
  for (std::size_t i = 0; i < codes.size(); ++i)
    for (std::size_t j = codes.size(); j-- > i + 1;)
      if (codes[j].system == codes[i].system && codes[j].code == codes[i].code) {
        absorb(codes[i], codes[j]);
        codes.erase(codes.begin() + static_cast<std::ptrdiff_t>(j));
      }
}

void Coder::resolve_excludes1(std::vector<ProposedCode>& codes) const {
  // Excludes1: the two codes are never reported together. Keep the better supported one (higher
  // confidence, then the more specific) and tell the coder what was dropped. Each code's notes
  // are looked up once; the pairs then only compare codes with the cited refs.
  std::vector<std::vector<std::string>> refs(codes.size());
  for (std::size_t i = 0; i < codes.size(); ++i)
    if (codes[i].system == "ICD-10-CM")
      for (const auto* note : sets_.icd10cm->notes(codes[i].code, "excludes1"))
        for (const auto& ref : note->refs)
          if (!code_in_ref(codes[i].code, ref)) refs[i].push_back(ref);
  std::vector<bool> dropped(codes.size(), false);
  for (std::size_t i = 0; i < codes.size(); ++i) {
    for (std::size_t j = 0; j < codes.size() && !dropped[i]; ++j) {
      if (i == j || dropped[j] || codes[j].system != "ICD-10-CM") continue;
      if (std::none_of(refs[i].begin(), refs[i].end(), [&](const std::string& ref) { return code_in_ref(codes[j].code, ref); })) continue;
      // A note on i that sends this condition to j ("E87.1 Excludes1: hyponatremia with SIADH
      // (E22.2)") says where it is coded: j, unless j is much less certain. Notes both ways
      // leave it to the support.
      const bool mutual = std::any_of(refs[j].begin(), refs[j].end(), [&](const std::string& ref) { return code_in_ref(codes[i].code, ref); });
      const bool keep_i = mutual ? codes[i].confidence > codes[j].confidence ||
                                       (codes[i].confidence == codes[j].confidence && codes[i].code.size() >= codes[j].code.size())
                                 : codes[j].confidence + 0.2 < codes[i].confidence;
      const std::size_t drop = keep_i ? j : i, keep = keep_i ? i : j;
      codes[keep].review_reasons.push_back("excludes1: " + codes[drop].code + " (" + codes[drop].display + ") was also supported and is not reported with this code");
      dropped[drop] = true;
    }
  }
  std::size_t k = 0;
  std::erase_if(codes, [&](const ProposedCode&) { return dropped[k++]; });
}

}  // namespace chartflow::coding
