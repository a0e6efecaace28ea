#include "coder.hpp"

#include "axis_choice.hpp"
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

std::string category_of(const std::string& code) { return code.substr(0, 3); }

}  // namespace

std::optional<Policy> parse_policy(std::string_view name) {
  if (name == "outpatient") return Policy::outpatient;
  if (name == "inpatient") return Policy::inpatient;
  if (name == "all_findings") return Policy::all_findings;
  return std::nullopt;
}

std::optional<HistoryCodes> parse_history_codes(std::string_view name) {
  if (name == "when_relevant") return HistoryCodes::when_relevant;
  if (name == "all") return HistoryCodes::all;
  return std::nullopt;
}

std::optional<Assertion> parse_assertion(std::string_view name) {
  static constexpr std::pair<std::string_view, Assertion> kNames[] = {
      {"affirmed", Assertion::affirmed},     {"negated", Assertion::negated},       {"uncertain", Assertion::uncertain},
      {"hypothetical", Assertion::hypothetical}, {"historical", Assertion::historical}, {"family", Assertion::family}};
  for (const auto& [text, value] : kNames)
    if (text == name) return value;
  return std::nullopt;
}

std::optional<MentionKind> parse_mention_kind(std::string_view name) {
  static constexpr std::pair<std::string_view, MentionKind> kNames[] = {
      {"diagnosis", MentionKind::diagnosis}, {"sign_or_symptom", MentionKind::sign_or_symptom}, {"injury", MentionKind::injury},
      {"neoplasm", MentionKind::neoplasm},   {"procedure", MentionKind::procedure},             {"medication", MentionKind::medication},
      {"finding", MentionKind::finding},     {"other", MentionKind::other}};
  for (const auto& [text, value] : kNames)
    if (text == name) return value;
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
    history_codes.push_back({*parse_assertion(f[0]), f[1], f[2], f[3], f.size() > 4 ? f[4] : ""});
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
  // The part of the organ the text names, on the side it names (C34.90 -> C34.11 for "RUL"):
  // for a billable code now, and again once the subdivisions below have made one billable (the
  // Neoplasm Table's C50.9- becomes C50.912, and "upper outer quadrant" then makes it C50.412).
  const auto to_named_site = [&] {
    if (!set.is_billable(r.code)) return;
    if (const auto site = site_sibling(set, r.code, context, bilateral ? "bilateral" : left != right ? (left ? "left" : "right") : "")) {
      r.steps.push_back(r.code + " -> " + *site + " (site (text))");
      r.code = *site;
    }
  };
  to_named_site();
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
    auto [chosen, why] = choose_child(set, children, context, TextSides{left, right, bilateral});
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
  if (r.code != code) to_named_site();
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

std::optional<std::string> Coder::status_code(Assertion assertion, const std::string& code) const {
  const std::string category = category_of(code);
  for (const auto& row : data_.history_codes)
    if (row.assertion == assertion && category >= row.first && category <= row.last) return row.code;
  return std::nullopt;
}

namespace {

// Of two codes where `first`'s Excludes1 note cites `second`: whether `first` is the one kept.
// A note one way ("E87.1 Excludes1: hyponatremia with SIADH (E22.2)") says where the condition
// is coded: `second`, unless it is only an uncertain reading (an uncertain diagnosis's confidence
// is scaled below 0.5) and `first` is not. Notes both ways: a note calling `first` the NOS
// reading ("F17 Excludes1: tobacco use NOS (Z72.0)") gives the chart's more specific statement;
// otherwise the better supported code stays (confidence, then the more specific code).
// Dictionary scores differ by how a term matched, not by what the chart says, so they never
// overrule a note's direction.
bool keeps_first_of_excluded_pair(const ProposedCode& first, const ProposedCode& second, const auto& note, const auto* back_note) {
  constexpr double kUncertainReading = 0.5;
  const bool first_uncertain = first.confidence < kUncertainReading, second_uncertain = second.confidence < kUncertainReading;
  if (first_uncertain != second_uncertain) return second_uncertain;
  if (!back_note) return false;
  if (note.nos != back_note->nos) return note.nos;  // the NOS reading gives way to the exact statement
  return first.confidence > second.confidence || (first.confidence == second.confidence && first.code.size() >= second.code.size());
}

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
        (m.kind == MentionKind::diagnosis || m.kind == MentionKind::neoplasm || m.kind == MentionKind::injury) && !m.code.starts_with("R") &&
        !m.code.starts_with("Z") && !m.sentence_id.empty())
      out.insert(m.sentence_id);
  return out;
}

}  // namespace

