// A deep vein thrombosis of the leg coded by the veins its sentence names (I82.41- to I82.4Z):
// "Acute DVT left popliteal vein (and posterior tibial veins)" is I82.432 and I82.442, not the
// unspecified deep veins I82.402; one of the arm's veins ("acute DVT of the right upper extremity
// (brachial/axillary veins)") is I82.621 and I82.A11; a "thrombus" of no named vein (I82.90)
// beside it is the same clot.
#include "coder.hpp"

#include "common/words.hpp"

#include <algorithm>

namespace chartflow::coding {
namespace {

// The 5th character of I82.4- for each deep vein of the leg a chart names.
constexpr std::pair<std::string_view, char> kVeins[] = {
    {"femoral", '1'}, {"iliac", '2'}, {"popliteal", '3'}, {"tibial", '4'}, {"peroneal", '5'}, {"gastrocnemius", '6'}, {"soleal", '6'}};

bool is_unspecified_leg_dvt(const std::string& code) { return code.starts_with("I82.40") || code.starts_with("I82.4Y") || code.starts_with("I82.4Z"); }

// An acute thrombosis of the arm's veins (the index's DVT is the leg's unless the chart says the
// arm): the category of each vein a sentence names, the side's digit after it.
constexpr std::pair<std::string_view, std::string_view> kArmVeins[] = {{"brachial", "I82.62"}, {"radial", "I82.62"}, {"ulnar", "I82.62"},
                                                                       {"upper extremity", "I82.62"}, {"axillary", "I82.A1"}, {"subclavian", "I82.B1"},
                                                                       {"internal jugular", "I82.C1"}};
bool names_the_leg(std::string_view sentence) {
  static constexpr std::string_view kLeg[] = {"leg", "legs", "lower extremity", "lower extremities", "calf", "thigh", "femoral", "popliteal",
                                              "tibial", "peroneal", "iliac", "gastrocnemius", "soleal"};
  return std::any_of(std::begin(kLeg), std::end(kLeg), [&](std::string_view w) { return words::contains(sentence, w); });
}

}  // namespace

void Coder::code_leg_dvt_by_vein(std::vector<ProposedCode>& dx, std::string_view text) const {
  if (!sets_.icd10cm || text.empty()) return;
  std::vector<ProposedCode> added;
  for (auto& c : dx) {
    if (c.system != "ICD-10-CM" || !is_unspecified_leg_dvt(c.code) || c.evidence.empty()) continue;
    const std::string sentence = words::lower(sentence_around(text, c.evidence.front().begin, c.evidence.front().end));
    // The side is the code's own when it has one (I82.402: 6th character 2), else the sentence's.
    char side = c.code.size() == 7 ? c.code[6] : '9';
    if (side == '9') side = words::contains(sentence, "left") ? '2' : words::contains(sentence, "right") ? '1' : '9';
    if (words::contains(sentence, "bilateral")) side = '3';
    std::vector<std::string> codes;
    if (!names_the_leg(sentence))
      for (const auto& [vein, category] : kArmVeins) {
        if (!words::contains(sentence, vein)) continue;
        const std::string code = std::string(category) + side;
        if (sets_.icd10cm->is_billable(code) && std::find(codes.begin(), codes.end(), code) == codes.end()) codes.push_back(code);
      }
    // ("Arm DVT": the arm's deep veins, I82.62-.)
    if (codes.empty() && !names_the_leg(sentence) && (words::contains(sentence, "arm") || words::contains(sentence, "upper limb")))
      if (const std::string code = std::string("I82.62") + side; sets_.icd10cm->is_billable(code)) codes.push_back(code);
    for (const auto& [vein, digit] : kVeins) {  // (all of them leg words: none when the sentence names the arm)
      if (!words::contains(sentence, vein)) continue;
      const std::string code = std::string("I82.4") + digit + side;
      if (sets_.icd10cm->is_billable(code) && std::find(codes.begin(), codes.end(), code) == codes.end()) codes.push_back(code);
    }
    if (codes.empty()) continue;
    const std::string from = c.code;
    for (std::size_t k = 0; k < codes.size(); ++k) {
      ProposedCode& target = k == 0 ? c : added.emplace_back(c);
      target.code = codes[k], target.display = sets_.icd10cm->find(codes[k])->title;
      target.rule += "; " + from + " -> " + codes[k] + " (the deep vein its sentence names)";
    }
  }
  dx.insert(dx.end(), std::make_move_iterator(added.begin()), std::make_move_iterator(added.end()));
  // "Thrombus" of no named vein (I82.90) beside a coded deep vein thrombosis is that clot.
  const auto named = std::find_if(dx.begin(), dx.end(), [](const ProposedCode& c) {
    return (c.code.starts_with("I82.4") && !is_unspecified_leg_dvt(c.code)) || c.code.starts_with("I82.62") || c.code.starts_with("I82.A1") ||
           c.code.starts_with("I82.B1") || c.code.starts_with("I82.C1");
  });
  if (named == dx.end()) return;
  const std::size_t into = static_cast<std::size_t>(named - dx.begin());
  for (std::size_t i = 0; i < dx.size(); ++i)
    if (dx[i].code == "I82.90" || is_unspecified_leg_dvt(dx[i].code)) {
      absorb(dx[into], dx[i]);
      dx[into].rule += "; " + dx[i].code + " (" + dx[i].display + ") is this thrombosis said less exactly (I.B.2)";
    }
  std::erase_if(dx, [](const ProposedCode& c) { return c.code == "I82.90" || is_unspecified_leg_dvt(c.code); });
}

}  // namespace chartflow::coding
