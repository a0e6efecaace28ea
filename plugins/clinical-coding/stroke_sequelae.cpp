// Deficits left by an earlier stroke are its sequelae (Guidelines I.C.9.d): "Left MCA stroke with
// residual right hemiparesis (dominant side) and aphasia" is I69.351 and I69.320, not G81.91 and
// R47.01; a dysphagia keeps its own R13.1- beside I69.391 (the I69.391 "use additional code" note).
// The I69 subcategory follows the stroke's kind: I69.0- subarachnoid, I69.1- intracerebral, I69.2-
// other intracranial hemorrhage, I69.3- infarction (and a stroke not said otherwise). A chart that
// codes a stroke of this stay keeps its deficits as they are: they are that stroke's.
#include "coder.hpp"

#include "common/words.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <string_view>

namespace chartflow::coding {
namespace {

// A current stroke (I60-I63): its deficits are its own, not an earlier one's.
bool is_current_stroke(const std::string& code) {
  return code.size() >= 3 && code[0] == 'I' && code[1] == '6' && code[2] >= '0' && code[2] <= '3';
}

// The sequela's code for a deficit code: the I69.x subcategory's fifth and sixth characters, and
// whether the deficit's own code stays beside it. Hemiplegia and monoplegia keep their side and
// dominance (G81.91 right dominant -> I69.351; the unspecified .90 -> .359).
struct Sequela {
  std::string tail;  // after "I69.x"
  bool keep_deficit = false;
};

std::optional<Sequela> sequela_of(const std::string& deficit) {
  const auto side_of = [&](char c) { return std::string(1, c == '0' ? '9' : c); };
  if (deficit.size() == 6 && (deficit.starts_with("G81.9") || deficit.starts_with("G81.1") || deficit.starts_with("G81.0")))
    return Sequela{"5" + side_of(deficit[5])};
  if (deficit.size() == 6 && deficit.starts_with("G83.2")) return Sequela{"3" + side_of(deficit[5])};
  if (deficit.size() == 6 && deficit.starts_with("G83.1")) return Sequela{"4" + side_of(deficit[5])};
  if (deficit == "R47.01") return Sequela{"20"};
  if (deficit == "R47.02") return Sequela{"21"};
  if (deficit == "R47.1") return Sequela{"22"};
  if (deficit.starts_with("R13.1")) return Sequela{"91", true};
  if (deficit == "R29.810") return Sequela{"92"};
  if (deficit == "R27.0") return Sequela{"93"};
  if (deficit.size() == 7 && deficit.starts_with("R41.84")) return Sequela{"31" + std::string(1, deficit[6])};
  return std::nullopt;
}

// The stroke a sentence puts in the past, as the fourth character of I69: "prior cerebral
// infarction", "left MCA stroke last year with residual ...", "history of intracerebral
// hemorrhage". None when the sentence names no earlier stroke.
std::optional<char> earlier_stroke_in(std::string_view sentence) {
  static constexpr std::string_view kStroke[] = {"stroke", "cva", "cerebral infarction", "cerebral infarct", "infarct", "cerebrovascular accident",
                                                 "intracerebral hemorrhage", "ich", "subarachnoid hemorrhage", "sah", "intracranial hemorrhage"};
  static constexpr std::string_view kEarlier[] = {"prior", "previous", "old", "remote", "history of", "h/o", "last year", "ago", "residual",
                                                  "late effect", "late effects", "sequela", "sequelae", "following", "since", "post-stroke",
                                                  "pmh", "after a", "after his", "after her", "after the"};
  const auto says = [&](std::string_view w) { return words::contains(sentence, w); };
  if (std::none_of(std::begin(kStroke), std::end(kStroke), says) || std::none_of(std::begin(kEarlier), std::end(kEarlier), says)) return std::nullopt;
  if (says("subarachnoid hemorrhage") || says("sah")) return '0';
  if (says("intracerebral hemorrhage") || says("ich") || says("hemorrhagic stroke")) return '1';
  if (says("intracranial hemorrhage")) return '2';
  return '3';
}

}  // namespace

void Coder::code_stroke_sequelae(std::vector<ProposedCode>& dx, const std::vector<MentionInput>& mentions) const {
  if (!sets_.icd10cm || std::any_of(dx.begin(), dx.end(), [](const ProposedCode& c) { return c.system == "ICD-10-CM" && is_current_stroke(c.code); }))
    return;
  std::vector<ProposedCode> added;
  bool any = false;
  for (auto& c : dx) {
    if (c.system != "ICD-10-CM") continue;
    const auto sequela = sequela_of(c.code);
    if (!sequela) continue;
    // The earlier stroke named in the sentence of one of the deficit's mentions.
    std::optional<char> kind;
    for (const auto& m : mentions)
      if (!kind && std::find(c.mention_ids.begin(), c.mention_ids.end(), m.id) != c.mention_ids.end())
        kind = earlier_stroke_in(words::lower(m.context));
    if (!kind) continue;
    const std::string code = std::string("I69.") + *kind + sequela->tail;
    const auto* info = sets_.icd10cm->find(code);
    if (!info || !sets_.icd10cm->is_billable(code)) continue;
    ProposedCode s = c;
    s.code = code, s.display = std::string(info->title), s.combination = false, s.index_siblings.clear();
    s.rule = c.rule + "; a deficit the chart puts down to an earlier stroke is its sequela (I.C.9.d): " + c.code + " -> " + code;
    any = true;
    if (sequela->keep_deficit) {
      c.rule += "; coded beside " + code + " (its 'use additional code' for the type)";
      added.push_back(std::move(s));
    } else {
      c = std::move(s);
    }
  }
  for (auto& s : added) dx.push_back(std::move(s));
  // Z86.73 is an earlier stroke "without residual deficits": not beside its sequelae.
  if (any) std::erase_if(dx, [](const ProposedCode& c) { return c.code == "Z86.73"; });
  merge_same_codes(dx);  // two deficits may now be one code ("hemiparesis" twice)
}

}  // namespace chartflow::coding
