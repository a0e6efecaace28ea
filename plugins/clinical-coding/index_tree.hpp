// The ICD-10-CM Alphabetic Index as a tree a coder walks: a main term ("Failure, failed"), its
// subterms ("heart" > "systolic" > "acute" > "and (on) chronic") and the code at each. A mention
// names a main term and perhaps one subterm; the words around it in the chart ("acute on chronic
// systolic heart failure", "CKD stage 3a", "paroxysmal atrial fibrillation") pick the deeper
// subterms, as Guidelines I.A / I.B.1 ask: locate the term, then follow its subterms.
#pragma once

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "children_by_word.hpp"
#include "common/vocabulary.hpp"

namespace chartflow::coding {

// The words of a phrase as the index compares them: lower case, letters and digits, plurals and
// possessives folded ("effusions" -> "effusion"), Roman stage numbers after stage/type/grade/class
// read as digits ("stage IIIa" -> "3a").
class WordBag {
 public:
  WordBag() = default;
  explicit WordBag(std::string_view text) { add(text); }
  void add(std::string_view text);
  // Adds a word words_of already folded (folding twice would cut "popliteal" -> "poplite" -> "poplit").
  void add_folded(std::string word) { insert(std::move(word)); }
  void remove_folded(const std::string& word);
  // A sorted vector, not a hash set: a bag holds a dozen short words (no allocation each, by the
  // small-string optimisation), and the coder builds one per mention. Most words asked about are
  // not in the bag (the coder's cue lists run to hundreds): a 256-bit summary of the bag's words
  // answers those without a string comparison.
  bool contains(std::string_view word) const { return contains(word, summary_bit(word)); }
  // The same, with the word's summary_bit worked out beforehand (a fixed list asked of every bag).
  bool contains(std::string_view word, std::uint64_t bit) const {
    return (summary_[bit >> 6] >> (bit & 63) & 1) != 0 && std::binary_search(words_.begin(), words_.end(), word);
  }
  static std::uint64_t summary_bit(std::string_view word) {  // FNV-1a, folded to 0..255
    std::uint64_t h = 14695981039346656037ull;
    for (const char c : word) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
    return (h ^ (h >> 32)) & 255;
  }
  const std::vector<std::string>& words() const { return words_; }
  std::size_t size() const { return words_.size(); }
  static std::vector<std::string> words_of(std::string_view text);  // in order, folded
  static std::vector<std::string> joined_words(std::string_view text);  // hyphenated pairs as one word, folded

 private:
  void insert(std::string word);
  std::vector<std::string> words_;
  std::array<std::uint64_t, 4> summary_{};  // bit summary_bit(w) set for every word w in words_
};

// Chart words that stand for the index's ("pancreatic" for pancreas, "sigmoid" for the colon,
// "melena" for hemorrhage): a bag holding any word of a row's left side gets its right side.
// Each side is given as text and folded once, as WordBag folds the chart's words.
class ImpliedWords {
 public:
  ImpliedWords(std::initializer_list<std::pair<std::string_view, std::string_view>> rows) {
    for (const auto& [chart, index] : rows) {
      Row row{{}, WordBag::words_of(index)};
      for (auto& w : WordBag::words_of(chart)) {
        const auto bit = WordBag::summary_bit(w);
        row.chart.emplace_back(std::move(w), bit);
      }
      rows_.push_back(std::move(row));
    }
  }
  void apply(WordBag& bag) const {
    for (const auto& [chart, index] : rows_)
      if (std::any_of(chart.begin(), chart.end(), [&](const auto& w) { return bag.contains(w.first, w.second); }))
        for (const auto& w : index) bag.add_folded(w);
  }

