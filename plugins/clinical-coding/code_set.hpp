// Code sets as versioned data: which codes exist, which are billable, their titles, and the
// tabular notes (excludes1, code first, use additional code, 7th characters) that coding rules
// need. Chosen by date of service from codesets.json, so a new fiscal year is a data drop.
#pragma once

#include "index_tree.hpp"
#include "neoplasm_table.hpp"

#include <algorithm>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace chartflow::coding {

struct CodeInfo {
  bool billable = false;
  std::string_view title;  // into the code set's text: valid as long as the set
};

struct TabularNote {
  std::string kind;   // excludes1, excludes2, code_first, use_additional, code_also, seventh, ...
  std::string value;  // the note's text (seventh: "A=initial encounter")
  std::vector<std::string> refs;  // codes or ranges the note cites ("N18", "E08-E13")
};

class CodeSet {
 public:
  CodeSet() = default;
  CodeSet(const CodeSet&) = delete;  // titles are views into text_
  CodeSet& operator=(const CodeSet&) = delete;

  // codes.tsv: code, billable (0/1), title [, ...]; rules.tsv (optional): code, kind, value, refs.
  // Throws std::runtime_error naming the file and line.
  void load(const std::string& system, const std::string& version, const std::string& codes_file, const std::string& rules_file = "");

  const std::string& system() const { return system_; }
  const std::string& version() const { return version_; }
  const CodeInfo* find(std::string_view code) const;
  bool is_billable(std::string_view code) const;
  std::size_t size() const { return codes_.size(); }
  // Calls f(code, info) for every code, in code order; from `from` on when given.
  template <typename F>
  void for_each(F&& f, std::string_view from = {}) const {
    for (auto it = lower_bound(from); it != codes_.end(); ++it)
      if (!f(it->code, it->info)) return;  // f returns false to stop
  }

  // How vaguely the code or category the index prints ("I82.40-", "S72.00-") is titled: 0
  // specified (or not in the set), 1 titled unspecified in some axis ("Unspecified intracapsular
  // fracture of femur"), 2 for an unspecified part or site of what it names ("Fracture of
  // unspecified part of neck of femur"), the residue a chart naming the part never needs.
  int title_vagueness(std::string_view index_code) const;
  // Codes matching `pattern` ('-' stands for any character), at most `limit`, in code order.
  std::vector<std::string> matching(std::string_view pattern, std::size_t limit) const;
  // Codes one level below `code` ("E11" -> "E11.0", "E11.1", ...), in code order.
  std::vector<std::string> children(std::string_view code) const;
  // The notes on `code` and on every ancestor (category, block range, chapter range), nearest first.
  std::vector<const TabularNote*> notes(std::string_view code, std::string_view kind) const;
  // The 7th-character definitions in force for `code` (from its nearest ancestor that has any).
  std::map<char, std::string> seventh_characters(std::string_view code) const;

  // A category's codes with their titles' words (three letters or more, lower case, letters only,
  // sorted: "upper-outer" is "upper" and "outer"), in code order. Built on first use and kept for
  // the set's life (thread-safe): site refinement reads every sibling's title for each code it refines.
  struct TitledCode {
    std::string_view code;
    bool billable = false;
    std::vector<std::string> words;
    std::string_view side;      // "bilateral", "left", "right" (the first its words say, in that order) or empty
    bool female = false, male = false;  // its words say "female", "male"
    bool says(std::string_view word) const { return std::binary_search(words.begin(), words.end(), word); }
  };
  const std::vector<TitledCode>& category_titles(std::string_view category) const;

  // The Alphabetic Index (ICD-10-CM only; empty when the catalog names none).
  void load_index(const std::string& index_file) { index_.load(index_file); }
  void load_neoplasm_table(const std::string& file) { neoplasm_table_.load(file); }
  const IndexTree& index() const { return index_; }
  const NeoplasmTable& neoplasm_table() const { return neoplasm_table_; }

 private:
  IndexTree index_;
  NeoplasmTable neoplasm_table_;
  std::string system_, version_;
  // Sorted by code: one allocation for all titles and none per code (codes fit the small-string
  // buffer), so ~150,000 codes load and free in milliseconds rather than as a tree of nodes.
  struct Entry {
    std::string code;
    CodeInfo info;
  };
  std::vector<Entry>::const_iterator lower_bound(std::string_view code) const;
  void index_codes();
  std::vector<Entry> codes_;
  // Exact lookups (find, is_billable: thousands a chart) by hash: positions in codes_ in an
  // open-addressed table at most half full, empty slots kNoCode. A binary search over 100,000
  // codes made 17 string comparisons a lookup.
  static constexpr std::uint32_t kNoCode = 0xFFFFFFFFu;
  std::vector<std::uint32_t> code_slots_;
  std::string text_;  // every title, back to back
  // Keyed by code, in file order; hashed because coding asks for every code's notes at every
  // prefix level, many times a mention.
  std::unordered_map<std::string, std::vector<TabularNote>> notes_;
  // Notes on ranges ("E08-E13", ends without dots), by kind: a lookup scans only its own kind.
  std::map<std::string, std::vector<std::pair<std::pair<std::string, std::string>, TabularNote>>, std::less<>> range_notes_;
  mutable std::mutex category_titles_mutex_;
  mutable std::map<std::string, std::unique_ptr<const std::vector<TitledCode>>, std::less<>> category_titles_;
};

// Whether `code` falls in `ref`: a code or category prefix ("N18" covers "N18.30") or a range of
// categories or codes ("E08-E13", "F10.1-F10.9").
bool code_in_ref(std::string_view code, std::string_view ref);

struct CodeSetEntry {
  std::string system, version, effective_from, effective_to;  // dates YYYY-MM-DD
  std::string codes, rules, index, neoplasm;                   // paths (neoplasm: the Neoplasm Table)
};

// codesets.json: the code set versions available and the dates each is in force.
class CodeSetCatalog {
 public:
  void load(const std::string& catalog_file);  // throws std::runtime_error
  // The version of `system` in force on `date` (YYYY-MM-DD); nullopt when none covers it.
  std::optional<CodeSetEntry> for_date(std::string_view system, std::string_view date) const;
  // The newest version of `system`.
  std::optional<CodeSetEntry> newest(std::string_view system) const;
  std::optional<CodeSetEntry> by_version(std::string_view system, std::string_view version) const;
  const std::string& dir() const { return dir_; }

 private:
  std::string dir_;
  std::vector<CodeSetEntry> entries_;
};

// The code set `entry` names, loaded on first use and shared by every instance of the plugin in
// the process. Code sets are immutable once loaded and the plugin is never unloaded, so a copy is
// kept for the life of the process and never freed: a second instance (a test, a thread's own
// pipeline) starts at once, and exit does not spend a tenth of a second freeing them. A file
// changed on disk (size or modification time) is loaded afresh. Thread-safe; throws
// std::runtime_error as CodeSet::load does.
const CodeSet& shared_code_set(const CodeSetEntry& entry);

}  // namespace chartflow::coding
