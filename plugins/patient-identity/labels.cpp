#include "labels.hpp"

#include "common/words.hpp"

#include <algorithm>
#include <array>
#include <vector>

namespace chartflow::identity {
namespace {

// Whether a label may or must carry a word saying "identifier" after it: "Medical Record
// Number", "Acct #", "Member ID". Labels that mean something else alone ("MR" is also mitral
// regurgitation, "Member" a word) require one.
enum class Suffix : std::uint8_t { none, optional, required };

struct LabelSpec {
  std::string_view words;  // lower case, one space between tokens; "/" and "'" are tokens' own characters
  IdentityKind kind;
  IdentifierType type = IdentifierType::none;
  Suffix suffix = Suffix::none;
};

using K = IdentityKind;
using T = IdentifierType;

// Only labels whose value is the thing itself. "Patient" names the patient, "Patient #" numbers
// them. "Admission:" and "Discharge:" also head other things ("Discharge: home"), which the date
// check turns away. Social security numbers are deliberately not read: no EHR files a chart by
// them, and a record that holds none cannot leak one.
constexpr std::array kLabels = {
    LabelSpec{"mrn", K::mrn, T::medical_record, Suffix::optional},
    LabelSpec{"m r n", K::mrn, T::medical_record, Suffix::optional},
    LabelSpec{"mr", K::mrn, T::medical_record, Suffix::required},
    LabelSpec{"medical record", K::mrn, T::medical_record, Suffix::optional},
    LabelSpec{"med rec", K::mrn, T::medical_record, Suffix::optional},
    LabelSpec{"patient mrn", K::mrn, T::medical_record, Suffix::optional},
    LabelSpec{"chart", K::mrn, T::medical_record, Suffix::required},
    LabelSpec{"account", K::account_number, T::account, Suffix::optional},
    LabelSpec{"acct", K::account_number, T::account, Suffix::optional},
    LabelSpec{"patient account", K::account_number, T::account, Suffix::optional},
    LabelSpec{"fin", K::account_number, T::account, Suffix::optional},  // Cerner's financial number
    LabelSpec{"encounter", K::encounter_number, T::visit, Suffix::optional},
    LabelSpec{"visit", K::encounter_number, T::visit, Suffix::required},  // "Visit:" alone is a visit type
    LabelSpec{"visit/encounter", K::encounter_number, T::visit, Suffix::optional},
    LabelSpec{"encounter/visit", K::encounter_number, T::visit, Suffix::optional},
    LabelSpec{"csn", K::encounter_number, T::visit, Suffix::optional},  // Epic's contact serial number
    LabelSpec{"patient", K::other_identifier, T::patient_internal, Suffix::required},
    LabelSpec{"patient identifier", K::other_identifier, T::patient_internal},
    LabelSpec{"pt", K::other_identifier, T::patient_internal, Suffix::required},
    LabelSpec{"accession", K::other_identifier, T::accession, Suffix::optional},
    LabelSpec{"member", K::other_identifier, T::member, Suffix::required},
    LabelSpec{"medicare", K::other_identifier, T::medicare, Suffix::required},
    LabelSpec{"medicaid", K::other_identifier, T::medicaid, Suffix::required},
    LabelSpec{"patient name", K::patient_name},
    LabelSpec{"patient's name", K::patient_name},
    LabelSpec{"pt name", K::patient_name},
    LabelSpec{"name", K::patient_name},
    LabelSpec{"patient", K::patient_name},
    LabelSpec{"dob", K::birth_date},
    LabelSpec{"d o b", K::birth_date},
    LabelSpec{"date of birth", K::birth_date},
    LabelSpec{"birth date", K::birth_date},
    LabelSpec{"birthdate", K::birth_date},
    LabelSpec{"sex", K::sex},
    LabelSpec{"gender", K::sex},
    LabelSpec{"sex/gender", K::sex},
    LabelSpec{"admission date", K::admission_date},
    LabelSpec{"date of admission", K::admission_date},
    LabelSpec{"admit date", K::admission_date},
    LabelSpec{"date admitted", K::admission_date},
    LabelSpec{"admitted", K::admission_date},
    LabelSpec{"admission", K::admission_date},
    LabelSpec{"admit", K::admission_date},
    LabelSpec{"discharge date", K::discharge_date},
    LabelSpec{"date of discharge", K::discharge_date},
    LabelSpec{"date discharged", K::discharge_date},
    LabelSpec{"discharged", K::discharge_date},
    LabelSpec{"discharge", K::discharge_date},
    LabelSpec{"attending", K::attending},
    LabelSpec{"attending physician", K::attending},
    LabelSpec{"attending doctor", K::attending},
    LabelSpec{"attending provider", K::attending},
    LabelSpec{"attending md", K::attending},
};

constexpr std::array<std::string_view, 6> kSuffixes = {"number", "num", "nbr", "no", "id", "#"};

// Inside a label a form feed or a lone carriage return is a space too ("Date of\fBirth").
bool is_label_space(char c) { return c == ' ' || c == '\t' || c == '\f' || c == '\v' || c == '\r'; }
using words::is_alnum;
char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// Spaces inside a label and before its separator: "Date of  Birth", "MRN :". A few at most, so a
// label stays short whatever the text (it is written into every item).
std::size_t skip_label_spaces(std::string_view text, std::size_t at, std::size_t end) {
  for (int n = 0; n < 4 && at < end && is_label_space(text[at]); ++n) ++at;
  return at;
}

// `token` at text[at], case-insensitively, not running on into a longer word.
bool match_token(std::string_view text, std::size_t& at, std::size_t end, std::string_view token) {
  if (end - at < token.size()) return false;
  for (std::size_t i = 0; i < token.size(); ++i)
    if (lower(text[at + i]) != token[i]) return false;
  const std::size_t after = at + token.size();
  if (is_alnum(token.back()) && after < end && is_alnum(text[after])) return false;
  at = after;
  return true;
}

// The label's words, each apart from the last by a dot, spaces or both ("Med. Rec", "D.O.B").
bool match_words(std::string_view text, std::size_t& at, std::size_t end, std::string_view words) {
  bool first = true;
  for (std::size_t from = 0; from <= words.size();) {
    std::size_t to = words.find(' ', from);
    if (to == std::string_view::npos) to = words.size();
    if (!first) {
      const std::size_t gap = at;
      if (at < end && text[at] == '.') ++at;
      at = skip_label_spaces(text, at, end);
      if (at == gap) return false;  // "medicalrecord" is no label
    }
    if (!match_token(text, at, end, words.substr(from, to - from))) return false;
    first = false;
    from = to + 1;
  }
  if (at < end && text[at] == '.') ++at;  // "Med. Rec."
  return true;
}

// "Number", "No.", "#", "ID" after the label's words; `at` moves past it when there is one.
bool match_suffix(std::string_view text, std::size_t& at, std::size_t end) {
  std::size_t p = skip_label_spaces(text, at, end);
  for (const std::string_view suffix : kSuffixes) {
    std::size_t q = p;
    if (!match_token(text, q, end, suffix)) continue;
    if (q < end && text[q] == '.') ++q;
    at = q;
    return true;
  }
  return false;
}

std::optional<LabelMatch> match_spec(std::string_view text, std::size_t at, std::size_t end, const LabelSpec& spec) {
  std::size_t p = at;
  if (!match_words(text, p, end, spec.words)) return std::nullopt;
  const bool suffixed = spec.suffix != Suffix::none && match_suffix(text, p, end);
  if (spec.suffix == Suffix::required && !suffixed) return std::nullopt;
  LabelMatch m{spec.kind, spec.type, p, p};
  // The separator: ":", "#" or "#:". A label ending in "#" needs nothing more ("Acct # A123").
  bool separated = text[p - 1] == '#';
  std::size_t q = skip_label_spaces(text, p, end);
  if (!separated && q < end && text[q] == '#') {
    m.label_end = m.value_begin = ++q;  // "MRN#": the "#" is part of the label as written
    separated = true;
    q = skip_label_spaces(text, q, end);
  }
  if (q < end && text[q] == ':') {
    m.value_begin = q + 1;
    separated = true;
  }
  if (!separated) return std::nullopt;
  return m;
}

// The labels by their first letter, so a field start tries only the few that can match.
const std::array<std::vector<const LabelSpec*>, 26>& labels_by_letter() {
  static const auto index = [] {
    std::array<std::vector<const LabelSpec*>, 26> by_letter;
    for (const auto& spec : kLabels) by_letter[static_cast<std::size_t>(spec.words[0] - 'a')].push_back(&spec);
    return by_letter;
  }();
  return index;
}

}  // namespace

std::optional<LabelMatch> match_label(std::string_view text, std::size_t at, std::size_t end) {
  if (at >= end) return std::nullopt;
  const char first = lower(text[at]);
  if (first < 'a' || first > 'z') return std::nullopt;
  std::optional<LabelMatch> best;
  for (const LabelSpec* spec : labels_by_letter()[static_cast<std::size_t>(first - 'a')])
    if (auto m = match_spec(text, at, end, *spec); m && (!best || m->label_end > best->label_end)) best = m;
  return best;
}

bool starts_any_label(std::string_view text, std::size_t at, std::size_t end) {
  const std::size_t limit = std::min(end, at + 48);
  const auto is_letter = [&](std::size_t i) { return i < limit && words::is_alpha(text[i]); };
  std::size_t p = at;
  for (int words = 0; words < 6; ++words) {
    if (!is_letter(p)) return false;
    while (p < limit && (is_alnum(text[p]) || text[p] == '.' || text[p] == '/' || text[p] == '\'' || text[p] == '-')) ++p;
    if (p + 1 < limit && text[p] == ' ' && is_letter(p + 1)) {
      ++p;  // one space between a label's words; two end the field
      continue;
    }
    if (p < limit && text[p] == ' ') ++p;
    return p < limit && (text[p] == ':' || text[p] == '#');
  }
  return false;
}

}  // namespace chartflow::identity
