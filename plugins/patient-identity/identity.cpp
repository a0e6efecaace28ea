#include "identity.hpp"

#include "labelled_fields.hpp"

#include <array>
#include <map>
#include <unordered_map>

namespace chartflow::identity {
namespace {

// The label as written, its spaces collapsed ("Date of\tBirth" is "Date of Birth").
std::string label_text(std::string_view written) {
  std::string label;
  for (const char c : written) {
    const bool space = c == ' ' || c == '\t' || c == '\v';
    if (!space) label += c;
    else if (!label.empty() && label.back() != ' ') label += ' ';
  }
  return label;
}

class Collector {
 public:
  Collector(std::string_view text, std::string_view today) : text_(text), today_(today) {}

  void add(const LabelledField& field) {
    const std::string_view written = text_.substr(field.value_begin, field.value_end - field.value_begin);
    CheckedValue checked = check_value(field.kind, written, field.value_begin, today_);
    if (checked.rejected) {
      ++rejected_[{field.kind, *checked.rejected}];
      return;
    }
    // Other identifiers of different types may share a value and stay apart.
    std::string key{static_cast<char>(field.kind), static_cast<char>(field.type)};
    key += checked.value;
    if (const auto seen = index_.find(key); seen != index_.end()) {
      ++findings_.items[seen->second].occurrences;
      return;
    }
    const auto k = static_cast<std::size_t>(field.kind);
    if (listed_[k] == kMaxValuesPerKind) {
      ++unlisted_[k];
      return;
    }
    ++listed_[k];
    index_.emplace(std::move(key), findings_.items.size());
    findings_.items.push_back({field.kind, field.type, checked.begin, checked.end, std::move(checked.value),
                               label_text(text_.substr(field.label_begin, field.label_end - field.label_begin))});
  }

  IdentityFindings finish() && {
    for (std::size_t k = 0; k < kKindCount; ++k) {
      const auto kind = static_cast<IdentityKind>(k);
      if (unlisted_[k] > 0) findings_.truncated.push_back(kind);
      if (!is_single_valued(kind) || listed_[k] + (unlisted_[k] > 0) < 2) continue;
      findings_.conflicts.push_back({kind, listed_[k], unlisted_[k] > 0});
      for (auto& item : findings_.items)
        if (item.kind == kind) item.conflict = true;
    }
    for (const auto& [what, count] : rejected_) findings_.rejected.push_back({what.first, what.second, count});
    return std::move(findings_);
  }

 private:
  std::string_view text_, today_;
  IdentityFindings findings_;
  std::unordered_map<std::string, std::size_t> index_;  // kind, type and value -> item
  std::array<std::size_t, kKindCount> listed_{}, unlisted_{};
  std::map<std::pair<IdentityKind, Rejection>, std::size_t> rejected_;
};

}  // namespace

IdentityFindings find_identity(std::string_view text, std::string_view today) {
  Collector collector(text, today);
  for_each_labelled_field(text, [&](const LabelledField& field) { collector.add(field); });
  return std::move(collector).finish();
}

}  // namespace chartflow::identity
