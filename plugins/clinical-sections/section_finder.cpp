#include "section_finder.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace chartflow::sections {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r'; }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }

// Sections a chart writes as a line or two: the next capitalised heading ends them, known or not.
bool closes_on_any_header(std::string_view category) {
  return category == "family_history" || category == "social_history" || category == "past_medical_history" ||
         category == "past_surgical_history" || category == "allergies" || category == "medications";
}

// True for a bulleted line ("-", "*", "•"): a list item, even when it starts with a header word
// ("• Examination: no edema" is an item of the exam section, not a new section).
bool is_bulleted(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size() && is_space(line[i])) ++i;
  return i < line.size() && (line[i] == '-' || line[i] == '*' || line.substr(i).starts_with("\xE2\x80\xA2"));
}

// Skips list numbering at the start of a line: "1.", "12)", "IV.", "A)".
std::size_t skip_numbering(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size() && is_space(line[i])) ++i;
  const std::size_t start = i;
  std::size_t j = i;
  while (j < line.size() && (std::isdigit(static_cast<unsigned char>(line[j])) || line[j] == 'I' || line[j] == 'V' || line[j] == 'X')) ++j;
  if (j == i && j < line.size() && std::isalpha(static_cast<unsigned char>(line[j]))) ++j;  // "A)" or "a."
  if (j > i && j - i <= 4 && j < line.size() && (line[j] == '.' || line[j] == ')') && j + 1 < line.size() && is_space(line[j + 1]))
    return j + 1;
  return start;
}

}  // namespace

std::string normalize_header(std::string_view words) {
  std::string out;
  bool space = false;
  for (char c : words) {
    if (is_space(c) || c == '\n') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  while (!out.empty() && (out.back() == ':' || out.back() == '-' || out.back() == '.' || out.back() == ' ')) out.pop_back();
  return out;
}

void SectionFinder::add_dictionary(const nlohmann::json& dictionary, const std::string& source) {
  if (!dictionary.is_object() || !dictionary.contains("categories") || !dictionary["categories"].is_object())
    throw std::invalid_argument(source + ": expected an object with \"categories\"");
  for (const auto& [category, spec] : dictionary["categories"].items()) {
    if (!spec.is_object() || !spec.contains("headers") || !spec["headers"].is_array())
      throw std::invalid_argument(source + ": categories." + category + " needs a \"headers\" array");
    const std::string loinc = spec.value("loinc", std::string());
    for (const auto& header : spec["headers"]) {
      if (!header.is_string()) throw std::invalid_argument(source + ": categories." + category + ".headers holds a non-string");
      const std::string key = normalize_header(header.get<std::string>());
      if (key.empty()) continue;
      headers_[key] = Header{category, loinc, key.size() <= 2};
      longest_ = std::max(longest_, key.size());
    }
  }
}

const SectionFinder::Header* SectionFinder::lookup(std::string_view words) const {
  if (words.size() > 2 * longest_ + 8) return nullptr;
  const std::string key = normalize_header(words);
  if (key.size() <= longest_ + 8)
    if (auto it = headers_.find(key); it != headers_.end()) return &it->second;
  // "ASSESSMENT (consult):", "PLAN (discussed with family):": a known header with a remark after it.
  if (const std::size_t open = key.find(" ("); open != std::string::npos && key.back() == ')')
    if (auto it = headers_.find(key.substr(0, open)); it != headers_.end() && !it->second.needs_colon) return &it->second;
  return lookup_compound(key);
}

// "IMPRESSION / DIAGNOSIS", "ASSESSMENT AND DIAGNOSIS": two headers of one kind joined. The
// compound is that kind when every part names it, or when the parts are a diagnosis and what
// goes with one (an assessment, a plan); "FAMILY HISTORY AND SOCIAL HISTORY" names two kinds and
// stays unknown (its family members must not make the patient's smoking a relative's).
const SectionFinder::Header* SectionFinder::lookup_compound(const std::string& key) const {
  // No joint, no compound: the exact lookup has already missed this very key.
  if (key.find('/') == std::string::npos && key.find(" and ") == std::string::npos && key.find(" & ") == std::string::npos) return nullptr;
  std::vector<const Header*> parts;
  std::size_t from = 0;
  while (from <= key.size()) {
    std::size_t cut = key.size(), width = 0;
    for (const std::string_view joint : {" / ", "/", " and ", " & "})
      if (const std::size_t at = key.find(joint, from); at != std::string::npos && at < cut) cut = at, width = joint.size();
    std::string part = key.substr(from, cut - from);
    while (!part.empty() && part.back() == ' ') part.pop_back();
    while (!part.empty() && part.front() == ' ') part.erase(part.begin());
    const auto it = headers_.find(part);
    if (it == headers_.end()) return nullptr;
    parts.push_back(&it->second);
    if (cut == key.size()) break;
    from = cut + width;
  }
  if (parts.size() < 2) return nullptr;
  const auto diagnostic = [](const std::string& category) {
    return category == "assessment" || category == "diagnosis" || category == "discharge_diagnosis" || category == "assessment_and_plan" ||
           category == "plan";
  };
  const bool one_kind = std::all_of(parts.begin(), parts.end(), [&](const Header* h) { return h->category == parts.front()->category; });
  const bool a_diagnosis_and_its_plan = std::all_of(parts.begin(), parts.end(), [&](const Header* h) { return diagnostic(h->category); }) &&
                                        parts.front()->category != "plan";
  return one_kind || a_diagnosis_and_its_plan ? parts.front() : nullptr;
}

namespace {

std::size_t bounded_distance(std::string_view a, std::string_view b, std::size_t bound) {
  if (a.size() > b.size() + bound || b.size() > a.size() + bound) return bound + 1;
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    std::size_t row_min = cur[0];
    for (std::size_t j = 1; j <= b.size(); ++j) {
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] != b[j - 1])});
      row_min = std::min(row_min, cur[j]);
    }
    if (row_min > bound) return bound + 1;
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

}  // namespace

