// External causes of an injury (ICD-10-CM chapter 20, Guidelines I.C.20): how, where and doing
// what the patient was hurt, and whether at work. "Slipped on the wet tile floor in her bathroom at
// home while stepping out of the shower" beside a wrist fracture (S52.5-, initial encounter) is
// W01.0XXA, Y92.012 (in a single-family house), Y93.E1 and Y99.8. No national rule requires them;
// many states and facilities report them for injury encounters, so the coding stage does this only
// under its external_cause_codes option (injury_encounters).
//
// The mechanism takes the injury's encounter (7th character A, D or S); place, activity and status
// are reported at the initial encounter only (I.C.20.b, c, k). Place and activity are read from the
// sentence that says what happened and the sentences either side; the type of home from the whole
// chart ("lives in a single-family house"). Never a poisoning's or a complication's: T36-T65 carry
// their intent, T80-T88 their cause (I.C.20.a).
#include "coder.hpp"

#include "common/words.hpp"

#include <chartflow/tsv.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>
#include <stdexcept>

namespace chartflow::coding {
namespace {

using Axis = CoderData::ExternalCauseAxis;

// The encounter character of the chart's first injury code, or 0 when it codes no injury an
// external cause is reported for: S00-T34 (injuries, burns, frostbite, foreign bodies), T66-T78
// (effects of heat, cold, other external causes), not T36-T65 or T80-T88.
char injury_encounter(const std::vector<ProposedCode>& dx) {
  for (const auto& c : dx) {
    if (c.code.size() != 8 || (c.code[0] != 'S' && c.code[0] != 'T')) continue;
    if (!std::isdigit(static_cast<unsigned char>(c.code[1])) || !std::isdigit(static_cast<unsigned char>(c.code[2]))) continue;
    const int category = (c.code[1] - '0') * 10 + (c.code[2] - '0');
    if (c.code[0] == 'T' && (category > 34 && (category < 66 || category > 78))) continue;
    const char encounter = c.code.back();
    if (encounter == 'A' || encounter == 'D' || encounter == 'S') return encounter;
  }
  return 0;
}

// The type of home the chart names: the middle digit of Y92.0-.
char home_type(std::string_view lowered) {
  if (words::contains(lowered, "mobile home") || words::contains(lowered, "trailer")) return '2';
  if (words::contains(lowered, "apartment") || words::contains(lowered, "condo")) return '3';
  if (words::contains(lowered, "single-family") || words::contains(lowered, "single family") || words::contains(lowered, "house")) return '1';
  return '0';
}

// A room of a home (home:ROOM in the table) to its Y92.0- code for the type of home.
std::string home_place(std::string_view room, char home) {
  struct Room {
    std::string_view name;
    std::array<std::string_view, 4> by_home;  // unspecified residence, single-family house, mobile home, apartment
  };
  static constexpr Room kRooms[] = {{"kitchen", {"Y92.000", "Y92.010", "Y92.020", "Y92.030"}},
                                    {"bathroom", {"Y92.002", "Y92.012", "Y92.022", "Y92.031"}},
                                    {"bedroom", {"Y92.003", "Y92.013", "Y92.023", "Y92.032"}},
                                    {"yard", {"Y92.007", "Y92.017", "Y92.027", "Y92.038"}},
                                    // (ICD-10-CM has no driveway or garage of an unspecified residence or an apartment: "other place")
                                    {"driveway", {"Y92.008", "Y92.014", "Y92.024", "Y92.038"}},
                                    {"garage", {"Y92.008", "Y92.015", "Y92.025", "Y92.038"}},
                                    {"dining room", {"Y92.001", "Y92.011", "Y92.021", "Y92.038"}},
                                    // (a living room, the stairs or the steps of a home: its "other place")
                                    {"other", {"Y92.008", "Y92.018", "Y92.028", "Y92.038"}},
                                    {"unspecified", {"Y92.009", "Y92.019", "Y92.029", "Y92.039"}}};
  for (const auto& r : kRooms)
    if (r.name == room) return std::string(r.by_home[home - '0']);
  return {};
}

// Whether every phrase of a cue stands in `sentence` (lower case), and where the first does.
std::size_t cue_at(std::string_view sentence, const std::vector<std::string>& phrases) {
  std::size_t first = std::string_view::npos;
  for (const auto& phrase : phrases) {
    const std::size_t at = words::find(sentence, phrase);
    if (at == std::string_view::npos) return std::string_view::npos;
    first = std::min(first, at);
  }
  return first;
}

// "Denies any fall", "no history of falls", "without falling": the sentence says it did not happen.
bool denied(std::string_view sentence) {
  return words::contains_any(sentence, {"denies", "denied", "no fall", "no falls", "without falling", "did not fall", "no trauma", "no injury"});
}

// Y99: work for pay, military, volunteer, or other (leisure, student, not at work). "Do not assign
// Y99.9 if the status is not stated" (I.C.20.k), nor Y99.8 then: "other" is a status the chart
// gives, by saying it was not at work or by a leisure activity (a Y93 code, a ride, "recreational").
// A dog bite on the sidewalk, a fall on the ice, a drain cleaner at home say no status.
std::optional<std::string_view> external_cause_status(std::string_view lowered, std::string_view around_the_event, bool leisure_activity) {
  if (words::contains_any(lowered, {"not work-related", "not work related", "off duty", "off-duty", "not at work"})) return "Y99.8";
  if (words::contains_any(lowered, {"at work", "on the job", "while working", "work-related", "work related", "workplace", "work injury",
                                    "workers compensation", "workers' compensation"}))
    return "Y99.0";
  if (words::contains_any(lowered, {"active duty", "military training"})) return "Y99.1";
  if (words::contains_any(lowered, {"volunteering", "as a volunteer"})) return "Y99.2";
  if (leisure_activity || words::contains_any(around_the_event, {"recreational", "leisure", "for exercise", "for fun", "hobby", "vacation",
                                                                 "outing", "playing", "driving", "riding", "ride", "concert", "ball"}))
    return "Y99.8";
  return std::nullopt;
}

// A chemical's toxic effect (T51-T65) carries its intent and needs no mechanism: its place is
// read around the sentence that names it ("Accidental exposure to sodium hydroxide drain
// cleaner, at home (apartment bathroom)" Y92.031). That sentence's index, or sentences.size().
std::size_t toxic_effect_sentence(const std::vector<ProposedCode>& dx, const std::vector<SentenceInput>& sentences) {
  for (const auto& c : dx) {
    // (A venomous animal's, T63, is an encounter with the animal, not a chemical handled somewhere.)
    const bool toxic = c.code.size() >= 3 && c.code[0] == 'T' && c.code.compare(1, 2, "51") >= 0 && c.code.compare(1, 2, "65") <= 0 &&
                       !c.code.starts_with("T63");
    if (!toxic || c.evidence.empty()) continue;
    const auto at = std::find_if(sentences.begin(), sentences.end(), [&](const SentenceInput& s) { return c.evidence[0].begin >= s.begin && c.evidence[0].begin < s.end; });
    return static_cast<std::size_t>(at - sentences.begin());
  }
  return sentences.size();
}

}  // namespace

void CoderData::load_external_causes(const std::string& file) {
  sdk::read_tsv(file, "external causes", [&](const std::vector<std::string>& f, const std::string& where) {
    const bool known_axis = f.size() >= 3 && (f[0] == "mechanism" || f[0] == "place" || f[0] == "activity");
    if (!known_axis || f[1].empty() || f[2].empty()) throw std::runtime_error(where + ": expected mechanism|place|activity<TAB>cue<TAB>code");
    ExternalCause row;
    row.axis = f[0] == "mechanism" ? Axis::mechanism : f[0] == "place" ? Axis::place : Axis::activity;
    for (const auto& phrase : words::split(f[1], " + ")) row.phrases.push_back(words::lower(phrase));
    row.code = f[2];
    external_causes.push_back(std::move(row));
  }, "axis");
}

void Coder::add_external_causes(std::vector<ProposedCode>& dx, const std::vector<SentenceInput>& sentences, std::string_view text,
                                const ChartCues& cues, const std::string& view) const {
  if (!sets_.icd10cm || data_.external_causes.empty() || text.empty() || sentences.empty()) return;
  if (std::any_of(dx.begin(), dx.end(), [](const ProposedCode& c) { return !c.code.empty() && c.code[0] >= 'V' && c.code[0] <= 'Y'; })) return;
  const char encounter = injury_encounter(dx);
  if (encounter == 0) return;
  const std::string_view lowered = cues.lowered;
  const auto sentence_text = [&](std::size_t k) { return lowered.substr(sentences[k].begin, sentences[k].end - sentences[k].begin); };
  const auto usable = [&](std::size_t k) {
    const auto& category = sentences[k].section_category;
    return !is_history_section(category) && !denied(sentence_text(k));
  };
  std::size_t last_begin = 0, last_sentence = 0;  // of the external causes coded so far: the status follows them
  const auto add = [&](const std::string& code, std::size_t k, std::size_t at, std::string_view why) {
    if (code.empty() || !sets_.icd10cm->is_billable(code)) return false;
    const std::size_t begin = sentences[k].begin + at;
    dx.push_back(stated_code(code, 0.7, "external cause (" + std::string(why) + ") -> " + code + " (external_cause_codes: injury_encounters)", view,
                             begin, std::min(sentences[k].end, begin + 40)));
    if (begin >= last_begin) last_begin = begin, last_sentence = k;
    return true;
  };
  // The mechanism: the first row of the table that some sentence matches.
  std::size_t told = sentences.size();
  for (const auto& row : data_.external_causes) {
    if (row.axis != Axis::mechanism) continue;
    for (std::size_t k = 0; k < sentences.size() && told == sentences.size(); ++k)
      if (const std::size_t at = cue_at(sentence_text(k), row.phrases); at != std::string_view::npos && usable(k) &&
                                                                         add(row.code + encounter, k, at, "how: '" + row.phrases.front() + "'"))
        told = k;
    if (told != sentences.size()) break;
  }
  if (told == sentences.size())
    if (const std::size_t toxic = toxic_effect_sentence(dx, sentences); toxic < sentences.size() && usable(toxic)) told = toxic;
  if (told == sentences.size() || encounter != 'A') return;
  // Place and activity: around the sentence that told what happened, else in the story of the
  // event (the chief complaint, the history of present illness, a procedure's indications) when
  // what happened was told by the assessment ("Electric shock ... at work" under the assessment,
  // "replacing a wall outlet in an office building" in the HPI).
  const std::size_t from = told == 0 ? 0 : told - 1, to = std::min(sentences.size(), told + 2);
  const auto tells_the_story = [&](std::size_t k) {
    const auto& category = sentences[k].section_category;
    return category == "history_of_present_illness" || category == "chief_complaint" || category == "indications";
  };
  const char home = home_type(lowered);
  const auto first_match = [&](Axis axis, auto&& in_reach) {
    for (const auto& row : data_.external_causes) {
      if (row.axis != axis) continue;
      for (std::size_t k = 0; k < sentences.size(); ++k)
        if (const std::size_t at = in_reach(k) ? cue_at(sentence_text(k), row.phrases) : std::string_view::npos;
            at != std::string_view::npos && usable(k)) {
          const std::string code = row.code.starts_with("home:") ? home_place(std::string_view(row.code).substr(5), home) : row.code;
          if (add(code, k, at, (axis == Axis::place ? "where: '" : "doing: '") + row.phrases.front() + "'")) return true;
        }
    }
    return false;
  };
  for (const Axis axis : {Axis::place, Axis::activity})
    if (!first_match(axis, [&](std::size_t k) { return k >= from && k < to; })) first_match(axis, tells_the_story);
  // (Its evidence is where the last of the others stands, so it follows them: how, where, doing what, status.)
  const bool leisure = std::any_of(dx.begin(), dx.end(), [](const ProposedCode& c) { return c.code.starts_with("Y93") || c.code.starts_with('V'); });
  const std::string_view around = lowered.substr(sentences[from].begin, sentences[to - 1].end - sentences[from].begin);
  if (const auto status = external_cause_status(lowered, around, leisure))
    add(std::string(*status), last_sentence, last_begin - sentences[last_sentence].begin, "status: work, military, volunteer or other");
}

}  // namespace chartflow::coding
