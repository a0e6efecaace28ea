// The infectious agent of an infection coded elsewhere: "cellulitis of the left foot due to MRSA"
// is L03.116 and B95.62, as the Tabular's "Use additional code (B95-B97) to identify infectious
// agent" under L00-L08, N39.0, N10 and the rest asks.
#include "coder.hpp"

#include "common/words.hpp"

#include <algorithm>
#include <string_view>
#include <utility>

namespace chartflow::coding {
namespace {

// Whether a Tabular note asks for the agent's code (its references reach into B95-B97).
bool asks_for_agent(const TabularNote& note) {
  return std::any_of(note.refs.begin(), note.refs.end(), [](const std::string& ref) {
    return ref.starts_with("B95") || ref.starts_with("B96") || ref.starts_with("B97");
  });
}

// Infections whose codes name no organism and whose Tabular asks for one only as "code to
// identify infection" (or not at all): a device's or a procedure's infection (T81.4-, T82.6-/.7-,
// T83.5-/.6-, T84.5-/.6-/.7-, T85.7-) and a vertebra's or disc's (M46.2-, M46.3-, M46.5-):
// "osteomyelitis of the L3 vertebral body due to MSSA" is M46.26 and B95.61.
bool infection_naming_no_agent(const std::string& code) {
  static constexpr std::string_view kPrefixes[] = {"T81.4", "T82.6", "T82.7", "T83.5", "T83.6", "T84.5", "T84.6", "T84.7", "T85.7", "M46.2", "M46.3", "M46.5"};
  return std::any_of(std::begin(kPrefixes), std::end(kPrefixes), [&](std::string_view p) { return code.starts_with(p); });
}

// A sepsis coded by its organism (A40.-, A41.0-A41.8) names the agent already: a localized
// infection beside it takes no B95-B97 code of its own.
bool sepsis_names_its_organism(const std::string& code) {
  return code.starts_with("A40") || (code.starts_with("A41") && !code.starts_with("A41.9"));
}

// The drug resistance the agent's sentence names (Z16, I.C.1.c: the infection, its agent, then the
// resistance): "ESBL-producing E. coli" is B96.20 and Z16.12. MRSA's B95.62 says its resistance.
const char* resistance_in(const std::string& sentence) {
  static constexpr std::pair<std::string_view, const char*> kResistance[] = {
      {"esbl", "Z16.12"},          {"extended spectrum beta lactamase", "Z16.12"}, {"carbapenem resistant", "Z16.13"},
      {"carbapenem-resistant", "Z16.13"}, {"cre", "Z16.13"},                           {"vancomycin resistant", "Z16.21"},
      {"vancomycin-resistant", "Z16.21"}, {"vre", "Z16.21"}};
  for (const auto& [phrase, code] : kResistance)
    if (words::contains(sentence, phrase)) return code;
  return nullptr;
}

// Whether the sentence names the agent as what a drug is chosen to cover ("oral antibiotic
// covering MRSA pending culture", "empiric MRSA coverage"): a precaution, not the cause found.
bool named_as_coverage(const std::string& sentence, std::string_view phrase) {
  for (std::size_t at = words::find(sentence, phrase); at != std::string::npos; at = words::find(sentence, phrase, at + 1)) {
    const std::string_view before = std::string_view(sentence).substr(at >= 12 ? at - 12 : 0, at >= 12 ? 12 : at);
    const std::string_view after = std::string_view(sentence).substr(at + phrase.size(), 10);
    if (before.find("cover") == std::string_view::npos && after.find("coverage") == std::string_view::npos) return false;
  }
  return true;
}

}  // namespace

// "Acute pulmonary exacerbation of cystic fibrosis" beside "chronic airway infection, mucoid
// Pseudomonas aeruginosa": the organism's infection of no named site (A49.-, whose Excludes1 sends
// "bacterial agents as the cause of diseases classified elsewhere" to B95-B96) is the agent of
// the condition whose Tabular asks for one (E84.0: "use additional code to identify any
// infectious organism present, such as Pseudomonas (B96.5)").
void Coder::code_site_unnamed_infection_as_agent(std::vector<ProposedCode>& dx, const std::vector<MentionInput>& mentions) const {
  const auto asks = [&](const ProposedCode& c) {
    const auto notes = sets_.icd10cm->notes(c.code, "use_additional");
    return std::any_of(notes.begin(), notes.end(), [](const TabularNote* n) { return asks_for_agent(*n); });
  };
  if (std::none_of(dx.begin(), dx.end(), asks)) return;
  for (auto& c : dx) {
    if (!c.code.starts_with("A49.")) continue;
    for (const auto& m : mentions) {
      if (std::find(c.mention_ids.begin(), c.mention_ids.end(), m.id) == c.mention_ids.end()) continue;
      const std::string sentence = words::lower(m.context);
      const auto agent = std::find_if(data_.infectious_agents.begin(), data_.infectious_agents.end(),
                                      [&](const CoderData::InfectiousAgent& a) { return words::contains(sentence, a.phrase); });
      const auto* info = agent == data_.infectious_agents.end() ? nullptr : sets_.icd10cm->find(agent->code);
      if (!info || std::any_of(dx.begin(), dx.end(), [&](const ProposedCode& d) { return d.code == agent->code; })) break;
      c.rule += "; " + c.code + " -> " + agent->code + ": the agent of a condition coded beside it, whose Tabular asks for one (A49 Excludes1)";
      c.code = agent->code, c.display = std::string(info->title);
      break;
    }
  }
}

void Coder::add_infectious_agents(std::vector<ProposedCode>& dx, const std::vector<MentionInput>& mentions) const {
  if (!sets_.icd10cm || data_.infectious_agents.empty()) return;
  if (std::any_of(dx.begin(), dx.end(), [](const ProposedCode& c) { return sepsis_names_its_organism(c.code); })) return;
  code_site_unnamed_infection_as_agent(dx, mentions);
  std::vector<ProposedCode> added;
  for (const auto& infection : dx) {
    const auto notes = sets_.icd10cm->notes(infection.code, "use_additional");
    // (An abscess the Tabular gives no note names no organism either: B95-B97 are for any
    // infection classified elsewhere, I.C.1, "Left perinephric abscess, MSSA" N15.1 and B95.61.)
    const bool abscess = words::contains(words::lower(infection.display), "abscess");
    if (!abscess && !infection_naming_no_agent(infection.code) &&
        std::none_of(notes.begin(), notes.end(), [](const TabularNote* n) { return asks_for_agent(*n); }))
      continue;
    // The agent in the sentence of one of the infection's own mentions ("UTI due to E. coli",
    // "cellulitis ... wound culture grew MRSA"), the first row of the table that sentence holds.
    for (const auto& m : mentions) {
      if (std::find(infection.mention_ids.begin(), infection.mention_ids.end(), m.id) == infection.mention_ids.end()) continue;
      const std::string sentence = words::lower(m.context);
      const auto agent = std::find_if(data_.infectious_agents.begin(), data_.infectious_agents.end(),
                                      [&](const CoderData::InfectiousAgent& a) {
                                        return words::contains(sentence, a.phrase) && !named_as_coverage(sentence, a.phrase);
                                      });
      if (agent == data_.infectious_agents.end()) continue;
      const auto* info = sets_.icd10cm->find(agent->code);
      const auto same = [&](const ProposedCode& c) { return c.code == agent->code; };
      if (!info || std::any_of(dx.begin(), dx.end(), same) || std::any_of(added.begin(), added.end(), same)) break;
      ProposedCode c;
      c.system = "ICD-10-CM", c.code = agent->code, c.display = std::string(info->title), c.version = sets_.icd10cm->version();
      c.mention_ids = {m.id};
      c.evidence = {{m.view, m.begin, m.end}};
      c.first_offset = m.begin;
      c.confidence = 0.8;
      c.rule = agent->note + ": '" + agent->phrase + "' in the sentence of " + infection.code + " (" + infection.display +
               "), whose Tabular note asks for the infectious agent (B95-B97)";
      const char* resistance = resistance_in(sentence);
      const bool named_resistance = resistance && agent->code != "B95.62" && sets_.icd10cm->is_billable(resistance) &&
                                    std::none_of(dx.begin(), dx.end(), [&](const ProposedCode& d) { return d.code == resistance; });
      if (named_resistance) {
        ProposedCode r = c;
        r.code = resistance, r.display = std::string(sets_.icd10cm->find(resistance)->title);
        r.rule = "resistance the sentence of the agent " + agent->code + " names (I.C.1.c): " + r.display;
        added.push_back(std::move(r));
      }
      added.push_back(std::move(c));
      break;
    }
  }
  dx.insert(dx.end(), std::make_move_iterator(added.begin()), std::make_move_iterator(added.end()));
}

}  // namespace chartflow::coding
