#include "code_set.hpp"

#include "common/words.hpp"

#include <chartflow/tsv.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <mutex>
#include <stdexcept>

namespace chartflow::coding {
namespace {

// "E11.22" -> "E1122": ancestry and ranges compare codes without their dot.
std::string bare(std::string_view code) {
  std::string out;
  for (char c : code)
    if (c != '.') out += c;
  return out;
}

std::size_t bare_length(std::string_view code) {
  return code.size() - static_cast<std::size_t>(std::count(code.begin(), code.end(), '.'));
}

// Compares `code`, cut to the length of `ref`, with `ref`, both read without their dots ("E11.22"
// as "E1122"): negative, zero or positive. A code shorter than `ref` sorts first. Called for
// every code of a chart against every rule row, so it allocates nothing.
int compare_bare_prefix(std::string_view code, std::string_view ref) {
  std::size_t i = 0, j = 0;
  for (;;) {
    while (i < code.size() && code[i] == '.') ++i;
    while (j < ref.size() && ref[j] == '.') ++j;
    if (j == ref.size()) return 0;
    if (i == code.size()) return -1;
    if (code[i] != ref[j]) return static_cast<unsigned char>(code[i]) < static_cast<unsigned char>(ref[j]) ? -1 : 1;
    ++i, ++j;
  }
}

std::vector<std::string> split_refs(const std::string& refs) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= refs.size()) {
    const std::size_t comma = std::min(refs.find(',', start), refs.size());
    std::string ref = refs.substr(start, comma - start);
    while (!ref.empty() && ref.front() == ' ') ref.erase(ref.begin());
    while (!ref.empty() && ref.back() == ' ') ref.pop_back();
    if (!ref.empty()) out.push_back(ref);
    start = comma + 1;
  }
  return out;
}

}  // namespace

bool code_in_ref(std::string_view code, std::string_view ref) {
  const auto dash = ref.find('-');
  if (dash == std::string_view::npos || dash + 1 >= ref.size()) {
    const std::string_view prefix = ref.substr(0, dash);
    return bare_length(prefix) > 0 && compare_bare_prefix(code, prefix) == 0;
  }
  // A range: compare the code, cut to each end's length, with both ends inclusive.
  return compare_bare_prefix(code, ref.substr(0, dash)) >= 0 && compare_bare_prefix(code, ref.substr(dash + 1)) <= 0;
}

void CodeSet::load(const std::string& system, const std::string& version, const std::string& codes_file, const std::string& rules_file) {
  system_ = system;
  version_ = version;
  // Titles go to text_ first and become views once it stops growing.
  std::vector<std::pair<std::size_t, std::size_t>> titles;  // offset, length in text_, per entry
  // Room for the whole list up front: grown by doubling, a code set's megabytes of titles were
  // copied and page-faulted in again at every step (a tenth of start-up on a virtual machine).
  std::error_code size_error;
  if (const auto size = std::filesystem::file_size(codes_file, size_error); !size_error) {
    text_.reserve(size);
    codes_.reserve(size / 32);
    titles.reserve(size / 32);
  }
  sdk::read_tsv(codes_file, system + " code list", [&](const std::vector<std::string>& f, const std::string& where) {
    if (f.size() < 2 || f[0].empty()) throw std::runtime_error(where + ": expected code<TAB>billable<TAB>title");
    // ICD-10-CM lists carry a billable flag; PCS and HCPCS lists hold valid codes only.
    const bool flagged = f[1] == "0" || f[1] == "1";
    const std::string_view title = flagged ? (f.size() > 2 ? f[2] : std::string_view()) : f.size() > 3 ? f[3] : f[1];
    codes_.push_back({f[0], CodeInfo{flagged ? f[1] == "1" : true, {}}});
    titles.emplace_back(text_.size(), title.size());
    text_ += title;
  }, "code");
  for (std::size_t i = 0; i < codes_.size(); ++i) codes_[i].info.title = std::string_view(text_).substr(titles[i].first, titles[i].second);
  // Tabular order is not code order ("C4A" follows "C43"); a code listed twice keeps its last line.
  std::stable_sort(codes_.begin(), codes_.end(), [](const Entry& a, const Entry& b) { return a.code < b.code; });
  const auto last_of_each = std::unique(codes_.rbegin(), codes_.rend(), [](const Entry& a, const Entry& b) { return a.code == b.code; });
  codes_.erase(codes_.begin(), last_of_each.base());
  index_codes();
  if (rules_file.empty()) return;
  sdk::read_tsv(rules_file, system + " tabular notes", [&](const std::vector<std::string>& f, const std::string& where) {
    if (f.size() < 3) throw std::runtime_error(where + ": expected code<TAB>kind<TAB>value[<TAB>refs]");
    TabularNote note{f[1], f[2], f.size() > 3 ? split_refs(f[3]) : std::vector<std::string>{}};
    // The Tabular prints "Code first underlying neoplasm" (J91.0, malignant pleural effusion)
    // without the range it prints beside the same words elsewhere ("underlying neoplasm (C00-D49)",
    // G13.0): the same note, answered by the same codes.
    if (note.kind == "code_first" && note.refs.empty() && note.value.starts_with("underlying neoplasm")) note.refs = {"C00-D49"};
    if (const auto dash = f[0].find('-'); dash != std::string::npos)
      range_notes_[note.kind].push_back({{bare(f[0].substr(0, dash)), bare(f[0].substr(dash + 1))}, std::move(note)});
    else
      notes_[f[0]].push_back(std::move(note));
  }, "code");
}

