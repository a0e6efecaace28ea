// Excludes1 notes (Guidelines I.A.12.a): two codes a note says are never reported together; which
// one the chart keeps.
#include "coder.hpp"

#include "common/words.hpp"

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace chartflow::coding {
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
  // A code of an unidentified agent gives way to the identified one the chart also states, however
  // sure its subdivision: "influenza A" (J10) beside a test's "influenza" (J11, unidentified virus).
  const auto unidentified = [](const ProposedCode& c) { return words::contains(words::lower(c.display), "unidentified"); };
  if (unidentified(first) != unidentified(second)) return unidentified(second);
  constexpr double kUncertainReading = 0.5;
  const bool first_uncertain = first.confidence < kUncertainReading, second_uncertain = second.confidence < kUncertainReading;
  if (first_uncertain != second_uncertain) return second_uncertain;
  // Only the first cites the second: the second is what the chart means, unless the note cites it
  // as the NOS reading ("G30 Excludes1: senile dementia NOS (F03)"): the exact statement stays.
  if (!back_note) return note.nos;
  if (note.nos != back_note->nos) return note.nos;  // the NOS reading gives way to the exact statement
  return first.confidence > second.confidence || (first.confidence == second.confidence && first.code.size() >= second.code.size());
}

}  // namespace

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
      for (const auto* note : sets_.icd10cm->notes(codes[i].code, "excludes1")) {
        // "Metabolic disorders classifiable to E70-E88" (at N25): a class that is coded elsewhere,
        // not a second condition the chart names beside this one (nephrogenic diabetes insipidus
        // and the hypernatremia it caused are both coded).
        // (The Tabular's own lower-case words: read as printed, with no lowering per chart.)
        if (note->value.find("classifiable to") != std::string::npos) continue;
        for (const auto& ref : note->refs)
          if (!code_in_ref(codes[i].code, ref)) refs[i].push_back({ref, words::contains(note->value, "NOS")});
      }
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