std::vector<ProposedCode> Coder::code(const std::vector<MentionInput>& mentions, Policy policy, std::string_view text, const std::string& view) const {
  std::vector<ProposedCode> dx, px;
  const ModifierWindows windows(mentions);
  const std::set<std::string> diagnosed = sentences_with_diagnosis(mentions);
  for (const auto& mention : mentions) {
    if (mention.status == Assertion::negated || mention.status == Assertion::hypothetical) continue;  // never coded
    const auto tabled = neoplasm_table_mention(mention);
    const MentionInput& m = tabled ? *tabled : mention;
    if (codes_as_diagnosis(m)) {
      if (auto c = code_diagnosis(m, policy, windows, diagnosed)) add_code(dx, std::move(*c), m, windows);
    } else if (auto status = code_procedure_status(m, policy)) {
      add_code(dx, std::move(*status), m, windows);
    } else {
      for (auto& c : code_procedure(m, policy)) add_code(px, std::move(c), m, windows);
      if (auto reason = code_screening_reason(m); reason && policy != Policy::all_findings) add_code(dx, std::move(*reason), m, windows);
    }
  }

  // Before the less specific codes go: an in-situ code is no more specific an invasive one.
  if (policy != Policy::all_findings) drop_in_situ_beside_invasive(dx);
  drop_less_specific(dx, mentions);
  if (policy != Policy::all_findings) drop_integral_symptoms(dx, mentions);
  apply_combinations(dx);
  code_infarction_by_artery(dx, mentions);
  drop_unspecified_in_category(dx);
  if (policy != Policy::all_findings) {
    drop_integral_findings(dx);
    drop_generic_codes(dx);
    resolve_cancer_history(dx, mentions);
    add_companion_codes(dx, mentions);
    add_systemic_infection(dx, mentions);
  }
  add_manifestations(dx);
  resolve_excludes1(dx);
  if (policy != Policy::all_findings) add_nihss_score(dx, text, view), add_weeks_of_gestation(dx, text, view);
  apply_tabular_notes(dx);
  sequence(dx, policy, presenting_codes(mentions));
  std::stable_sort(px.begin(), px.end(), [](const ProposedCode& a, const ProposedCode& b) { return a.first_offset < b.first_offset; });
  dx.insert(dx.end(), std::make_move_iterator(px.begin()), std::make_move_iterator(px.end()));
  keep_billable(dx);
  return dx;
}

// Tabular notes, acted on once per chart: "use additional code" and "code first" notes that no
// code of the chart answers are attributes a coder may act on ("if applicable"), each said
// once; a "code first" etiology the chart has is sequenced before its manifestation (I.A.13).
void Coder::apply_tabular_notes(std::vector<ProposedCode>& dx) const {
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
    // A code that already names this complication more exactly (E11.52, angiopathy with
    // gangrene, beside E11.51) takes the second's evidence; no less exact combination joins it.
    if (!replaceable && first->code.size() >= 5 && first->code.compare(0, 5, refined->code, 0, 5) == 0) {
      absorb(*first, *second);
      if (!combo.keep_second) codes.erase(codes.begin() + second_index);
      continue;
    }
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
  // Excludes1: the two codes are never reported together. Each code's notes are looked up once;
  // the pairs then only compare codes with the cited refs.
  struct Ref {
    std::string code;
    bool nos = false;  // "tobacco use NOS (Z72.0)": the cited code is the unspecified reading
  };
  std::vector<std::vector<Ref>> refs(codes.size());
  for (std::size_t i = 0; i < codes.size(); ++i)
    if (codes[i].system == "ICD-10-CM")
      for (const auto* note : sets_.icd10cm->notes(codes[i].code, "excludes1"))
        for (const auto& ref : note->refs)
          if (!code_in_ref(codes[i].code, ref)) refs[i].push_back({ref, words::contains(note->value, "NOS")});
  const auto cites = [&](std::size_t from, std::size_t to) -> const Ref* {
    for (const auto& ref : refs[from])
      if (code_in_ref(codes[to].code, ref.code)) return &ref;
    return nullptr;
  };
  std::vector<bool> dropped(codes.size(), false);
  for (std::size_t i = 0; i < codes.size(); ++i) {
    for (std::size_t j = 0; j < codes.size() && !dropped[i]; ++j) {
      const Ref* note = i == j || dropped[j] || codes[j].system != "ICD-10-CM" ? nullptr : cites(i, j);
      if (!note) continue;
      const bool keep_i = keeps_first_of_excluded_pair(codes[i], codes[j], *note, cites(j, i));
      const std::size_t drop = keep_i ? j : i, keep = keep_i ? i : j;
      codes[keep].review_reasons.push_back("excludes1: " + codes[drop].code + " (" + codes[drop].display + ") was also supported and is not reported with this code");
      dropped[drop] = true;
    }
  }
  std::size_t k = 0;
  std::erase_if(codes, [&](const ProposedCode&) { return dropped[k++]; });
}

}  // namespace chartflow::coding
