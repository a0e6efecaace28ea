#include "code_lookup.hpp"

#include "common/words.hpp"

#include "host/manifest.hpp"

#include "clinical-coding/code_set.hpp"

#include <algorithm>
#include <cctype>
#include <sstream>

namespace chartflow::review {
namespace {

using words::lower;

std::string upper(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

std::vector<std::string> words_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(lower(text));
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

// Whether `text` contains the lower-case word `needle`, ignoring case: no copy of the text, since a
// search by words runs over every title of three code sets (about 186,000) on each keystroke.
bool contains_word(std::string_view text, std::string_view needle) {
  return std::search(text.begin(), text.end(), needle.begin(), needle.end(), [](char a, char b) {
           return std::tolower(static_cast<unsigned char>(a)) == b;
         }) != text.end();
}

// "I50.2", "0DTJ4ZZ", "j18": one token of letters, digits and dots with a digit in it.
bool looks_like_code(const std::string& q) {
  if (q.empty() || q.size() > 8) return false;
  bool digit = false;
  for (char c : q) {
    if (std::isdigit(static_cast<unsigned char>(c))) digit = true;
    else if (!std::isalpha(static_cast<unsigned char>(c)) && c != '.') return false;
  }
  return digit;
}

}  // namespace

CodeLookup::CodeLookup(const std::filesystem::path& catalog_file) {
  coding::CodeSetCatalog catalog;
  catalog.load(catalog_file.string());
  for (const char* system : {"ICD-10-CM", "ICD-10-PCS", "HCPCS"}) {
    const auto entry = catalog.newest(system);
    if (!entry) continue;
    auto set = std::make_unique<coding::CodeSet>();
    const auto in_dir = [&](const std::string& rel) { return rel.empty() ? rel : (std::filesystem::path(catalog.dir()) / rel).string(); };
    set->load(entry->system, entry->version, in_dir(entry->codes), in_dir(entry->rules));
    sets_[system] = std::move(set);
  }
  if (sets_.empty()) throw std::runtime_error(catalog_file.string() + ": names no ICD-10-CM, ICD-10-PCS or HCPCS code set");
}

CodeLookup::~CodeLookup() = default;

std::optional<CodeFacts> CodeLookup::find(const std::string& system, const std::string& code) const {
  const auto it = sets_.find(system);
  if (it == sets_.end()) return std::nullopt;
  const auto* info = it->second->find(code);
  if (!info) return std::nullopt;
  return CodeFacts{std::string(info->title), info->billable};
}

std::vector<CodeHit> CodeLookup::search(const std::string& query, const std::string& system, std::size_t limit) const {
  std::vector<CodeHit> hits;
  const auto words = words_of(query);
  if (words.empty()) return hits;
  for (const auto& [name, set] : sets_) {
    if (!system.empty() && name != system) continue;
    if (words.size() == 1 && looks_like_code(words[0])) {
      const std::string prefix = upper(words[0]);
      set->for_each([&](const std::string& code, const coding::CodeInfo& info) {
        if (!code.starts_with(prefix)) return false;
        hits.push_back({name, code, std::string(info.title), info.billable});
        return hits.size() < limit * 4;
      }, prefix);
      continue;
    }
    set->for_each([&](const std::string& code, const coding::CodeInfo& info) {
      if (std::all_of(words.begin(), words.end(), [&](const std::string& w) { return contains_word(info.title, w); }))
        hits.push_back({name, code, std::string(info.title), info.billable});
      return hits.size() < 5000;
    });
  }
  // Billable codes first, then the shortest (most general) titles, then code order.
  std::stable_sort(hits.begin(), hits.end(), [](const CodeHit& a, const CodeHit& b) {
    if (a.billable != b.billable) return a.billable;
    return a.title.size() < b.title.size();
  });
  if (hits.size() > limit) hits.resize(limit);
  return hits;
}

std::vector<CodeConflict> CodeLookup::conflicts(const std::string& system, const std::string& code,
                                                const std::vector<std::string>& others) const {
  std::vector<CodeConflict> out;
  const auto it = sets_.find(system);
  if (system != "ICD-10-CM" || it == sets_.end()) return out;
  const auto& set = *it->second;
  // Excludes1 works both ways: either code's note may name the other. One conflict per pair.
  const auto excludes = [&](const std::string& a, const std::string& b) -> std::optional<std::string> {
    for (const auto* note : set.notes(a, "excludes1"))
      for (const auto& ref : note->refs)
        if (coding::code_in_ref(b, ref)) return "Excludes1 at " + a + ": " + note->value + " (" + ref + "); " + b + " is coded";
    return std::nullopt;
  };
  for (const auto& other : others) {
    if (other == code) continue;
    auto message = excludes(code, other);
    if (!message) message = excludes(other, code);
    if (message) out.push_back({"excludes1", other, *message});
  }
  // A code-first note names possible underlying conditions ("if applicable"): it matters only
  // when one of them is coded, and then that code goes first.
  for (const auto* note : set.notes(code, "code_first"))
    for (const auto& other : others)
      if (other != code && std::any_of(note->refs.begin(), note->refs.end(), [&](const std::string& ref) { return coding::code_in_ref(other, ref); }))
        out.push_back({"code_first", other, "Code first: " + note->value + "; " + other + " is coded, so sequence it before " + code});
  return out;
}

std::vector<std::string> CodeLookup::systems() const {
  std::vector<std::string> out;
  for (const auto& [name, set] : sets_) out.push_back(name);
  return out;
}

std::string CodeLookup::version(const std::string& system) const {
  const auto it = sets_.find(system);
  return it == sets_.end() ? "" : it->second->version();
}

std::filesystem::path find_code_set_catalog(const std::vector<std::filesystem::path>& plugin_path) {
  const auto catalog = host::scan_plugins(plugin_path);
  if (const auto* m = catalog.find("clinical-coding")) {
    const auto file = m->dir / "codesets" / "codesets.json";
    if (std::filesystem::is_regular_file(file)) return file;
  }
  return {};
}

}  // namespace chartflow::review