// OCR misreads headers ("ANUSTHESIA", "PREOPERATIVE, DIAGNOSIS", "BI.OOD"). For a capitalised
// header followed by a colon that matches nothing, accept the closest variant within one edit
// (two for variants of ten letters or more), ignoring stray punctuation, when it is unique.
const SectionFinder::Header* SectionFinder::lookup_misread(std::string_view words) const {
  std::string cleaned;
  for (char c : normalize_header(words))
    if (std::isalnum(static_cast<unsigned char>(c)) || c == ' ' || c == '/' || c == '&') cleaned += c;
  if (cleaned.size() < 6) return nullptr;
  if (auto it = headers_.find(cleaned); it != headers_.end()) return &it->second;
  const Header* best = nullptr;
  std::size_t best_distance = 3;
  bool tie = false;
  for (const auto& [variant, header] : headers_) {
    if (variant.size() < 6) continue;
    const std::size_t bound = variant.size() >= 10 ? 2 : 1;
    const std::size_t d = bounded_distance(cleaned, variant, bound);
    if (d > bound) continue;
    if (d < best_distance) best = &header, best_distance = d, tie = false;
    else if (d == best_distance && best && best->category != header.category) tie = true;
  }
  return tie ? nullptr : best;
}

// Where a header would end on a line: at a colon (or " - ") near its start, else the whole line.
SectionFinder::HeaderEnd SectionFinder::header_end_in(std::string_view rest) const {
  const std::size_t limit = std::min(rest.size(), longest_ + 8);
  for (std::size_t i = 0; i < limit; ++i) {
    if (rest[i] == ':') return {i, true};
    if (rest[i] == '-' && i > 0 && is_space(rest[i - 1]) && i + 1 < rest.size() && is_space(rest[i + 1])) return {i, true};
  }
  return {std::string_view::npos, false};
}