std::vector<CodeSet::Entry>::const_iterator CodeSet::lower_bound(std::string_view code) const {
  return std::lower_bound(codes_.begin(), codes_.end(), code, [](const Entry& e, std::string_view c) { return e.code < c; });
}

void CodeSet::index_codes() {
  std::size_t slots = 64;
  while (slots < 2 * codes_.size()) slots *= 2;
  code_slots_.assign(slots, kNoCode);
  for (std::uint32_t i = 0; i < codes_.size(); ++i) {
    std::size_t at = std::hash<std::string_view>{}(codes_[i].code) & (slots - 1);
    while (code_slots_[at] != kNoCode) at = (at + 1) & (slots - 1);
    code_slots_[at] = i;
  }
}

const CodeInfo* CodeSet::find(std::string_view code) const {
  if (code_slots_.empty()) return nullptr;
  const std::size_t mask = code_slots_.size() - 1;
  for (std::size_t at = std::hash<std::string_view>{}(code) & mask;; at = (at + 1) & mask) {
    const std::uint32_t i = code_slots_[at];
    if (i == kNoCode) return nullptr;
    if (codes_[i].code == code) return &codes_[i].info;
  }
}

bool CodeSet::is_billable(std::string_view code) const {
  const auto* info = find(code);
  return info && info->billable;
}

int CodeSet::title_vagueness(std::string_view index_code) const {
  while (!index_code.empty() && (index_code.back() == '-' || index_code.back() == '.')) index_code.remove_suffix(1);
  const CodeInfo* info = find(index_code);
  if (!info) return 0;
  const std::string title = words::lower(info->title);
  if (title.find("unspecified part") != std::string::npos || title.find("unspecified site") != std::string::npos) return 2;
  return title.find("unspecified") != std::string::npos ? 1 : 0;
}

std::vector<std::string> CodeSet::matching(std::string_view pattern, std::size_t limit) const {
  std::vector<std::string> out;
  const std::string prefix(pattern.substr(0, pattern.find('-')));
  for (auto it = lower_bound(prefix); it != codes_.end() && it->code.starts_with(prefix) && out.size() < limit; ++it) {
    const std::string& code = it->code;
    if (code.size() != pattern.size()) continue;
    bool ok = true;
    for (std::size_t i = prefix.size(); i < pattern.size() && ok; ++i) ok = pattern[i] == '-' || pattern[i] == code[i];
    if (ok) out.push_back(code);
  }
  return out;
}

std::vector<std::string> CodeSet::children(std::string_view code) const {
  std::vector<std::string> out;
  const std::size_t depth = bare_length(code);
  for (auto it = lower_bound(code); it != codes_.end() && it->code.starts_with(code); ++it)
    if (bare_length(it->code) == depth + 1) out.push_back(it->code);
  return out;
}

std::vector<const TabularNote*> CodeSet::notes(std::string_view code, std::string_view kind) const {
  std::vector<const TabularNote*> out;
  std::string prefix(code);
  while (!prefix.empty()) {
    if (const auto it = notes_.find(prefix); it != notes_.end())
      for (const TabularNote& note : it->second)
        if (note.kind == kind) out.push_back(&note);
    prefix.pop_back();
    if (!prefix.empty() && prefix.back() == '.') prefix.pop_back();
    if (prefix.size() < 3) break;
  }
  const auto ranges = range_notes_.find(kind);
  if (ranges == range_notes_.end()) return out;
  for (const auto& [range, note] : ranges->second)
    if (compare_bare_prefix(code, range.first) >= 0 && compare_bare_prefix(code, range.second) <= 0) out.push_back(&note);
  return out;
}

std::map<char, std::string> CodeSet::seventh_characters(std::string_view code) const {
  // The nearest ancestor with definitions decides (S72.47 overrides S72's set, for example).
  std::string prefix(code);
  while (prefix.size() >= 3) {
    std::map<char, std::string> out;
    if (const auto it = notes_.find(prefix); it != notes_.end())
      for (const TabularNote& note : it->second)
        if (note.kind == "seventh" && note.value.size() > 2 && note.value[1] == '=') out.emplace(note.value[0], note.value.substr(2));
    if (!out.empty()) return out;
    prefix.pop_back();
    if (!prefix.empty() && prefix.back() == '.') prefix.pop_back();
  }
  return {};
}