 private:
  struct Row {
    std::vector<std::pair<std::string, std::uint64_t>> chart;  // each word with its summary bit
    std::vector<std::string> index;
  };
  std::vector<Row> rows_;
};

class IndexTree {
 public:
  // index.tsv: path ("Main > sub > subsub"), code, see, see_also; a header row. Throws
  // std::runtime_error naming the file and line.
  void load(const std::string& file);
  // A table laid out like the index with several code columns (the Neoplasm Table: path, then a
  // code per behaviour, then see): the tree of one of them. `what` names the file in errors.
  struct Columns {
    static constexpr std::size_t kAbsent = static_cast<std::size_t>(-1);
    std::size_t code = 1, see = 2, manifestation = 4;  // kAbsent: the table has no such column
    // A "see also" a coded row's walk follows for more detail (the Neoplasm Table's "colon - see
    // also Neoplasm, intestine, large"). Not the index's: its see-also column carries the
    // bracketed manifestation ("Disease, Alzheimer's G30.9 - Dementia, in, diseases specified elsewhere").
    std::size_t see_also = kAbsent;
    // The index's see-also column of a main term without a code ("Dermatomyositis - see also
    // Dermatopolymyositis" M33.90): the main term is also an entry of its target's code.
    std::size_t main_term_see_also = 3;
    std::string what = "ICD-10-CM index", header = "path";
    bool first_spelling_wins = false;  // see read()
  };
  void load(const std::string& file, const Columns& columns);
  bool empty() const { return nodes_.empty(); }

  struct Navigation {
    std::string code;           // as printed in the index ("I50.23", "O29.12-")
    std::string path;           // the subterms followed, for the rule a coder reads
    int depth = 0;              // subterm levels below the main term
    std::string manifestation;  // the code the index prints beside it in brackets ("G30.9 [F02.80]")
    bool deeper = false;        // below the entry that gives the mention's code
    // Equally deep sibling subterms the chart's words all reach, with different codes (code,
    // label): the reading stays at the entry, and the caller codes each when the chart joins them
    // ("intramural and subserosal leiomyomas": "Leiomyoma > uterus > intramural" D25.1 and
    // "> subserosal" D25.2).
    std::vector<std::pair<std::string, std::string>> also;
  };
  // The entry the chart's words reach for `code`: the deepest index entry below one that gives
  // `code` whose subterm words all stand in `words` (the mention and the clause around it;
  // `deeper` set), else the reached entry that gives `code` with most words (where its
  // manifestation code is read from). The entry giving `code` must be reached by `words` or by
  // `reach` (also the vocabulary's name for the mention, which spells out "CKD"; never used to go
  // deeper: its "unspecified organism" is no chart's word). Two different codes equally deep are
  // no reading deeper. nullopt when no entry gives `code` for these words.
  // Equally deep entries with different codes: when `vagueness` is given (CodeSet::title_vagueness)
  // and one code is titled less vaguely than the others ("deep (DVT)" I82.40- beside "femoral"
  // I82.41- for "deep vein thrombosis, right femoral vein"; "neck" S72.00-, an unspecified part,
  // beside "subcapital" S72.01-), it is read, as a coder codes what is documented.
  std::optional<Navigation> read(std::string_view code, const WordBag& reach, const WordBag& words,
                                 const std::function<int(std::string_view code)>& vagueness = {}) const;
  // The deepest entry under the main term `term` that `words` reach: where a main term with no
  // code of its own sends a reader by site ("polyp in the transverse colon": "Polyp, polypus >
  // colon > transverse", K63.5). nullopt when the words reach no coded entry, or reach entries of
  // different codes equally deep.
  std::optional<Navigation> read_under(std::string_view term, const WordBag& words) const;
  // The entry at `path` as the index prints it ("Complication (s) (from) (of) > catheter (device) >
  // urethral > indwelling"): the main term by its first spelling, each subterm by its exact label.
  // Its code may be empty (a level that only sorts its subterms). nullopt when no such entry.
  std::optional<Navigation> entry(std::string_view path) const;
  // The newborn's subterm ("newborn", "neonatal") of the main term of an entry giving `code`
  // that `mention` names: "Candidiasis > oral" B37.0 has "Candidiasis > neonatal" P37.5. nullopt
  // when there is none, or the main terms giving `code` name different ones.
  std::optional<Navigation> newborn_entry(std::string_view code, std::string_view mention) const;
  // The subterm of the entry at `path` labelled `label`, as entry(path + " > " + label).
  std::optional<Navigation> subterm(const Navigation& at, std::string_view label) const { return entry(at.path + " > " + std::string(label)); }

