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

// The culture a chart names for an infection of this kind, when it reports the organism in a
// sentence of its own ("2. MRSA identified on wound culture", "Pleural fluid culture:
// Streptococcus anginosus"): a wound's or an abscess's, urine's, the pleura's, a bone's.
std::vector<std::string_view> cultures_of(const ProposedCode& infection) {
  const std::string title = words::lower(infection.display);
  const std::string& code = infection.code;
  if (code.starts_with("T81.4") || words::contains(title, "wound") || code.starts_with("L02") || code.starts_with("L03") ||
      words::contains(title, "abscess"))
    return {"wound culture", "wound cultures", "abscess culture", "aspirate culture", "drainage culture"};
  if (code.starts_with("N39.0") || code.starts_with("N30") || code.starts_with("N10") || code.starts_with("N11") || code.starts_with("N12") ||
      code.starts_with("T83.51"))
    return {"urine culture", "urine cultures", "urine cx"};
  if (code.starts_with("J86")) return {"pleural fluid culture", "pleural culture", "pleural fluid cultures"};
  if (code.starts_with("M86") || code.starts_with("M46.2")) return {"bone culture", "bone biopsy culture"};
  return {};
}

// The first row of the agents table a sentence (lower case) names as a cause, not as what a drug covers.
const CoderData::InfectiousAgent* agent_named_in(const std::string& sentence, const std::vector<CoderData::InfectiousAgent>& agents) {
  const auto agent = std::find_if(agents.begin(), agents.end(), [&](const CoderData::InfectiousAgent& a) {
    return words::contains(sentence, a.phrase) && !named_as_coverage(sentence, a.phrase);
  });
  return agent == agents.end() ? nullptr : &*agent;
}

// Where the agent of an infection was found: the table's row, the words that say it, the
// sentence (lower case) and how the rule names the place.
struct AgentFound {
  const CoderData::InfectiousAgent* agent = nullptr;
  Evidence evidence;
  std::string sentence, where, mention_id;
};

// The organism a culture of the infection's kind grew, in a sentence that names the culture and
// the organism (not a negative or pending culture, not a drug's coverage).
AgentFound agent_from_its_culture(const ProposedCode& infection, const std::vector<CoderData::InfectiousAgent>& agents,
                                  const std::vector<SentenceInput>& sentences, std::string_view text, const std::string& view) {
  const auto cultures = cultures_of(infection);
  if (cultures.empty()) return {};
  for (const auto& s : sentences) {
    std::string sentence = words::lower(text.substr(s.begin, s.end - s.begin));
    if (std::none_of(cultures.begin(), cultures.end(), [&](std::string_view c) { return words::contains(sentence, c); })) continue;
    if (words::contains(sentence, "no growth") || words::contains(sentence, "negative") || words::contains(sentence, "pending")) continue;
    if (const auto* agent = agent_named_in(sentence, agents)) return {agent, {view, s.begin, s.end}, std::move(sentence), "in a culture of the kind of ", ""};
  }
  return {};
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

namespace {

// Where the chart names an infection's agent: the sentence of one of its own mentions ("UTI due to
// E. coli", "cellulitis ... wound culture grew MRSA"), the first row of the table that sentence
// holds; else the organism a culture of its kind grew, reported in a sentence of its own.
AgentFound agent_of(const ProposedCode& infection, const std::vector<CoderData::InfectiousAgent>& agents, const std::vector<MentionInput>& mentions,
                    const std::vector<SentenceInput>& sentences, std::string_view text, const std::string& view) {
  for (const auto& m : mentions) {
    if (std::find(infection.mention_ids.begin(), infection.mention_ids.end(), m.id) == infection.mention_ids.end()) continue;
    std::string sentence = words::lower(m.context);
    if (const auto* agent = agent_named_in(sentence, agents)) return {agent, {m.view, m.begin, m.end}, std::move(sentence), "in the sentence of ", m.id};
  }
  return agent_from_its_culture(infection, agents, sentences, text, view);
}

}  // namespace

void Coder::add_infectious_agents(std::vector<ProposedCode>& dx, const std::vector<MentionInput>& mentions, const std::vector<SentenceInput>& sentences,
                                  std::string_view text, const std::string& view) const {
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
    const auto [agent, evidence, sentence, where, mention_id] = agent_of(infection, data_.infectious_agents, mentions, sentences, text, view);
    if (!agent) continue;
    const auto* info = sets_.icd10cm->find(agent->code);
    const auto same = [&](const ProposedCode& c) { return c.code == agent->code; };
    if (!info || std::any_of(dx.begin(), dx.end(), same) || std::any_of(added.begin(), added.end(), same)) continue;
    ProposedCode c;
    c.system = "ICD-10-CM", c.code = agent->code, c.display = std::string(info->title), c.version = sets_.icd10cm->version();
    if (!mention_id.empty()) c.mention_ids = {mention_id};
    c.evidence = {evidence};
    c.first_offset = evidence.begin;
    c.confidence = 0.8;
    c.rule = agent->note + ": '" + agent->phrase + "' " + where + infection.code + " (" + infection.display +
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
  }
  dx.insert(dx.end(), std::make_move_iterator(added.begin()), std::make_move_iterator(added.end()));
}

}  // namespace chartflow::coding
