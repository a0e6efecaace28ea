#include "coder.hpp"

#include "axis_choice.hpp"
#include "site_refinement.hpp"

#include "common/words.hpp"

#include <algorithm>
#include <map>
#include <set>

// From an index or pattern code to a billable one: ICD-10-PCS axes the text fixes, ICD-10-CM
// subdivisions, sides, sites and 7th characters the sentence states, status codes.
namespace chartflow::coding {
namespace {

using words::lower;

bool has_word(std::string_view text, std::string_view word) { return words::contains(text, word); }

std::string category_of(const std::string& code) { return code.substr(0, 3); }

}  // namespace

std::optional<Coder::BuiltPcs> Coder::build_pcs(const std::string& pattern_in, std::string_view context_text, std::string_view allowed_body,
                                                std::string_view allowed_roots) const {
  if (!sets_.icd10pcs || pattern_in.size() != 7) return std::nullopt;
  static const char* const kAxes[] = {"section", "body system", "root operation", "body part", "approach", "device", "qualifier"};
  BuiltPcs out;
  std::string pattern = pattern_in;
  if (pattern[0] == '0') read_pcs_axes(pattern, lower(context_text), out.steps, allowed_body);
  if (pattern.starts_with("302")) read_transfusion(pattern, lower(context_text), out.steps);
  if (pattern.starts_with("3E0-")) read_infusion_vein(pattern, lower(context_text), out.steps);
  if (pattern[0] == '0' && pattern[4] == '-') {
    std::string context = lower(context_text);
    std::set<char> found;
    for (const auto& [phrase, value] : data_.pcs_approaches)
      if (std::size_t at = context.find(phrase); at != std::string::npos && has_word(context, phrase)) {
        found.insert(value);
        context.replace(at, phrase.size(), std::string(phrase.size(), ' '));  // "percutaneous endoscopic" is not also "percutaneous"
      }
    // "Closed reduction and percutaneous pinning": the device went in percutaneously; "defect
    // closed primarily" after "Laparoscopic ... repair" closes a wound. Beside another approach,
    // "closed" or "external" never is the procedure's.
    if (found.size() > 1) found.erase('X');
    if (found.size() == 1) {
      pattern[4] = *found.begin();
      out.steps.push_back(std::string("approach ") + pattern[4] + " (text)");
    }
  }
  // The code set's codes for the pattern, of the root operations the word allows.
  const auto candidates_of = [&](const std::string& p) {
    if (allowed_roots.empty() || p[2] != '-') return sets_.icd10pcs->matching(p, 200);
    std::vector<std::string> codes;
    for (const char root : allowed_roots) {  // one look-up each, so the limit cuts no root's codes
      std::string one = p;
      one[2] = root;
      for (auto& c : sets_.icd10pcs->matching(one, 200)) codes.push_back(std::move(c));
    }
    std::sort(codes.begin(), codes.end());
    return codes;
  };
  out.candidates = candidates_of(pattern);
  if (out.candidates.empty()) return std::nullopt;
  // Device and qualifier: 'Z' means none. A text that names no device and no qualifier (hand-
  // assisted, diagnostic, ...) is coded Z where the code set offers it: that is what the text says.
  for (std::size_t i : {5u, 6u}) {
    if (pattern[i] != '-' || out.candidates.size() < 2) continue;
    if (std::none_of(out.candidates.begin(), out.candidates.end(), [&](const std::string& x) { return x[i] == 'Z'; })) continue;
    pattern[i] = 'Z';
    out.steps.push_back(std::string(i == 5 ? "device" : "qualifier") + " Z (the text names none)");
    out.candidates = candidates_of(pattern);
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

// "Here for follow-up of the fracture", "fracture follow-up visit": this encounter follows the
// injury's treatment. "Hand surgery follow-up in 1 week", "follow-up with ortho": a plan, made
// at the encounter that treats it. `context` is lower case (refine lowers it once).
bool says_this_is_a_follow_up(std::string_view context) {
  for (std::size_t at = words::find(context, "follow-up"); at != std::string::npos; at = words::find(context, "follow-up", at + 1)) {
    std::string_view next = context.substr(at + 9);
    while (!next.empty() && next.front() == ' ') next.remove_prefix(1);
    const bool planned = next.starts_with("in ") || next.starts_with("with ") || next.starts_with("at ") || next.starts_with("on ") ||
                         next.starts_with("appointment") || next.starts_with("scheduled") || next.starts_with("arranged");
    if (!planned) return true;
  }
  return false;
}

// An injury's 7th character: the encounter the text describes, initial unless it says otherwise.
std::pair<char, std::string> seventh_for_encounter(const std::map<char, std::string>& sevenths, const std::string& context) {
  if ((has_word(context, "sequela") || has_word(context, "sequelae") || has_word(context, "late effect")) && sevenths.contains('S'))
    return {'S', "sequela (text)"};
  // "Routine healing" is the subsequent encounter's; a wound "cleaned, Steri-Strips applied,
  // healing" in the stay that treats it is still its active treatment (A).
  if ((has_word(context, "subsequent") || says_this_is_a_follow_up(context) || has_word(context, "routine healing")) && sevenths.contains('D'))
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

// The candidate as a code of the set: without the index's trailing "-" or ".", and, where the
// index prints a code the set no longer has, its nearest existing ancestor (flagged for review).
std::optional<Coder::Refined> existing_code(const CodeSet& set, const std::string& candidate) {
  std::string code = candidate;
  while (!code.empty() && (code.back() == '-' || code.back() == '.')) code.pop_back();
  while (code.size() > 3 && !set.find(code)) {
    code.pop_back();
    if (code.back() == '.') code.pop_back();
  }
  if (!set.find(code)) return std::nullopt;
  Coder::Refined r{code, 1.0, {}, {}};
  if (code != candidate && code + "-" != candidate && code + "." != candidate) {
    r.review.push_back("the index code " + candidate + " is not in " + set.version() + "; coded from its category " + code);
    r.factor *= 0.7;
  }
  return r;
}

TextSides sides_named(const std::string& context) {
  const bool left = has_word(context, "left"), right = has_word(context, "right");
  const bool bilateral = has_word(context, "bilateral") || has_word(context, "bilaterally") || has_word(context, "both eyes") ||
                         has_word(context, "both ears") || has_word(context, "both sides") || has_word(context, "ou") || (left && right);
  return {left, right, bilateral};
}

std::string side_word(const TextSides& sides) {
  return sides.bilateral ? "bilateral" : sides.left != sides.right ? (sides.left ? "left" : "right") : "";
}

// The part of the organ the text names, on the side it names (C34.90 -> C34.11 for "RUL"), of a billable code.
void to_named_site(const CodeSet& set, Coder::Refined& r, const std::string& context, const TextSides& sides) {
  if (!set.is_billable(r.code)) return;
  if (const auto site = site_sibling(set, r.code, context, side_word(sides))) {
    r.steps.push_back(r.code + " -> " + *site + " (site (text))");
    r.code = *site;
  }
}

// "Heterogeneously dense breasts", "dry eyes": a paired organ named in the plural with no side is
// both, where the code has no unspecified side to fall back on (R92.33-: right, left, bilateral).
std::optional<std::string> both_of_a_paired_organ(const CodeSet& set, const std::vector<std::string>& children, const std::string& context,
                                                  const TextSides& sides) {
  static constexpr std::string_view kPlurals[] = {"breasts", "eyes", "ears", "kidneys", "lungs", "ovaries", "tubes", "adrenals"};
  if (sides.left || sides.right || std::none_of(std::begin(kPlurals), std::end(kPlurals), [&](std::string_view p) { return has_word(context, p); }))
    return std::nullopt;
  const auto both = std::find_if(children.begin(), children.end(), [&](const std::string& c) { return words::contains(lower(set.find(c)->title), "bilateral"); });
  return both == children.end() ? std::nullopt : std::optional<std::string>(*both);
}

// Down the subdivisions to a billable code, each chosen by the text (or the unspecified one,
// flagged), the 7th character last.
void descend_to_billable(const CodeSet& set, Coder::Refined& r, const std::string& context, const TextSides& sides) {
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
      const auto [chosen, why] = sevenths.contains('A') ? seventh_for_encounter(sevenths, context) : seventh_from_text(sevenths, context, sides.left, sides.right, sides.bilateral);
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
    auto [chosen, why] = choose_child(set, children, context, sides);
    if (why == "first subdivision")
      if (const auto both = both_of_a_paired_organ(set, children, context, sides)) chosen = *both, why = "bilateral (the text names both organs)";
    if (why == "first subdivision" || why == "residual subdivision") {
      r.review.push_back("refined " + r.code + " to " + chosen + " (" + why + "): check the chart for a more specific code");
      r.factor *= 0.7;
    } else if (why.starts_with("unspecified") || why.starts_with("without")) {
      r.factor *= 0.9;
    }
    r.steps.push_back(r.code + " -> " + chosen + " (" + why + ")");
    r.code = chosen;
  }
}

}  // namespace

std::optional<Coder::Refined> Coder::refine(const std::string& candidate, std::string_view context_text) const {
  const CodeSet& set = *sets_.icd10cm;
  auto r = existing_code(set, candidate);
  if (!r) return std::nullopt;
  const std::string code = r->code;
  const std::string context = with_site_abbreviations(lower(context_text));
  const TextSides sides = sides_named(context);
  // The named site for a billable code now, and again once the subdivisions below have made one
  // billable (the Neoplasm Table's C50.9- becomes C50.912, and "upper outer quadrant" then makes it C50.412).
  to_named_site(set, *r, context, sides);
  // A billable code of an unspecified side ("unspecified female breast") whose sentence names the
  // side: its sibling that says that side and nothing else different (C50.919 -> C50.912).
  if (const std::string side = side_word(sides); set.is_billable(r->code) && !side.empty())
    if (const auto sided = sided_sibling(r->code, side)) {
      r->steps.push_back(r->code + " -> " + *sided + " (" + side + " (text))");
      r->code = *sided;
    }
  descend_to_billable(set, *r, context, sides);
  if (!set.is_billable(r->code)) return std::nullopt;
  if (r->code != code) to_named_site(set, *r, context, sides);
  to_named_side_before_seventh(*r, side_word(sides));
  return r;
}

// A code of an unspecified side that its 7th character completes, whose text names the side: the
// sided sibling of the code before that character, completed alike (M84.756A -> M84.755A,
// "complete transverse atypical femoral fracture, left"; "Laceration R forearm": S51.819A ->
// S51.811A).
void Coder::to_named_side_before_seventh(Refined& r, const std::string& side) const {
  const CodeSet& set = *sets_.icd10cm;
  if (side.empty() || side == "bilateral" || r.code.size() != 8) return;
  const std::string before = r.code.substr(0, 7);  // (a placeholder X before it, "S82.64X", is no code of the set)
  if (!set.find(before) || set.seventh_characters(before).empty()) return;
  if (const auto sided = sided_sibling(before, side); sided && set.is_billable(*sided + r.code.back())) {
    r.steps.push_back(r.code + " -> " + *sided + r.code.back() + " (" + side + " (text))");
    r.code = *sided + r.code.back();
  }
}

std::optional<std::string> Coder::sided_sibling(const std::string& code, const std::string& side) const {
  const CodeSet& set = *sets_.icd10cm;
  const CodeInfo* info = set.find(code);
  if (!info) return std::nullopt;
  const std::string title = lower(info->title);
  if (title.find("unspecified") == std::string::npos || code.size() < 5) return std::nullopt;
  std::string parent = code.substr(0, code.size() - 1);
  if (parent.back() == '.') parent.pop_back();
  for (const auto& sibling : set.children(parent)) {
    if (sibling == code || !(set.is_billable(sibling) || !set.seventh_characters(sibling).empty())) continue;
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
  for (const auto& row : data_.history_codes) {
    // (A row may name codes rather than categories: "K63.5" is a colon polyp, not all of K63.)
    const std::string key = row.first.size() > 3 ? code.substr(0, row.first.size()) : category;
    if (row.assertion == assertion && key >= row.first && key <= row.last) return row.code;
  }
  return std::nullopt;
}

}  // namespace chartflow::coding