 private:
  struct Node {
    std::string label;                                  // as printed, for the rule
    std::vector<std::vector<std::uint32_t>> alternatives;  // content word ids, one list per spelling ("atrial or auricular")
    std::string code, manifestation;
    std::size_t parent = kNone;
    std::vector<std::size_t> children;
    bool see_only = false;  // "see ..." with no code: the walk goes on at the entry it names
    bool unnamed_class = false;  // "specified NEC", "other specified": a class the chart would have to name
    bool synonym = false;        // a main term with the code of the one its "see also" names: read on there
    std::string see;
  };
  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);

  // A bag as the ids of the index's words it holds, sorted: what the walk compares (a chart word
  // the index never prints cannot match anything).
  using Ids = std::vector<std::uint32_t>;
  Ids ids_of(const WordBag& words) const;
  // A 128-bit summary of a set of word ids (bit id % 128): a node whose spellings all need a
  // word the chart's summary lacks cannot match, and the walk skips it without touching the node.
  using Signature = std::array<std::uint64_t, 2>;
  static Signature signature_of(const std::vector<std::uint32_t>& ids);
  static bool may_contain(const Signature& words, const Signature& needed) {
    return (needed[0] & ~words[0]) == 0 && (needed[1] & ~words[1]) == 0;
  }
  void build_walk_tables();  // filters_ and see_targets_, once the tree is loaded
  void index_main_terms();   // main_terms_: each main term's key, the entry with subterms first
  // Main terms that send the reader on ("- see also"): entries of the code they send to, or synonyms.
  void follow_main_terms_sent_on(const std::vector<std::pair<std::size_t, std::string>>& sent_on);
  Node new_node(const std::string& label, bool main_term, std::size_t parent);  // label's words get ids
  // The node's longest spelling whose words all stand in `words`, or null.
  static const std::vector<std::uint32_t>* matched_alternative(const Node& node, const Ids& words);
  // `used`: the words the path down to `node` took (each counts once).
  struct Walk {
    const Ids& words;
    Signature signature;
    int best_score = 0;
    std::vector<std::size_t> best;
  };
  void descend(std::size_t node, int score, Walk& walk, Ids& used, int hops = 0) const;
  void visit(std::size_t child, int score, Walk& walk, Ids& used, int hops) const;  // one subterm of descend's
  std::size_t walk_from_entries(const std::vector<std::size_t>& starts, const Ids& reach, Walk& walk) const;
  void break_ties(std::vector<std::size_t>& best, const Ids& reach, const Ids& words, const std::function<int(std::string_view)>& vagueness) const;
  bool one_code(const std::vector<std::size_t>& nodes) const;  // whether the nodes all give one code
  int nonessential_words_said(std::size_t node, const Ids& words) const;
  std::size_t resolve_see(const std::string& see) const;  // kNone when the reference names no entry
  std::size_t see_target(std::size_t node) const;         // resolve_see of a "see" node, remembered
  static std::string key_of(std::string_view text);        // a label's words, folded, for finding it
  static std::string strip_code(std::string_view code);    // "O29.12-" as by_code_ keys it: "O29.12"
  Navigation reading_at(std::size_t node, bool deeper) const;
  std::string path_of(std::size_t node) const;

  std::vector<Node> nodes_;
  std::unordered_map<std::string, std::vector<std::size_t>> by_code_;
  Vocabulary word_ids_;  // the index's content words -> dense ids
  std::unordered_map<std::string, std::size_t> main_terms_;  // a main term's first spelling -> its node
  bool first_spelling_wins_ = false;
  // Per node, in a flat array the walk reads instead of the nodes: the words every spelling
  // needs (the intersection of their signatures; none for a level the walk passes through).
  std::vector<Signature> filters_;
  // Entries with many subterms, indexed by the words that can reach each (see children_by_word.hpp).
  static constexpr std::size_t kIndexedChildren = 48;
  std::unordered_map<std::size_t, ChildrenByWord> children_by_word_;
  // Per "see" node, where its reference leads (kUnresolved until a walk first takes it; the
  // tree is shared by threads, and racing walks store the same answer).
  static constexpr std::size_t kUnresolved = static_cast<std::size_t>(-2);
  std::unique_ptr<std::atomic<std::size_t>[]> see_targets_;
};

}  // namespace chartflow::coding