void CodeSetCatalog::load(const std::string& catalog_file) {
  std::ifstream in(catalog_file);
  if (!in) throw std::runtime_error("cannot read code set catalog " + catalog_file);
  nlohmann::json catalog = nlohmann::json::parse(in, nullptr, false);
  if (catalog.is_discarded() || !catalog.contains("code_sets") || !catalog["code_sets"].is_array())
    throw std::runtime_error(catalog_file + ": not a code set catalog (expected {\"code_sets\": [...]})");
  dir_ = std::filesystem::path(catalog_file).parent_path().string();
  for (const auto& e : catalog["code_sets"]) {
    if (!e.is_object() || !e.contains("system") || !e.contains("version") || !e.contains("codes"))
      throw std::runtime_error(catalog_file + ": every code set needs system, version and codes");
    entries_.push_back({e.at("system"), e.at("version"), e.value("effective_from", ""), e.value("effective_to", "9999-12-31"),
                        (std::filesystem::path(dir_) / e.at("codes").get<std::string>()).string(),
                        e.contains("rules") ? (std::filesystem::path(dir_) / e.at("rules").get<std::string>()).string() : "",
                        e.contains("index") ? (std::filesystem::path(dir_) / e.at("index").get<std::string>()).string() : "",
                        e.contains("neoplasm") ? (std::filesystem::path(dir_) / e.at("neoplasm").get<std::string>()).string() : ""});
  }
}

std::optional<CodeSetEntry> CodeSetCatalog::for_date(std::string_view system, std::string_view date) const {
  for (const auto& e : entries_)
    if (e.system == system && e.effective_from <= date && date <= e.effective_to) return e;
  return std::nullopt;
}

std::optional<CodeSetEntry> CodeSetCatalog::newest(std::string_view system) const {
  std::optional<CodeSetEntry> best;
  for (const auto& e : entries_)
    if (e.system == system && (!best || e.effective_from > best->effective_from)) best = e;
  return best;
}

std::optional<CodeSetEntry> CodeSetCatalog::by_version(std::string_view system, std::string_view version) const {
  for (const auto& e : entries_)
    if (e.system == system && e.version == version) return e;
  return std::nullopt;
}

namespace {

// A file as the cache sees it: its path, size and modification time.
std::string file_stamp(const std::string& path) {
  if (path.empty()) return "-";
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  const auto time = std::filesystem::last_write_time(path, ec);
  return path + "|" + std::to_string(ec ? 0 : size) + "|" + std::to_string(ec ? 0 : time.time_since_epoch().count());
}

}  // namespace

const CodeSet& shared_code_set(const CodeSetEntry& entry) {
  static std::mutex mutex;
  static auto* sets = new std::map<std::string, const CodeSet*>();  // never freed: see the header
  const std::string key = entry.system + "/" + entry.version + "/" + file_stamp(entry.codes) + "/" + file_stamp(entry.rules) + "/" +
                          file_stamp(entry.index) + "/" + file_stamp(entry.neoplasm);
  std::lock_guard lock(mutex);
  if (const auto it = sets->find(key); it != sets->end()) return *it->second;
  auto set = std::make_unique<CodeSet>();
  set->load(entry.system, entry.version, entry.codes, entry.rules);
  if (!entry.index.empty()) set->load_index(entry.index);
  if (!entry.neoplasm.empty()) set->load_neoplasm_table(entry.neoplasm);
  return *sets->emplace(key, set.release()).first->second;
}

const std::vector<CodeSet::TitledCode>& CodeSet::category_titles(std::string_view category) const {
  std::lock_guard lock(category_titles_mutex_);
  if (const auto it = category_titles_.find(category); it != category_titles_.end()) return *it->second;
  auto titled = std::make_unique<std::vector<TitledCode>>();
  for (auto it = lower_bound(category); it != codes_.end() && std::string_view(it->code).starts_with(category); ++it) {
    TitledCode t;
    t.code = it->code, t.billable = it->info.billable;
    std::string word;
    for (const char raw : std::string(it->info.title) + " ") {
      const char c = static_cast<char>(raw >= 'A' && raw <= 'Z' ? raw - 'A' + 'a' : raw);
      if (c >= 'a' && c <= 'z') {
        word += c;
        continue;
      }
      if (word.size() >= 3) t.words.push_back(word);
      word.clear();
    }
    std::sort(t.words.begin(), t.words.end());
    t.words.erase(std::unique(t.words.begin(), t.words.end()), t.words.end());
    t.side = t.says("bilateral") ? "bilateral" : t.says("left") ? "left" : t.says("right") ? "right" : "";
    t.female = t.says("female"), t.male = t.says("male");
    titled->push_back(std::move(t));
  }
  return *category_titles_.emplace(std::string(category), std::move(titled)).first->second;
}

}  // namespace chartflow::coding
