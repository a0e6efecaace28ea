// The V28 tables as the scorer uses them: codes interned in hash maps, HCC numbers as indexes,
// coefficient variables parsed once into typed slots per segment, so scoring never parses text.
#pragma once

#include "hcc.hpp"

#include <array>
#include <bitset>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace chartflow::hcc {

inline constexpr int kHccLimit = 512;  // HCC numbers are 1..511 (V28 uses up to 489)
using HccSet = std::bitset<kHccLimit>;
using Micros = long long;              // a factor in millionths, so sums are exact

inline constexpr std::size_t kSegmentCount = 9;
inline constexpr std::size_t index_of(Segment s) { return static_cast<std::size_t>(s); }

// The interaction variables of V28 (CMS main macro). The first six are disease x disease; the
// DISABLED_ ones (institutional) are disabled status x disease group.
enum class Interaction : std::uint8_t {
  DiabetesHf,
  HfChrLung,
  HfKidney,
  ChrLungCardRespFail,
  HfHcc238,
  SubUseDisorderPsych,
  DisabledCancer,
  DisabledNeuro,
  DisabledHf,
  DisabledChrLung,
  DisabledUlcer,
};
inline constexpr std::size_t kInteractionCount = 11;
std::string_view interaction_name(Interaction interaction);  // "DIABETES_HF_V28"

struct DxEdit {
  enum class Trigger : std::uint8_t { Sex, Age };
  enum class Action : std::uint8_t { Invalid, Override };
  Trigger trigger = Trigger::Age;
  Sex sex = Sex::Unknown;
  std::optional<int> age_min;  // inclusive, empty = unbounded
  std::optional<int> age_max;  // inclusive, empty = unbounded
  Action action = Action::Invalid;
  int override_hcc = 0;
  std::string description;

  bool fires(int age, Sex beneficiary_sex) const;
};

struct HierarchyRule {
  int parent = 0;
  std::vector<int> children;
};

// One segment's factors, by kind; an empty slot means the variable is not in the segment.
struct SegmentFactors {
  std::array<std::optional<Micros>, kHccLimit> hcc{};
  std::array<std::optional<Micros>, kInteractionCount> interaction{};
  std::array<std::optional<Micros>, 10> count{};  // D1..D9, D10P
  std::optional<Micros> originally_disabled_female;
  std::optional<Micros> originally_disabled_male;
  std::optional<Micros> origds;
  std::optional<Micros> ltimcaid;
  std::map<std::string, Micros, std::less<>> cells;  // "F70_74", "NMCAID_NORIGDIS_NEF66"
};

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
template <typename T>
using StringMap = std::unordered_map<std::string, T, StringHash, std::equal_to<>>;

struct Tables {
  StringMap<std::vector<std::uint16_t>> dx_to_hcc;  // code without dot -> HCCs (1 or 2)
  StringMap<std::vector<DxEdit>> edits;             // code -> its age/sex edits, in file order
  std::vector<HierarchyRule> hierarchy;             // in the order of the CMS macro V28115H1
  std::vector<std::string> labels;                  // by HCC number; empty = not a payment HCC
  HccSet payment;
  HccSet chronic;
  std::array<SegmentFactors, kSegmentCount> segments;
  StringMap<Micros> by_variable;                    // every coefficient by its full name
};

// Each loader throws std::runtime_error("<file>:<line>: <what>") on a malformed line.
void load_labels(const std::filesystem::path& file, Tables& tables);
void load_chronic(const std::filesystem::path& file, Tables& tables);
void load_dx_to_hcc(const std::filesystem::path& file, Tables& tables);
void load_edits(const std::filesystem::path& file, Tables& tables);
void load_hierarchies(const std::filesystem::path& file, Tables& tables);
void load_coefficients(const std::filesystem::path& file, Tables& tables);

// "HCC37" -> 37, only for 1..kHccLimit-1.
std::optional<int> parse_hcc_name(std::string_view text);

}  // namespace chartflow::hcc