// The header a line's words make, with the confidence it is one; nullopt when they make none.
// `rest` is the line after its numbering, `candidate` the words up to where the header would end.
std::optional<SectionFinder::Judged> SectionFinder::judge(std::string_view rest, std::string_view candidate, HeaderEnd end,
                                                          const std::vector<FoundSection>& found) const {
  const Header* header = lookup(candidate);
  bool misread = false;
  if (!header && end.colon && end.at >= 6) {
    bool capitals = true;
    for (char c : candidate) capitals = capitals && !is_lower(c);
    if (capitals && (header = lookup_misread(candidate))) misread = true;
  }
  if (header && (end.colon || !header->needs_colon)) {
    if (end.colon) return Judged{header, misread ? 0.75 : 0.95};
    // No colon: the header must stand alone on its line and look like one (all capitals, or
    // a capitalised short line), not be the start of a sentence.
    const std::string_view trimmed = rest.substr(0, rest.find_last_not_of(" \t\r") + 1);
    bool has_lower = false;
    for (char c : trimmed) has_lower = has_lower || is_lower(c);
    if (trimmed.empty() || (has_lower && !is_upper(trimmed[0]))) return std::nullopt;
    return Judged{header, has_lower ? 0.8 : 0.9};
  }
  if (!end.colon || end.at == std::string_view::npos || end.at < 4) return std::nullopt;
  // Unknown headers: a line of capitals ending with a colon and nothing after it. They end
  // the previous section (so its text is not stretched over someone else's) as "other".
  const std::string_view after = rest.substr(end.at + 1);
  const bool alone = after.find_first_not_of(" \t\r") == std::string_view::npos;
  bool capitals = true;
  int words = 1;
  for (char c : candidate) {
    capitals = capitals && !is_lower(c) && !std::isdigit(static_cast<unsigned char>(c)) && c != ',';
    words += c == ' ';
  }
  // ... and one with text after it ("LABOR AND DELIVERY: Spontaneous labor. ...") ends a
  // history, allergy or medication list, whose category would otherwise silence what the
  // stay did ("FH: Mother - type 2 DM." then the delivery read as a relative's).
  const bool ends_a_list = !found.empty() && words >= 2 && closes_on_any_header(found.back().category);
  if (!(alone || ends_a_list) || !capitals || words > 5) return std::nullopt;
  static const Header other{"other", "", false};
  return Judged{&other, 0.6};
}

namespace {

// "Final diagnosis" in a pathology report is the pathologic diagnosis, not a discharge diagnosis.
void read_as_pathology(std::vector<FoundSection>& found) {
  const bool pathology = std::any_of(found.begin(), found.end(), [](const FoundSection& s) {
    return s.category == "gross_description" || s.category == "microscopic_description";
  });
  if (!pathology) return;
  for (auto& s : found) {
    if (s.category == "discharge_diagnosis" || s.category == "diagnosis") {
      s.category = "pathology_final_diagnosis";
      s.loinc = "22637-3";
    }
  }
}

// Each section runs to the next header, trailing blank space trimmed.
void set_ends(std::vector<FoundSection>& found, std::string_view text) {
  for (std::size_t i = 0; i < found.size(); ++i) {
    std::size_t end = i + 1 < found.size() ? found[i + 1].begin : text.size();
    while (end > found[i].header_end && std::isspace(static_cast<unsigned char>(text[end - 1]))) --end;
    found[i].end = end;
  }
}

}  // namespace

std::vector<FoundSection> SectionFinder::find(std::string_view text) const {
  std::vector<FoundSection> found;
  for (std::size_t line_begin = 0, line_end = 0; line_begin < text.size(); line_begin = line_end + 1) {
    line_end = std::min(text.find('\n', line_begin), text.size());
    const std::string_view line = text.substr(line_begin, line_end - line_begin);
    if (is_bulleted(line)) continue;
    const std::size_t words_begin = skip_numbering(line);
    const std::string_view rest = line.substr(words_begin);
    const HeaderEnd end = header_end_in(rest);
    const std::string_view candidate = end.at == std::string_view::npos ? rest : rest.substr(0, end.at);
    const auto judged = judge(rest, candidate, end, found);
    if (!judged) continue;
    FoundSection s;
    s.begin = line_begin + words_begin;
    while (s.begin < line_end && is_space(text[s.begin])) ++s.begin;
    s.header_begin = s.begin;
    std::size_t header_end = line_begin + words_begin + candidate.size();
    while (header_end > s.header_begin && (is_space(text[header_end - 1]))) --header_end;
    s.header_end = header_end;
    s.category = judged->header->category;
    s.loinc = judged->header->loinc;
    s.confidence = judged->confidence;
    found.push_back(std::move(s));
  }
  read_as_pathology(found);
  set_ends(found, text);
  return found;
}

}  // namespace chartflow::sections
