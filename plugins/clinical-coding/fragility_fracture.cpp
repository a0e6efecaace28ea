// A fracture in a patient with known osteoporosis, from a fall or trauma that would not break a
// normal, healthy bone, is the osteoporosis's pathological fracture (Guidelines I.C.13.d.2): "left
// femoral neck fracture ... known age-related osteoporosis - fragility fracture after ground-level
// fall" is M80.052A, not the traumatic S72.002A beside M81.0.
#include "coder.hpp"

#include "common/words.hpp"

#include <algorithm>
#include <optional>

namespace chartflow::coding {
namespace {

// The 5th character of M80.0- for a traumatic fracture's category (and, for S42 and S82, its
// subcategory): 1 shoulder, 2 humerus, 3 forearm, 4 hand, 5 femur, 6 lower leg, 7 ankle and foot,
// 8 vertebra. Sites M80 has no place for (skull, ribs, pelvis) stay traumatic.
std::optional<char> osteoporotic_site(const std::string& code) {
  if (code.size() < 5 || code[0] != 'S') return std::nullopt;
  const std::string category = code.substr(0, 3);
  if (category == "S12" || category == "S22") return code.starts_with("S22.0") ? std::optional<char>('8') : std::nullopt;
  if (category == "S32") return code.starts_with("S32.0") ? std::optional<char>('8') : std::nullopt;
  if (category == "S42") return code[4] == '0' || code[4] == '1' ? '1' : '2';
  if (category == "S52") return '3';
  if (category == "S62") return '4';
  if (category == "S72") return '5';
  if (category == "S82") return code[4] >= '5' && code[4] <= '8' ? '7' : '6';  // the malleoli are the ankle's
  if (category == "S92") return '7';
  return std::nullopt;
}

// A fracture's 7th character as the pathological fracture's: the open-fracture encounters (B, C;
// E, F; H, J; M, N; Q, R) have no place in M80 and read as their closed ones.
char encounter_of(char seventh) {
  switch (seventh) {
    case 'B': case 'C': return 'A';
    case 'E': case 'F': return 'D';
    case 'H': case 'J': return 'G';
    case 'M': case 'N': return 'K';
    case 'Q': case 'R': return 'P';
    default: return seventh;
  }
}

// Words by which the provider says the fracture is one a healthy bone would not have had: the
// judgement is the provider's, so a fall's height alone ("ground-level fall") does not make it.
bool says_minor_trauma(std::string_view text) {
  static constexpr std::string_view kMinor[] = {"fragility", "osteoporotic fracture", "insufficiency fracture", "low-energy", "low energy",
                                                "minimal trauma", "trivial trauma"};
  const std::string lowered = words::lower(text);
  return std::any_of(std::begin(kMinor), std::end(kMinor), [&](std::string_view w) { return words::contains(lowered, w); });
}

}  // namespace

void Coder::code_fragility_fractures(std::vector<ProposedCode>& dx, std::string_view text) const {
  if (!sets_.icd10cm) return;
  const auto osteoporosis = std::find_if(dx.begin(), dx.end(), [](const ProposedCode& c) { return c.code.starts_with("M81."); });
  if (osteoporosis == dx.end() || !says_minor_trauma(text)) return;
  bool recoded = false;
  for (auto& c : dx) {
    const auto site = c.system == "ICD-10-CM" ? osteoporotic_site(c.code) : std::nullopt;
    if (!site || c.code.size() != 8) continue;
    const std::string title = words::lower(c.display);
    if (title.find("fracture") == std::string::npos) continue;
    // "History of healed fragility fracture (left distal radius)": no current fracture, the
    // osteoporosis's personal history of one (Z87.310; M81 stays).
    if (!c.evidence.empty()) {
      const std::string sentence = words::lower(sentence_around(text, c.evidence.front().begin, c.evidence.front().end));
      if (words::contains(sentence, "healed") || words::contains(sentence, "history of") || words::contains(sentence, "remote")) {
        if (const CodeInfo* history = sets_.icd10cm->find("Z87.310"); history && sets_.icd10cm->is_billable("Z87.310")) {
          c.rule += "; a healed fracture of known osteoporosis: " + c.code + " -> Z87.310, the personal history of (healed) osteoporosis fracture";
          c.code = "Z87.310", c.display = history->title;
        }
        continue;
      }
    }
    const char side = *site == '8' ? 'X' : words::contains(title, "right") ? '1' : words::contains(title, "left") ? '2' : '9';
    const std::string code = std::string("M80.0") + *site + side + encounter_of(c.code.back());
    const CodeInfo* info = sets_.icd10cm->find(code);
    if (!info || !sets_.icd10cm->is_billable(code)) continue;
    c.rule += "; known osteoporosis and a trauma that would not break a healthy bone: " + c.code + " -> " + code +
              ", the osteoporosis's pathological fracture (I.C.13.d.2)";
    c.code = code, c.display = info->title;
    recoded = true;
  }
  if (!recoded) return;
  // M81 Excludes1: osteoporosis with current pathological fracture (M80): the M80 code holds it.
  const auto into = std::find_if(dx.begin(), dx.end(), [](const ProposedCode& c) { return c.code.starts_with("M80.0"); });
  const auto gone = std::find_if(dx.begin(), dx.end(), [](const ProposedCode& c) { return c.code.starts_with("M81."); });
  absorb(*into, *gone);
  dx.erase(gone);
}

}  // namespace chartflow::coding
