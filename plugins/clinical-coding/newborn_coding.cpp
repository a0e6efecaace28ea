// A newborn's birth record (Guidelines I.C.16): the liveborn infant code first (Z38, I.C.16.a.2,
// I.C.21.c.12), prematurity by the completed weeks the chart states (P07.2-, P07.3-, I.C.16.e),
// and the newborn forms of conditions the mention stage reads in adult terms (the jaundice of
// prematurity P59.0, not the constitutional hyperbilirubinemia E80.-).
#include "coder.hpp"

#include "common/words.hpp"

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace chartflow::coding {
namespace {

// The completed weeks of gestation a sentence states ("35 completed weeks", "born at 35 0/7
// weeks"), or nullopt.
std::optional<int> completed_weeks(std::string_view text) {
  const std::string lowered = words::lower(text);
  for (std::size_t at = lowered.find("week"); at != std::string::npos; at = lowered.find("week", at + 4)) {
    std::size_t end = at;
    while (end > 0 && lowered[end - 1] == ' ') --end;
    if (std::string_view(lowered).substr(0, end).ends_with("completed")) end -= 9;
    while (end > 0 && lowered[end - 1] == ' ') --end;
    if (end >= 4 && std::string_view(lowered).substr(end - 4, 4).ends_with("/7")) {  // "35 0/7"
      end -= 3;
      while (end > 0 && lowered[end - 1] == ' ') --end;
    }
    std::size_t begin = end;
    while (begin > 0 && std::isdigit(static_cast<unsigned char>(lowered[begin - 1]))) --begin;
    if (begin == end || end - begin > 2) continue;
    return std::stoi(lowered.substr(begin, end - begin));
  }
  return std::nullopt;
}

// P07.2- (extreme immaturity, under 28 completed weeks) and P07.3- (28 to 36): the code of `weeks`.
std::optional<std::string> prematurity_code(int weeks) {
  if (weeks >= 28 && weeks <= 36) return "P07.3" + std::to_string(weeks - 27);
  if (weeks >= 23 && weeks <= 27) return "P07.2" + std::to_string(weeks - 21);
  if (weeks > 0 && weeks < 23) return std::string("P07.21");
  return std::nullopt;
}

// Feeding problems of the newborn (P92): slow feeding P92.2, at the breast P92.5, else P92.9.
std::string newborn_feeding_code(const std::string& lowered_context) {
  if (words::contains_any(lowered_context, {"slow"})) return "P92.2";
  return words::contains_any(lowered_context, {"breast", "breastfeeding", "latch"}) ? "P92.5" : "P92.9";
}

}  // namespace

bool is_newborn_record(std::string_view text) {
  // Its title or the lines under it name a newborn or the nursery, and it records the birth.
  const std::string head = words::lower(text.substr(0, std::min<std::size_t>(text.size(), 300)));
  if (!words::contains_any(head, {"newborn", "nursery", "nicu", "neonatal", "infant", "day of life"})) return false;
  return words::contains_any(words::lower(text), {"apgar", "apgars", "birth weight", "day of life"});
}

namespace {

// The newborn's code of a condition a neonate's sentence names, and the words for the rule: a
// feeding difficulty's P92, else the newborn subterm of the main term the mention names.
std::optional<std::pair<std::string, std::string>> neonates_code(const CodeSet& set, const ProposedCode& c, const MentionInput& m,
                                                                 const std::string& context) {
  if (c.code.starts_with("R63.3")) {
    const std::string code = newborn_feeding_code(context);
    return std::pair{code, "a neonate's feeding difficulty -> " + code + " (Feeding problem, newborn)"};
  }
  const auto newborn = set.index().newborn_entry(c.code, m.matched_term + " " + m.text);
  if (!newborn || !newborn->code.starts_with("P") || !set.is_billable(newborn->code)) return std::nullopt;
  return std::pair{newborn->code, "a neonate's -> " + newborn->code + " (" + newborn->path + ")"};
}

}  // namespace

// A neonate's feeding difficulty is P92 wherever the chart states it ("Neonatal difficulty feeding
// at breast" at a 9-day-old's office visit), birth record or not; so is any condition whose main
// term has a newborn's subterm ("Neonatal oral candidiasis (thrush)": "Candidiasis > neonatal",
// P37.5, not "> oral", B37.0).
void Coder::recode_for_a_neonate(std::vector<ProposedCode>& dx, const std::vector<MentionInput>& mentions) const {
  for (auto& c : dx) {
    if (c.system != "ICD-10-CM" || c.code.starts_with("P")) continue;
    for (const auto& m : mentions) {
      if (std::find(c.mention_ids.begin(), c.mention_ids.end(), m.id) == c.mention_ids.end()) continue;
      const std::string context = words::lower(m.context);
      if (!words::contains_any(context, {"neonatal", "newborn", "neonate"})) continue;
      if (const auto newborn = neonates_code(*sets_.icd10cm, c, m, context)) {
        c.rule += "; " + newborn->second;
        c.code = newborn->first, c.display = std::string(sets_.icd10cm->find(newborn->first)->title);
      }
      break;
    }
  }
}

// The liveborn infant (Z38): where born and how. Only the birth stay has one ("born ... at this
// facility", "born in hospital"); a newborn readmitted from home does not.
void Coder::add_liveborn(std::vector<ProposedCode>& dx, const std::vector<MentionInput>& mentions, const std::string& lowered,
                         const std::string& view) const {
  const auto liveborn = std::find_if(mentions.begin(), mentions.end(), [](const MentionInput& m) {
    return m.code.starts_with("Z38") && m.status == Assertion::affirmed;
  });
  // A newborn transferred in from where it was born is that hospital's birth stay, not this one's:
  // no Z38 (I.C.16.a.2), and the reason for the transfer leads.
  const bool transferred_in = words::contains_any(lowered, {"transferred in", "transferred from", "transfer from", "reason for transfer", "born at the referring",
                                                            "born at an outside", "born at outside", "outborn", "out-born", "inborn transfer"});
  if (liveborn != mentions.end() && !transferred_in && std::none_of(dx.begin(), dx.end(), [](const ProposedCode& c) { return c.code.starts_with("Z38"); })) {
    const bool outside = words::contains_any(lowered, {"born outside", "born at home", "home birth", "born before arrival", "born en route"});
    const bool cesarean = words::contains_any(lowered, {"cesarean", "c-section", "c section", "caesarean"});
    const bool twin = words::contains_any(lowered, {"twin", "twins"});
    std::string code = outside ? (twin ? "Z38.4" : "Z38.1") : twin ? (cesarean ? "Z38.31" : "Z38.30") : (cesarean ? "Z38.01" : "Z38.00");
    if (sets_.icd10cm->is_billable(code)) {
      ProposedCode c = stated_code(code, 0.85,
                                   std::string("the birth record's liveborn infant (I.C.16.a.2): ") + (twin ? "twin, " : "single, ") +
                                       (outside ? "born outside the hospital" : std::string("born in hospital, ") + (cesarean ? "by cesarean" : "vaginally")),
                                   view, liveborn->begin, liveborn->end);
      c.mention_ids = {liveborn->id};
      c.statement_rank = 0, c.statement_offset = 0, c.from_diagnosis_section = true;
      dx.insert(dx.begin(), std::move(c));
    }
  }
}

// A newborn's conditions as chapter 16 codes them: prematurity by its completed weeks, jaundice
// and feeding problems of the newborn.
void Coder::recode_newborn_conditions(std::vector<ProposedCode>& dx, const std::vector<MentionInput>& mentions) const {
  for (auto& c : dx) {
    const auto first = std::find_if(mentions.begin(), mentions.end(), [&](const MentionInput& m) {
      return std::find(c.mention_ids.begin(), c.mention_ids.end(), m.id) != c.mention_ids.end();
    });
    const std::string context = first == mentions.end() ? std::string() : words::lower(first->context);
    // Prematurity by the completed weeks its statement gives (I.C.16.e: from the provider's
    // statement of gestational age).
    // Any of its mentions may be the one that gives them ("late preterm infant" beside the
    // jaundice, "Late preterm infant, born at 36 weeks 3 days" on a line of its own).
    const auto weeks_stated = [&]() -> std::optional<int> {
      for (const auto& m : mentions)
        if (std::find(c.mention_ids.begin(), c.mention_ids.end(), m.id) != c.mention_ids.end())
          if (const auto weeks = completed_weeks(m.context)) return weeks;
      return std::nullopt;
    };
    if (c.code.starts_with("P07.2") || c.code.starts_with("P07.3"))
      if (const auto weeks = weeks_stated())
        if (const auto by_weeks = prematurity_code(*weeks); by_weeks && *by_weeks != c.code && sets_.icd10cm->is_billable(*by_weeks)) {
          c.rule += "; " + std::to_string(*weeks) + " completed weeks -> " + *by_weeks;
          c.code = *by_weeks, c.display = std::string(sets_.icd10cm->find(*by_weeks)->title);
        }
    // A newborn's jaundice (P59): of prematurity P59.0, else unspecified P59.9; never the
    // constitutional or familial hyperbilirubinemia (E80) or adult jaundice (R17).
    if (c.code.starts_with("E80.2") || c.code == "E80.7" || c.code == "R17") {
      const std::string newborn = words::contains_any(context, {"prematurity", "preterm", "premature"}) ? "P59.0" : "P59.9";
      c.rule += "; a newborn's jaundice -> " + newborn + " (Jaundice, newborn)";
      c.code = newborn, c.display = std::string(sets_.icd10cm->find(newborn)->title);
    }
    if (c.code.starts_with("R63.3")) {
      const std::string newborn = newborn_feeding_code(context);
      c.rule += "; a newborn's feeding problem -> " + newborn + " (Feeding problem, newborn)";
      c.code = newborn, c.display = std::string(sets_.icd10cm->find(newborn)->title);
    }
  }
}

void Coder::code_newborn(std::vector<ProposedCode>& dx, const std::vector<MentionInput>& mentions, std::string_view text,
                         const std::string& view) const {
  if (!sets_.icd10cm) return;
  recode_for_a_neonate(dx, mentions);
  if (!is_newborn_record(text)) return;
  add_liveborn(dx, mentions, words::lower(text), view);
  recode_newborn_conditions(dx, mentions);
  // The mother's codes are never on the newborn's record (I.C.15.a.1): a birth history's "preterm
  // labor at 36w3d" is hers (chapter 15, its weeks Z3A and the outcome Z37).
  std::erase_if(dx, [](const ProposedCode& c) {
    return c.system == "ICD-10-CM" && (c.code.starts_with("O") || c.code.starts_with("Z3A") || c.code.starts_with("Z37"));
  });
}

}  // namespace chartflow::coding
