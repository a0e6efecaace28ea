// Completing an ICD-10-PCS code's open axes from its sentence: a PCI's arteries and stents
// (coronary_dilation.cpp), the approach and the body part by the side and organ the text names.
#include "coder.hpp"
#include "coronary_dilation.hpp"

#include "common/words.hpp"

#include <algorithm>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace chartflow::coding {
namespace {

// A debridement that went into muscle: "muscle" named, not as what it spared ("muscle viable,
// not debrided", "down to but not into muscle", "muscle intact").
bool debrided_into_muscle(std::string_view context) {
  for (std::size_t at = words::find(context, "muscle"); at != std::string_view::npos; at = words::find(context, "muscle", at + 1)) {
    const std::string_view after = context.substr(at + 6, 24), before = context.substr(at > 24 ? at - 24 : 0, at > 24 ? 24 : at);
    static constexpr std::string_view kSpared[] = {"viable", "not", "intact", "spared", "healthy", "uninvolved", "preserved"};
    const bool spared = std::any_of(std::begin(kSpared), std::end(kSpared), [&](std::string_view w) { return words::contains(after, w); }) ||
                        words::contains(before, "not into") || words::contains(before, "sparing") || words::contains(before, "no");
    if (!spared) return true;
  }
  return false;
}

}  // namespace

void Coder::read_pcs_axes(std::string& pattern, const std::string& context, std::vector<std::string>& steps, std::string_view allowed_body) const {
  if (pattern.size() != 7 || pattern[0] != '0' || !sets_.icd10pcs) return;
  // A PCI counts arteries and stents, which no phrase table can: coronary_dilation.cpp.
  if (pattern.starts_with("027") && (pattern[4] == '3' || pattern[4] == '-'))
    if (const auto pci = coronary_dilation(context); pci && sets_.icd10pcs->find(pci->code)) {
      pattern = pci->code;
      steps.push_back(pci->rule);
      return;
    }
  read_pcs_device(pattern, context, steps);
  // A closed reduction with no device (a splint, a cast) stays as the text leaves it: often an
  // emergency department's service before the stay, for the coder to judge.
  if (pattern[2] == 'S' && pattern[4] == 'X' && pattern[5] == 'Z') return;
  if (pattern[3] != '-') return;
  // An excisional debridement is coded to the deepest layer it reached (B3.5): down to the fascia
  // or into the subcutaneous tissue it is body system J, by region ("excisional debridement of the
  // left thigh skin, subcutaneous tissue and fascia lata" 0JBM0ZZ); into muscle, K.
  const bool by_layer = pattern[1] == '-' && pattern[2] == 'B' && words::contains(context, "debridement") && !debrided_into_muscle(context) &&
                        (words::contains(context, "fascia") || words::contains(context, "subcutaneous"));
  if (by_layer) pattern[1] = 'J', steps.push_back("body system J (the deepest layer named: subcutaneous tissue and fascia)");
  std::string unread = context;  // a phrase read is blanked: "left distal radius" is not also "radius"
  std::set<std::pair<char, char>> found;  // body system, body part
  std::string said;
  const auto allowed = [&](char value) { return allowed_body.empty() || allowed_body.find(value) != std::string_view::npos; };
  for (const auto& part : data_.pcs_body_parts) {
    if ((pattern[1] != '-' && pattern[1] != part.system) || !allowed(part.value)) continue;
    // (A region's bare name in system J is read only once the layer chose J: "left thigh" is
    // otherwise the anatomical region, 0Y, and "chest" a pacemaker pocket's own row.)
    if (part.system == 'J' && !by_layer && part.phrase.find("subcutaneous") == std::string::npos && part.phrase.find("fascia") == std::string::npos)
      continue;
    const std::size_t at = words::find(unread, part.phrase);
    if (at == std::string::npos) continue;
    std::string p = pattern;
    p[1] = part.system, p[3] = part.value;
    if (sets_.icd10pcs->matching(p, 1).empty()) continue;
    found.emplace(part.system, part.value);
    said = part.phrase;
    unread.replace(at, part.phrase.size(), part.phrase.size(), ' ');
  }
  if (found.empty()) found = sided_body_part(pattern, context, said);
  std::erase_if(found, [&](const std::pair<char, char>& part) { return !allowed(part.second); });
  // "Right hip cemented bipolar hemiarthroplasty": the word allows the femoral surface of either
  // hip (R, S); the side the text says picks one, by the titles of the codes each would give.
  // (So does "bilateral" among right, left and bilateral: "Bilateral salpingo-oophorectomy" 0UT2.)
  if (found.empty() && (allowed_body.size() == 2 || allowed_body.size() == 3) && pattern[1] != '-')
    found = body_part_by_side(pattern, context, allowed_body, said);
  if (found.size() != 1) return;
  pattern[1] = found.begin()->first, pattern[3] = found.begin()->second;
  steps.push_back(std::string("body part ") + pattern[3] + " (text: '" + said + "')");
}

std::set<std::pair<char, char>> Coder::body_part_by_side(const std::string& pattern, const std::string& context, std::string_view allowed_body,
                                                          std::string& said) const {
  std::set<std::pair<char, char>> found;
  const bool left = words::contains(context, "left"), right = words::contains(context, "right");
  const bool bilateral = words::contains(context, "bilateral") || words::contains(context, "both");
  if (left == right && !bilateral) return found;
  const std::string_view side = bilateral ? "bilateral" : left ? "left" : "right";
  for (const char value : allowed_body) {
    std::string p = pattern;
    p[3] = value;
    const auto codes = sets_.icd10pcs->matching(p, 1);
    if (codes.empty()) continue;
    const std::string title = words::lower(std::string(sets_.icd10pcs->find(codes.front())->title));
    if (words::contains(title, side)) found.emplace(pattern[1], value), said = side;
  }
  return found;
}

// A side and an organ apart: "left semirigid ureteroscopy", "left double-J ureteral stent" name
// the left ureter. The body part "<side> <organ>" whose organ begins a word of a text that names
// that side only.
std::set<std::pair<char, char>> Coder::sided_body_part(const std::string& pattern, const std::string& context, std::string& said) const {
  std::set<std::pair<char, char>> found;
  const bool left = words::contains(context, "left"), right = words::contains(context, "right");
  if (left == right) return found;
  const std::string side = left ? "left " : "right ";
  for (const auto& part : data_.pcs_body_parts) {
    if ((pattern[1] != '-' && pattern[1] != part.system) || !part.phrase.starts_with(side)) continue;
    const std::string organ = part.phrase.substr(side.size());
    if (organ.find(' ') != std::string::npos) continue;
    bool named = false;
    words::for_each_word(context, [&](std::string_view w) { named = named || w.starts_with(organ); });
    if (!named) continue;
    std::string p = pattern;
    p[1] = part.system, p[3] = part.value;
    if (sets_.icd10pcs->matching(p, 1).empty()) continue;
    found.emplace(part.system, part.value);
    said = part.phrase;
  }
  return found;
}

}  // namespace chartflow::coding
