#include "interactions.hpp"

#include <initializer_list>
#include <string>

namespace chartflow::hcc {

namespace {

// The diagnostic groups of the CMS V28 main macro (MAX over the listed HCCs).
constexpr std::initializer_list<int> kCancer = {17, 18, 19, 20, 21, 22, 23};
constexpr std::initializer_list<int> kDiabetes = {35, 36, 37, 38};
constexpr std::initializer_list<int> kCardRespFail = {211, 212, 213};
constexpr std::initializer_list<int> kHeartFailure = {221, 222, 223, 224, 225, 226};
constexpr std::initializer_list<int> kChronicLung = {276, 277, 278, 279, 280};
constexpr std::initializer_list<int> kKidney = {326, 327, 328, 329};
constexpr std::initializer_list<int> kSubstanceUse = {135, 136, 137, 138, 139};
constexpr std::initializer_list<int> kPsychiatric = {151, 152, 153, 154, 155};
constexpr std::initializer_list<int> kNeuro = {180, 181, 182, 190, 191, 192, 195, 196, 198, 199};
constexpr std::initializer_list<int> kUlcer = {379, 380, 381, 382};
constexpr std::initializer_list<int> kHcc238 = {238};

std::vector<int> present(const HccSet& kept, std::initializer_list<int> group) {
  std::vector<int> out;
  for (int hcc : group) {
    if (kept[hcc]) out.push_back(hcc);
  }
  return out;
}

void add_if_both(std::vector<ActiveInteraction>& out, Interaction which, const HccSet& kept,
                 std::initializer_list<int> a, std::initializer_list<int> b) {
  std::vector<int> first = present(kept, a);
  std::vector<int> second = present(kept, b);
  if (first.empty() || second.empty()) return;
  first.insert(first.end(), second.begin(), second.end());
  out.push_back({which, std::move(first)});
}

void add_if_any(std::vector<ActiveInteraction>& out, Interaction which, const HccSet& kept,
                std::initializer_list<int> group) {
  std::vector<int> hccs = present(kept, group);
  if (!hccs.empty()) out.push_back({which, std::move(hccs)});
}

}  // namespace

std::string_view interaction_name(Interaction interaction) {
  switch (interaction) {
    case Interaction::DiabetesHf: return "DIABETES_HF_V28";
    case Interaction::HfChrLung: return "HF_CHR_LUNG_V28";
    case Interaction::HfKidney: return "HF_KIDNEY_V28";
    case Interaction::ChrLungCardRespFail: return "CHR_LUNG_CARD_RESP_FAIL_V28";
    case Interaction::HfHcc238: return "HF_HCC238_V28";
    case Interaction::SubUseDisorderPsych: return "gSubUseDisorder_gPsych_V28";
    case Interaction::DisabledCancer: return "DISABLED_CANCER_V28";
    case Interaction::DisabledNeuro: return "DISABLED_NEURO_V28";
    case Interaction::DisabledHf: return "DISABLED_HF_V28";
    case Interaction::DisabledChrLung: return "DISABLED_CHR_LUNG_V28";
    case Interaction::DisabledUlcer: return "DISABLED_ULCER_V28";
  }
  return "?";
}

std::vector<ActiveInteraction> active_interactions(const HccSet& kept, bool disabled) {
  std::vector<ActiveInteraction> out;
  add_if_both(out, Interaction::DiabetesHf, kept, kDiabetes, kHeartFailure);
  add_if_both(out, Interaction::HfChrLung, kept, kHeartFailure, kChronicLung);
  add_if_both(out, Interaction::HfKidney, kept, kHeartFailure, kKidney);
  add_if_both(out, Interaction::ChrLungCardRespFail, kept, kChronicLung, kCardRespFail);
  add_if_both(out, Interaction::HfHcc238, kept, kHeartFailure, kHcc238);
  add_if_both(out, Interaction::SubUseDisorderPsych, kept, kSubstanceUse, kPsychiatric);
  if (disabled) {
    add_if_any(out, Interaction::DisabledCancer, kept, kCancer);
    add_if_any(out, Interaction::DisabledNeuro, kept, kNeuro);
    add_if_any(out, Interaction::DisabledHf, kept, kHeartFailure);
    add_if_any(out, Interaction::DisabledChrLung, kept, kChronicLung);
    add_if_any(out, Interaction::DisabledUlcer, kept, kUlcer);
  }
  return out;
}

std::optional<std::size_t> count_slot(int payment_hcc_count) {
  if (payment_hcc_count <= 0) return std::nullopt;
  return payment_hcc_count >= 10 ? 9 : static_cast<std::size_t>(payment_hcc_count - 1);
}

std::string count_name(std::size_t slot) {
  return slot >= 9 ? "D10P" : "D" + std::to_string(slot + 1);
}

}  // namespace chartflow::hcc
