// Complications of a device, implant or graft (ICD-10-CM T82-T85, T80.21-, K94, J95.0): "Infection
// of left forearm AV dialysis graft" is T82.7XXA, "occluded plastic biliary stent" T85.590A,
// "UTI due to indwelling Foley catheter" T83.511A before its N39.0. A chart names them as a
// complication word and a device in one clause; the code is the Alphabetic Index's, read at the
// device's entry ("Complication(s) > catheter (device) > urethral > indwelling") and the
// complication's subterm under it ("infection and inflammation"). The provider's words link the
// two (I.C.19.g.1: a complication of care is coded only when the documentation says so), so a
// device and a complication in different clauses ("UTI; Foley removed") are not one.
#include "coder.hpp"

#include "common/words.hpp"

#include <chartflow/tsv.hpp>

#include <algorithm>
#include <array>
#include <stdexcept>

namespace chartflow::coding {
namespace {

using Kind = CoderData::DeviceComplication;

struct KindName {
  std::string_view name;
  Kind kind;
};
constexpr KindName kKinds[] = {{"infection", Kind::infection},     {"obstruction", Kind::obstruction}, {"displacement", Kind::displacement},
                               {"breakdown", Kind::breakdown},     {"malfunction", Kind::malfunction}, {"leakage", Kind::leakage},
                               {"thrombosis", Kind::thrombosis},   {"stenosis", Kind::stenosis},       {"loosening", Kind::loosening},
                               {"dislocation", Kind::dislocation}};

std::optional<Kind> kind_named(std::string_view name) {
  for (const auto& k : kKinds)
    if (k.name == name) return k.kind;
  return std::nullopt;
}

std::string_view name_of(Kind kind) {
  for (const auto& k : kKinds)
    if (k.kind == kind) return k.name;
  return "complication";
}

// The subterms under a device's entry that name each kind, in the order a coder would take them:
// the index words one kind differently under different devices ("infection and inflammation",
// "infection or inflammation"; "mechanical > obstruction", "obstruction (mechanical)").
const std::vector<std::string_view>& subterms_for(Kind kind) {
  static const std::array<std::vector<std::string_view>, 10> kSubterms = {{
      {"infection and inflammation", "infection or inflammation", "infection"},
      {"mechanical > obstruction", "obstruction (mechanical)", "obstruction", "mechanical > specified NEC", "mechanical > specified type NEC",
       "specified complication NEC", "mechanical", "malfunction"},
      {"mechanical > displacement", "displacement", "mechanical > malposition", "malposition", "mechanical"},
      {"mechanical > breakdown", "breakdown", "mechanical > breakage, broken", "breakage (fracture)", "mechanical > malfunction", "malfunction",
       "mechanical"},
      {"mechanical > malfunction", "malfunction", "mechanical > breakdown", "breakdown", "mechanical"},
      {"mechanical > leakage", "leakage", "mechanical > specified NEC", "mechanical"},
      {"thrombosis"},
      {"stenosis"},
      {"mechanical > loosening"},
      {"mechanical > dislocation", "dislocation", "mechanical > displacement", "displacement"},
  }};
  return kSubterms[static_cast<std::size_t>(kind)];
}

// The clause around `at` in `sentence` (lower case): up to punctuation that ends a list item, or a
// word that joins another condition ("... graft with cellulitis", "UTI and Foley exchange").
std::pair<std::size_t, std::size_t> clause_around(std::string_view sentence, std::size_t at) {
  static constexpr std::string_view kJoins[] = {" with ", " and ", " but ", " vs ", " versus ", " s/p ", " status post "};
  std::size_t from = 0, to = sentence.size();
  for (std::size_t i = at; i-- > 0;)
    if (sentence[i] == ',' || sentence[i] == ';' || sentence[i] == ':' || sentence[i] == '(' || sentence[i] == '\n') {
      from = i + 1;
      break;
    }
  for (std::size_t i = at; i < sentence.size(); ++i)
    if (sentence[i] == ',' || sentence[i] == ';' || sentence[i] == ':' || sentence[i] == ')' || sentence[i] == '\n') {
      to = i;
      break;
    }
  // Within the punctuation's bounds only: no join holds a comma, colon or parenthesis, so none
  // crosses them (and rfind over the whole sentence compared at every byte).
  const std::size_t clause_from = from, clause_to = to;
  for (const std::string_view join : kJoins) {
    if (const std::size_t before = sentence.substr(clause_from, at - clause_from).rfind(join); before != std::string_view::npos)
      from = std::max(from, clause_from + before + join.size());
    if (const std::size_t after = words::find_bytes(sentence.substr(0, clause_to), join, at); after != std::string_view::npos) to = std::min(to, after);
  }
  return {from, to};
}

// "No signs of infection at the graft site", "rule out line infection", "Foley without leakage".
bool denied_before(std::string_view clause_before) {
  return words::contains_any(clause_before, {"no", "not", "without", "denies", "negative for", "free of", "rule out", "ruled out", "r/o",
                                             "no evidence of", "no sign of", "no signs of"});
}

// An outpatient code is for what is established, never a "possible" or "concern for" (IV.H).
bool uncertain(std::string_view clause) {
  return words::contains_any(clause, {"possible", "possibly", "probable", "suspected", "suspect", "concern for", "likely", "cannot exclude",
                                      "question of", "questionable", "versus", "rule out"});
}

}  // namespace

void CoderData::load_device_complications(const std::string& file) {
  sdk::read_tsv(file, "device complications", [&](const std::vector<std::string>& f, const std::string& where) {
    const auto fail = [&] {
      throw std::runtime_error(where + ": expected complication<TAB>word<TAB>kind, or device<TAB>words<TAB>any|kind[|kind...]<TAB>index entry[<TAB>subterm]");
    };
    if (f.size() < 3 || f[1].empty() || f[2].empty()) fail();
    if (f[0] == "complication") {
      const auto kind = kind_named(f[2]);
      if (!kind) fail();
      device_complication_words.push_back({words::lower(f[1]), *kind});
      return;
    }
    if (f[0] != "device" || f.size() < 4 || f[3].empty()) fail();
    DeviceEntry row;
    for (const auto& phrase : words::split(f[1], " + ")) row.phrases.push_back(words::lower(phrase));
    if (f[2] != "any")
      for (const auto& name : words::split(f[2], "|")) {
        const auto kind = kind_named(name);
        if (!kind) fail();
        row.kinds.push_back(*kind);
      }
    row.entry = f[3];
    row.then = f.size() > 4 ? f[4] : "";
    device_entries.push_back(std::move(row));
  }, "kind");
  std::vector<std::string> phrases;
  for (const auto& w : device_complication_words) phrases.push_back(w.word);
  device_complication_finder = words::PhraseFinder(std::move(phrases));
}

void Coder::add_device_complications(std::vector<ProposedCode>& dx, const std::vector<MentionInput>& mentions,
                                     const std::vector<SentenceInput>& sentences, const ChartCues& cues, const std::string& view,
                                     Policy policy) const {
  if (!sets_.icd10cm || sets_.icd10cm->index().empty() || data_.device_entries.empty() || cues.lowered.empty()) return;
  const std::string_view lowered = cues.lowered;
  const IndexTree& index = sets_.icd10cm->index();
  for (const auto& [which, at] : data_.device_complication_finder.find_all(lowered)) {
    const auto& word = data_.device_complication_words[which];
    const auto sentence = std::upper_bound(sentences.begin(), sentences.end(), at, [](std::size_t p, const SentenceInput& s) { return p < s.begin; });
    if (sentence == sentences.begin()) continue;
    const SentenceInput& s = *std::prev(sentence);
    if (at >= s.end || is_history_section(s.section_category) || !states_this_encounter(s, lowered)) continue;
    const std::string_view text = lowered.substr(s.begin, s.end - s.begin);
    const auto [from, to] = clause_around(text, at - s.begin);
    const std::string_view clause = text.substr(from, to - from);
    if (denied_before(text.substr(from, at - s.begin - from)) || (policy == Policy::outpatient && uncertain(clause))) continue;
    const auto device = std::find_if(data_.device_entries.begin(), data_.device_entries.end(), [&](const CoderData::DeviceEntry& d) {
      return (d.kinds.empty() || std::find(d.kinds.begin(), d.kinds.end(), word.kind) != d.kinds.end()) &&
             std::all_of(d.phrases.begin(), d.phrases.end(), [&](const std::string& p) { return words::contains(clause, p); });
    });
    if (device == data_.device_entries.end()) continue;
    auto reading = index.entry(device->entry);
    if (!reading) continue;
    std::optional<IndexTree::Navigation> subterm;
    for (const std::string_view label : subterms_for(word.kind))
      if ((subterm = index.subterm(*reading, label))) break;
    // (An entry for this kind alone is the complication already: "Infection > due to > PICC".)
    if (!subterm && device->kinds.size() != 1) continue;
    if (subterm) reading = subterm;
    if (!device->then.empty())
      if (auto deeper = index.subterm(*reading, device->then)) reading = deeper;
    if (reading->code.empty()) continue;
    const auto refined = refine(reading->code, clause);
    if (!refined) continue;
    // A mention already coded it, perhaps more exactly ("periprosthetic joint infection, right
    // total hip arthroplasty": the index's "infection > hip" from the whole statement).
    const std::string subcategory = refined->code.substr(0, 5);
    const auto coded = std::find_if(dx.begin(), dx.end(), [&](const ProposedCode& c) { return c.code.starts_with(subcategory); });
    const std::string complication = coded != dx.end() ? coded->code : refined->code;
    std::string rule = "complication of a device (" + std::string(name_of(word.kind)) + ": '" + word.word + "'): index: " + reading->path + " -> " + reading->code;
    for (const auto& step : refined->steps) rule += "; " + step;
    const std::size_t begin = s.begin + from, end = s.begin + to;
    ProposedCode c = stated_code(refined->code, 0.8 * refined->factor, std::move(rule), view, begin, end);
    c.review_reasons = refined->review;
    c.from_diagnosis_section = is_diagnosis_section(s.section_category);
    rank_as_its_statement(c, mentions, s);
    // The condition the complication caused, stated with it ("UTI due to indwelling Foley",
    // "sepsis from an infected port"), follows it: the T80-T88 "use additional code" note.
    for (auto& other : dx)
      if (other.system == "ICD-10-CM" && other.etiology.empty() && !other.code.starts_with("Z") && other.code.compare(0, 3, complication, 0, 3) != 0 &&
          std::any_of(other.evidence.begin(), other.evidence.end(), [&](const Evidence& e) { return e.begin >= begin && e.begin <= at; }))
        other.etiology = complication;
    if (coded == dx.end()) add_or_merge(dx, std::move(c));
  }
}

}  // namespace chartflow::coding
