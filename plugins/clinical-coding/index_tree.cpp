#include "index_tree.hpp"

#include <chartflow/tsv.hpp>

#include "common/vocabulary.hpp"
#include "common/words.hpp"

#include <algorithm>
#include <filesystem>
#include <limits>
#include <stdexcept>
#include <unordered_map>

namespace chartflow::coding {
namespace {

// Words a subterm prints that no chart needs to repeat: "and (on) chronic" is found by
// "chronic", "in (due to) schistosomiasis" by "schistosomiasis", "combined with diastolic" by
// "diastolic" ("chronic systolic and diastolic"); "with" alone is a pass-through.
bool is_function_word(const std::string& word) {
  // Compared as stems, the form WordBag::words_of gives them ("combined" -> "combin").
  static const std::unordered_set<std::string> kWords = [] {
    std::unordered_set<std::string> stems;
    // "oropharyngeal phase", "sacral region", "part of": a chart names the place, not the word.
    for (auto& w : WordBag::words_of("and on of the with in due to a an by for as nec nos or at from other specified than combined "
                                     "phase region site part area portion"))
      stems.insert(std::move(w));
    return stems;
  }();
  return kWords.contains(word);
}

std::string without_parentheses(std::string_view label) {
  std::string out;
  int depth = 0;
  for (char c : label) {
    if (c == '(') ++depth;
    else if (c == ')') depth = std::max(0, depth - 1);
    else if (depth == 0) out += c;
  }
  return out;
}

// Whether a subterm's commas separate spellings of one word rather than words of one phrase.
bool commas_list_spellings(const std::string& label);

bool commas_list_spellings(const std::string& label) {
  const auto pieces = words::split(without_parentheses(label), ",");
  if (pieces.size() < 2) return false;
  // A qualifier after the comma inverts a phrase ("mesenteric, acute" is acute mesenteric
  // ischemia, "limb, critical" critical limb ischemia): both words are needed, or "acute limb
  // ischemia" would read as mesenteric.
  static const std::unordered_set<std::string_view> kQualifiers{"acute", "chronic", "critical", "congenital", "newborn", "neonatal", "traumatic",
                                                                "internal", "external", "major", "minor", "permanent", "transitory", "long-term"};
  if (std::string last = pieces.back(); !last.empty()) {
    while (!last.empty() && last.front() == ' ') last.erase(0, 1);
    while (!last.empty() && last.back() == ' ') last.pop_back();
    if (kQualifiers.contains(last)) return false;
  }
  return std::all_of(pieces.begin(), pieces.end(), [](const std::string& piece) {
    const auto words = WordBag::words_of(piece);
    return std::count_if(words.begin(), words.end(), [](const std::string& w) { return !is_function_word(w); }) == 1;
  });
}


}  // namespace

std::string IndexTree::strip_code(std::string_view code) {
  std::string out(code);
  while (!out.empty() && (out.back() == '-' || out.back() == '.')) out.pop_back();
  return out;
}

IndexTree::Node IndexTree::new_node(const std::string& label, bool main_term, std::size_t parent) {
  Node n;
  n.label = label;
  n.parent = parent;
  n.unnamed_class = label.find("specified") != std::string::npos || label.ends_with(" NEC") || label == "NEC";
  // A main term's commas list its spellings ("Failure, failed"); a subterm's "or" lists
  // alternatives ("atrial or auricular"), and so do its commas between single words
  // ("respiration, respiratory", "calculus, stones in"), but not before a phrase
  // ("ischemic, perinatal arterial" is no plain "ischemic").
  for (const auto& piece : main_term || commas_list_spellings(label) ? words::split(without_parentheses(label), ",")
                                                                    : std::vector<std::string>{without_parentheses(label)})
    for (const auto& alternative : words::split(piece, " or ")) {
      std::vector<std::uint32_t> content;
      // "specified type NEC", "other specified site": a class's "type" or "site" is no word a chart
      // names it by ("type II dens fracture" is the dens's own type II, not "specified type NEC").
      static const auto kClassWords = WordBag::words_of("type site form kind");
      for (auto& w : WordBag::words_of(alternative))
        if (!is_function_word(w) && !(n.unnamed_class && std::find(kClassWords.begin(), kClassWords.end(), w) != kClassWords.end()))
          content.push_back(word_ids_.insert(w));
      n.alternatives.push_back(std::move(content));
      // "distal end" and "proximal end" of a bone are what charts call "distal radius",
      // "proximal humerus": the position word alone is a spelling of the level too.
      if (const std::string bare = without_parentheses(alternative); !main_term && (bare == "distal end" || bare == "proximal end"))
        n.alternatives.push_back({word_ids_.insert(WordBag::words_of(bare).front())});
      // "Dementia > Alzheimer's type", "Anemia > hemolytic > autoimmune > warm type": charts say
      // "Alzheimer's dementia", "warm autoimmune hemolytic anemia"; the kind's word alone names it.
      else if (const auto& words = n.alternatives.back(); !main_term && words.size() >= 2 && words.back() == word_ids_.insert("type"))
        n.alternatives.push_back(std::vector<std::uint32_t>(words.begin(), words.end() - 1));
    }
  // A label of function words only ("with", "in (due to)") passes through; otherwise every
  // alternative must bring a word of its own. The place nouns a chart leaves out beside a site
  // ("sacral region") are no connectors on their own: "Enteritis > regional (of)" (Crohn's, K50.-)
  // is a word the chart must say, or every colitis would be Crohn's.
  if (std::any_of(n.alternatives.begin(), n.alternatives.end(), [](const auto& a) { return !a.empty(); })) {
    std::erase_if(n.alternatives, [](const auto& a) { return a.empty(); });
  } else {
    static const auto kPlaceNouns = WordBag::words_of("phase region site part area portion");
    std::vector<std::uint32_t> nouns;
    for (const auto& w : WordBag::words_of(without_parentheses(label)))
      if (std::find(kPlaceNouns.begin(), kPlaceNouns.end(), w) != kPlaceNouns.end()) nouns.push_back(word_ids_.insert(w));
    n.alternatives = {nouns};
  }
  return n;
}

void IndexTree::load(const std::string& file) { load(file, Columns{}); }

void IndexTree::load(const std::string& file, const Columns& columns) {
  first_spelling_wins_ = columns.first_spelling_wins;
  // Rows come in index order, so a row's parent was usually the last one added: a child is looked
  // up among its parent's children from the newest back, a main term in a map of labels.
  std::unordered_map<std::string, std::size_t> roots;
  const auto child_labelled = [&](std::size_t parent, const std::string& label) {
    if (parent == kNone) {
      const auto it = roots.find(label);
      return it == roots.end() ? kNone : it->second;
    }
    const auto& children = nodes_[parent].children;
    const auto it = std::find_if(children.rbegin(), children.rend(), [&](std::size_t c) { return nodes_[c].label == label; });
    return it == children.rend() ? kNone : *it;
  };
  const auto node_for = [&](const std::vector<std::string>& parts, std::size_t depth) {
    std::size_t parent = kNone;
    for (std::size_t i = 0; i <= depth; ++i) {
      std::size_t at = child_labelled(parent, parts[i]);
      if (at == kNone) {
        at = nodes_.size();
        if (parent == kNone) roots.emplace(parts[i], at);
        nodes_.push_back(new_node(parts[i], i == 0, parent));
        if (parent != kNone) nodes_[parent].children.push_back(at);
      }
      parent = at;
    }
    return parent;
  };
  std::vector<std::pair<std::size_t, std::string>> sent_on;  // main terms without a code, and whom they send to
  std::vector<std::pair<std::size_t, std::string>> manifestation_from;  // coded rows whose manifestation a see-also names
  // A node per row or so (rows run about 70 bytes): reserved, the tree is not moved and
  // page-faulted in again at every doubling.
  std::error_code size_error;
  if (const auto size = std::filesystem::file_size(file, size_error); !size_error) nodes_.reserve(nodes_.size() + size / 48);
  sdk::read_tsv(file, columns.what, [&](const std::vector<std::string>& f, const std::string& where) {
    if (f.empty() || f[0].empty()) throw std::runtime_error(where + ": expected a path (\"Main > sub\") in the first column");
    const auto parts = words::split(f[0], " > ");
    const std::size_t id = node_for(parts, parts.size() - 1);
    if (parts.size() == 1 && columns.main_term_see_also < f.size() && !f[columns.main_term_see_also].empty())
      sent_on.emplace_back(id, f[columns.main_term_see_also]);
    Node& n = nodes_[id];
    n.code = f.size() > columns.code ? f[columns.code] : "";
    n.see_only = n.code.empty() && f.size() > columns.see && !f[columns.see].empty();
    // A row may give a code and send a reader on for more detail ("Neoplasm, colon C18.9 - see
    // also Neoplasm, intestine, large" for the ascending colon): the walk follows that reference too.
    if (f.size() > columns.see && !f[columns.see].empty()) n.see = f[columns.see];
    else if (columns.see_also < f.size()) n.see = f[columns.see_also];
    n.manifestation = columns.manifestation < f.size() ? f[columns.manifestation] : "";
    // "Dementia > with > Parkinson's disease G20.A1 - see also Dementia, in, diseases specified
    // elsewhere": the manifestation is the code of the entry the see-also names (F02.80), where
    // other rows print it in brackets.
    if (!n.code.empty() && n.manifestation.empty() && columns.main_term_see_also < f.size() &&
        f[columns.main_term_see_also].ends_with(", in, diseases specified elsewhere"))
      manifestation_from.emplace_back(id, f[columns.main_term_see_also]);
    if (!n.code.empty()) by_code_[strip_code(n.code)].push_back(id);
  }, columns.header);
  index_main_terms();
  build_walk_tables();
  follow_main_terms_sent_on(sent_on);
  for (const auto& [id, see_also] : manifestation_from)
    if (const std::size_t target = resolve_see(see_also); target != kNone) nodes_[id].manifestation = nodes_[target].code;
}

void IndexTree::index_main_terms() {
  for (std::size_t i = 0; i < nodes_.size(); ++i) {
    if (nodes_[i].parent != kNone) continue;
    // "Calculous - see Calculus" and "Calculus, calculi, calculous" fold to one key: the entry
    // with subterms is the one references lead to.
    auto [it, added] = main_terms_.emplace(key_of(words::split(without_parentheses(nodes_[i].label), ",").front()), i);
    if (!added && nodes_[it->second].children.size() < nodes_[i].children.size()) it->second = i;
  }
}

void IndexTree::follow_main_terms_sent_on(const std::vector<std::pair<std::size_t, std::string>>& sent_on) {
  // A main term without a code of its own that sends the reader on ("Dermatomyositis - see also
  // Dermatopolymyositis" M33.90) is also an entry of the code it sends to: its own subterms
  // ("Dermatomyositis > adult" M33.10) are read from a mention the vocabulary gave that code.
  // A main term with the code of the one it sends to is that one's synonym ("Pertussis - see also
  // Whooping cough", both A37.90): the walk goes on into the target's subterms ("Whooping cough >
  // due to > Bordetella > pertussis" A37.00), as it follows a coded row's "see".
  for (const auto& [id, see_also] : sent_on) {
    const std::size_t target = resolve_see(see_also);
    if (target == kNone || nodes_[target].code.empty()) continue;
    if (nodes_[id].code.empty() && !nodes_[id].children.empty()) by_code_[strip_code(nodes_[target].code)].push_back(id);
    else if (strip_code(nodes_[id].code) == strip_code(nodes_[target].code) && nodes_[id].see.empty())
      nodes_[id].see = see_also, nodes_[id].synonym = true;
  }
}

namespace {

// "STEMI > involving > right coronary artery" (I21.11): charts name the artery ("due to occlusion
// of the right coronary artery"), not the index's "involving".
// ("Hemorrhage > subarachnoid > intracranial (cerebral) > communicating > anterior": a chart names
// the artery, "anterior communicating artery aneurysm", never the level that sorts the arteries;
// "Foreign body > entering through orifice > ear", the body part, never how the object got there.)
bool implied_level(std::string_view label) {
  return label == "current episode" || label == "involving" || label == "associated with" || label == "intracranial (cerebral)" ||
         label == "entering through orifice";
}

}  // namespace

IndexTree::Signature IndexTree::signature_of(const std::vector<std::uint32_t>& ids) {
  Signature s{0, 0};
  for (const std::uint32_t id : ids) s[(id >> 6) & 1] |= std::uint64_t{1} << (id & 63);
  return s;
}

void IndexTree::build_walk_tables() {
  filters_.assign(nodes_.size(), Signature{0, 0});
  for (std::size_t i = 0; i < nodes_.size(); ++i) {
    if (implied_level(nodes_[i].label)) continue;  // passed through even when no word matches
    Signature all{~std::uint64_t{0}, ~std::uint64_t{0}};
    for (const auto& alternative : nodes_[i].alternatives) {
      const Signature s = signature_of(alternative);
      all[0] &= s[0], all[1] &= s[1];
    }
    filters_[i] = nodes_[i].alternatives.empty() ? Signature{0, 0} : all;
  }
  children_by_word_.clear();
  for (std::size_t i = 0; i < nodes_.size(); ++i) {
    const auto& children = nodes_[i].children;
    if (children.size() < kIndexedChildren) continue;
    children_by_word_.emplace(i, ChildrenByWord(
                                     children.size(), [&](std::size_t p) -> const auto& { return nodes_[children[p]].alternatives; },
                                     [&](std::size_t p) { return implied_level(nodes_[children[p]].label); }));
  }
  see_targets_ = std::make_unique<std::atomic<std::size_t>[]>(nodes_.size());
  for (std::size_t i = 0; i < nodes_.size(); ++i) see_targets_[i].store(kUnresolved, std::memory_order_relaxed);
}

std::size_t IndexTree::see_target(std::size_t node) const {
  std::size_t target = see_targets_[node].load(std::memory_order_relaxed);
  if (target == kUnresolved) {
    target = resolve_see(nodes_[node].see);
    see_targets_[node].store(target, std::memory_order_relaxed);
  }
  return target;
}

std::string IndexTree::key_of(std::string_view text) {
  std::string key;
  for (const auto& w : WordBag::words_of(text)) key += (key.empty() ? "" : " ") + w;
  return key;
}

std::size_t IndexTree::resolve_see(const std::string& see) const {
  // "Cataract, senile, nuclear": a main term, then subterms, each matched by its words.
  const auto parts = words::split(without_parentheses(see), ",");
  const auto main = main_terms_.find(key_of(parts.front()));
  if (main == main_terms_.end()) return kNone;
  std::size_t node = main->second;
  // A subterm by any of its spellings: "Fracture, femur, trochanteric" names "femur, femoral".
  const auto names = [&](std::size_t node, const std::string& want) {
    const std::string label = without_parentheses(nodes_[node].label);
    if (key_of(label) == want) return true;
    const auto spellings = words::split(label, ",");
    return spellings.size() > 1 && std::any_of(spellings.begin(), spellings.end(), [&](const std::string& s) { return key_of(s) == want; });
  };
  const auto child_named = [&](std::size_t parent, const std::string& want) {
    const auto& children = nodes_[parent].children;
    const auto it = std::find_if(children.begin(), children.end(), [&](std::size_t c) { return names(c, want); });
    return it == children.end() ? kNone : *it;
  };
  for (std::size_t k = 1; k < parts.size(); ++k) {
    const std::string want = key_of(parts[k]);
    if (want.empty()) continue;
    // "see Diabetes, due to, drug or chemical": the level is printed as one, "due to drug or
    // chemical" (beside a "due to" level of other subterms): the longer reading first.
    std::size_t next = k + 1 < parts.size() ? child_named(node, key_of(parts[k] + " " + parts[k + 1])) : kNone;
    if (next != kNone) ++k;
    else next = child_named(node, want);
    // "Calculus, gallbladder, with cholecystitis": the index prints "with" as a level of its own.
    if (next == kNone && want.starts_with("with "))
      if (const std::size_t with = child_named(node, "with"); with != kNone) next = child_named(with, want.substr(5));
    if (next == kNone) return kNone;
    node = next;
  }
  return node;
}

IndexTree::Ids IndexTree::ids_of(const WordBag& words) const {
  Ids ids;
  for (const auto& w : words.words())
    if (const std::uint32_t id = word_ids_.find(w); id != Vocabulary::kUnknown) ids.push_back(id);
  std::sort(ids.begin(), ids.end());
  return ids;
}

const std::vector<std::uint32_t>* IndexTree::matched_alternative(const Node& node, const Ids& words) {
  const std::vector<std::uint32_t>* best = nullptr;
  // A level of no content words passes the walk through ("with", "due to"), except a class the
  // chart would have to name ("specified NEC", "other specified"): through it the walk reached
  // "Gastritis > specified NEC > with bleeding" (K29.61, other gastritis) beside the chart's
  // "Gastritis > with bleeding" (K29.71).
  for (const auto& alternative : node.alternatives)
    if (!(alternative.empty() && node.unnamed_class) &&
        std::all_of(alternative.begin(), alternative.end(), [&](std::uint32_t w) { return std::binary_search(words.begin(), words.end(), w); }) &&
        (!best || alternative.size() > best->size()))
      best = &alternative;
  return best;
}

void IndexTree::descend(std::size_t node, int score, Walk& walk, Ids& used, int hops) const {
  const auto& children = nodes_[node].children;
  if (const auto indexed = children_by_word_.find(node); indexed != children_by_word_.end()) {
    std::vector<std::uint32_t> positions;
    indexed->second.candidates(walk.words, positions);
    for (const std::uint32_t position : positions) visit(children[position], score, walk, used, hops);
    return;
  }
  for (const std::size_t child : children) visit(child, score, walk, used, hops);
}

void IndexTree::visit(std::size_t child, int score, Walk& walk, Ids& used, int hops) const {
  if (!may_contain(walk.signature, filters_[child])) return;
  const Node& c = nodes_[child];
  const auto* alternative = matched_alternative(c, walk.words);
  // "Disorder, depressive, recurrent > current episode > severe": a level that only sorts its
  // subterms by the episode is no word a chart says ("recurrent, severe"); the walk passes it.
  if (!alternative && implied_level(c.label)) {
    descend(child, score, walk, used, hops);
    return;
  }
  if (!alternative) return;
  // A chart word counts once on a path: "heart failure ..., hypertensive" reaches "Hypertension,
  // heart > with heart failure" through "hypertensive - see ...", but "heart" and "failure" were
  // the main term's already and must not outscore "diastolic > acute and (on) chronic".
  // In the Neoplasm Table a later spelling inverts or groups a site ("utricle, prostatic",
  // "salivary gland or duct"): reached by it alone, the row is passed through, never read.
  const bool later_spelling = first_spelling_wins_ && alternative != &c.alternatives.front();
  const int matched = later_spelling ? 0 : static_cast<int>(std::count_if(alternative->begin(), alternative->end(), [&](std::uint32_t w) {
    return std::find(used.begin(), used.end(), w) == used.end();
  }));
  const int total = score + matched;
  // "age-related - see Cataract, senile": the walk goes on from where the index sends it (two
  // hops at most, so a loop of references ends).
  std::size_t at = child;
  if (c.see_only) {
    if (hops >= 2 || matched == 0 || (at = see_target(child)) == kNone) return;
    ++hops;
  }
  const Node& reached = nodes_[at];
  if (!reached.code.empty() && matched > 0) {
    if (total > walk.best_score) walk.best_score = total, walk.best.clear();
    if (total == walk.best_score) walk.best.push_back(at);
  }
  // Through a reference the words that took it are the target's to read again ("femur >
  // intertrochanteric - see Fracture, femur, trochanteric" leads to "trochanteric >
  // intertrochanteric"): they may score there again.
  const std::size_t mark = used.size();
  if (!c.see_only) used.insert(used.end(), alternative->begin(), alternative->end());
  descend(at, total, walk, used, hops);
  // A coded entry's reference leads on to the detail it prints elsewhere: "colon" (C18.9) ->
  // "intestine, large > colon > ascending" (C18.2); its words count once.
  if (!c.see_only && !c.see.empty() && hops < 2)
    if (const std::size_t target = see_target(child); target != kNone && target != child) {
      // A row with no code of its own in this column reads its reference's ("colon" has no in-situ
      // code in the Neoplasm Table; "see also Neoplasm, intestine, large" has D01.0).
      if (c.code.empty() && !nodes_[target].code.empty() && matched > 0) {
        if (total > walk.best_score) walk.best_score = total, walk.best.clear();
        if (total == walk.best_score) walk.best.push_back(target);
      }
      descend(target, total, walk, used, hops + 1);
    }
  used.resize(mark);
}

std::optional<IndexTree::Navigation> IndexTree::entry(std::string_view path) const {
  const auto parts = words::split(path, " > ");
  if (parts.empty()) return std::nullopt;
  const auto main = main_terms_.find(key_of(words::split(without_parentheses(parts.front()), ",").front()));
  if (main == main_terms_.end()) return std::nullopt;
  std::size_t node = main->second;
  for (std::size_t i = 1; i < parts.size(); ++i) {
    const auto& children = nodes_[node].children;
    const auto child = std::find_if(children.begin(), children.end(), [&](std::size_t c) { return nodes_[c].label == parts[i]; });
    if (child == children.end()) return std::nullopt;
    node = *child;
  }
  return reading_at(node, false);
}

std::optional<IndexTree::Navigation> IndexTree::newborn_entry(std::string_view code, std::string_view mention) const {
  const auto entries = by_code_.find(strip_code(code));
  if (entries == by_code_.end()) return std::nullopt;
  const WordBag said(mention);
  std::optional<std::size_t> found;
  for (std::size_t n : entries->second) {
    while (nodes_[n].parent != kNone) n = nodes_[n].parent;
    // (The main term the mention names, its words folded as the chart's are: "oral candidiasis"
    // is "Candidiasis", not "Infection > candidal", whose "newborn" is another code.)
    const auto main_words = WordBag::words_of(words::split(without_parentheses(nodes_[n].label), ",").front());
    if (main_words.empty() || !std::all_of(main_words.begin(), main_words.end(), [&](const std::string& w) { return said.contains(w); })) continue;
    for (const std::size_t child : nodes_[n].children) {
      const std::string& label = nodes_[child].label;
      if (nodes_[child].code.empty() || !(label.starts_with("newborn") || label.starts_with("neonatal"))) continue;
      if (found && nodes_[*found].code != nodes_[child].code) return std::nullopt;  // two main terms, two newborn codes
      found = child;
    }
  }
  if (!found) return std::nullopt;
  return reading_at(*found, false);
}

}  // namespace chartflow::coding
