// Guidelines I.B.2, code to the highest specificity: of two codes for one condition, only the
// more specific is reported.
#include "coder.hpp"

#include "common/words.hpp"

#include <algorithm>
#include <unordered_map>

namespace chartflow::coding {

using words::lower;

// "effusions" -> "effusion", not "abscess" or "metastasis": how a head word's plural is folded.
static void fold_plural(std::string& word) {
  if (word.size() > 4 && word.back() == 's' && !word.ends_with("ss") && !word.ends_with("is")) word.pop_back();
}

// The condition a mention names, by its head word: "acute appendicitis" and "appendicitis" are
// the same condition, "pleural effusions" and "pleural effusion" too. In "anemia in CKD" or
// "injury of kidney" the condition is what comes before the preposition: "anemia in CKD" is
// anemia (D63.1, which asks for the CKD code beside it), not a more exact way to say CKD.
std::string head_word(std::string_view text) {
  std::string t = lower(text);
  for (const char* joint : {" in ", " of ", " on ", " due to ", " with ", " secondary to ", " from ", " after "})
    if (const auto at = t.find(joint); at != std::string::npos && at > 0) t.resize(at);
  while (!t.empty() && !std::isalnum(static_cast<unsigned char>(t.back()))) t.pop_back();
  const auto space = t.find_last_of(" \n\t-/");
  std::string head = space == std::string::npos ? t : t.substr(space + 1);
  fold_plural(head);
  return head;
}

std::size_t word_count(std::string_view text) {
  std::size_t words = 0;
  bool in_word = false;
  for (char c : text) {
    const bool alnum = std::isalnum(static_cast<unsigned char>(c)) != 0;
    words += alnum && !in_word;
    in_word = alnum;
  }
  return words;
}

// The words of a mention, lower case, plurals folded as head_word folds them.
static std::vector<std::string> folded_words(std::string_view text) {
  std::vector<std::string> out;
  std::string word;
  const auto flush = [&] {
    fold_plural(word);
    if (!word.empty()) out.push_back(std::move(word));
    word.clear();
  };
  for (const char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c))) word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    else flush();
  }
  flush();
  return out;
}

// Whether the more exact mention says everything the plainer one does: "chronic kidney disease"
// says "kidney disease", but "chronic obstructive pulmonary disease" does not say "artery disease"
// (one head word, two conditions).
static bool says_all_of(const std::vector<std::string>& exact, const std::vector<std::string>& plain) {
  return std::all_of(plain.begin(), plain.end(), [&](const std::string& w) { return std::find(exact.begin(), exact.end(), w) != exact.end(); });
}

// The condition a code's title names, without what the title leaves open: "Unspecified viral
// hepatitis C without hepatic coma" -> "viral hepatitis c".
static std::string condition_of_title(std::string_view title) {
  std::string t = lower(title);
  if (t.starts_with("unspecified ")) t.erase(0, 12);
  for (const char* open : {", unspecified", " without ", " with ", ", not elsewhere", " nos"})
    if (const auto at = t.find(open); at != std::string::npos) t.resize(at);
  return t;
}

// What a code's mentions say of its condition: the head word, the most words one mention has,
// and all their words (plurals folded).
struct ConditionWords {
  std::string head;
  std::size_t count = 0;
  std::vector<std::string> words;
  bool abbreviated = false;  // its mentions are all abbreviations: the words are its title's
};

// An abbreviation names its condition only through its code ("HCV" beside "chronic hepatitis C"):
// its words are its title's, and it says as little as one word.
static ConditionWords condition_words(const ProposedCode& code, const std::unordered_map<std::string_view, const MentionInput*>& by_id) {
  ConditionWords out;
  const auto mention = [&](const std::string& id) -> const MentionInput* {
    const auto it = by_id.find(id);
    return it == by_id.end() ? nullptr : it->second;
  };
  if (std::all_of(code.mention_ids.begin(), code.mention_ids.end(), [&](const std::string& id) {
        const auto* m = mention(id);
        return m && is_initials(m->text);
      })) {
    const std::string condition = condition_of_title(code.display);
    return {head_word(condition), 1, folded_words(condition), true};
  }
  if (const auto* first = mention(code.mention_ids.front())) out.head = head_word(first->text);
  for (const auto& id : code.mention_ids)
    if (const auto* m = mention(id)) {
      out.count = std::max(out.count, word_count(m->text));
      for (auto& w : folded_words(m->text)) out.words.push_back(std::move(w));
    }
  return out;
}

// "Hypertension" alone is the systemic, arterial one (I10-I16); a hypertension of another
// compartment is another disease, not it said more exactly: pulmonary (I27.2-), portal (K76.6),
// intracranial (G93.2), ocular (H40.05-). Only a hypertensive disease or a hypertension of
// pregnancy (O10-O16) takes its place. And essential hypertension (I10) says no other
// hypertensive code more exactly, however many words its mention has: "malignant (accelerated)
// hypertension" is no secondary hypertension's (I15.1) or hypertensive emergency's (I16.1) name.
static bool not_this_hypertension_said_exactly(const std::string& plain, const std::string& exact) {
  const auto hypertensive = [](const std::string& code) {
    return code.size() >= 3 && (code[0] == 'I' || code[0] == 'O') && code[1] == '1' && code[2] >= '0' && code[2] <= '6';
  };
  if (!hypertensive(plain) || plain[0] != 'I') return false;
  return !hypertensive(exact) || (exact.starts_with("I10") && !plain.starts_with("I10"));
}

bool Coder::asks_for(const std::string& code, const std::string& other) const {
  if (!sets_.icd10cm) return false;
  for (const auto* note : sets_.icd10cm->notes(code, "use_additional"))
    if (std::any_of(note->refs.begin(), note->refs.end(), [&](const std::string& ref) { return code_in_ref(other, ref); })) return true;
  return false;
}

void Coder::drop_less_specific(std::vector<ProposedCode>& codes, const std::vector<MentionInput>& mentions) const {
  // Guidelines I.B.2 (code to the highest specificity): when the chart names one condition both
  // plainly ("appendicitis") and more exactly ("acute appendicitis"), only the exact code stays.
  // Each code's head word and length are worked out once and codes are grouped by head word, so
  // a long chart with hundreds of codes costs a pass, not a pass per merge.
  std::unordered_map<std::string_view, const MentionInput*> by_id;
  for (const auto& m : mentions) by_id.emplace(m.id, &m);
  const std::size_t n = codes.size();
  std::vector<ConditionWords> said(n);
  std::unordered_map<std::string, std::vector<std::size_t>> by_head;
  for (std::size_t i = 0; i < n; ++i) {
    if (codes[i].code.starts_with("Z") || codes[i].mention_ids.empty()) continue;
    said[i] = condition_words(codes[i], by_id);
    if (!said[i].head.empty()) by_head[said[i].head].push_back(i);
  }
  // An abbreviation is weighed against the exact code's mentions and title together.
  const auto says_all_of_abbreviation = [&](std::size_t exact, std::size_t plain) {
    std::vector<std::string> both = said[exact].words;
    for (auto& w : folded_words(codes[exact].display)) both.push_back(std::move(w));
    return says_all_of(both, said[plain].words);
  };
  // A merge moves the plainer code's evidence to the more exact one; neither's head word nor
  // length changes by it, so one pass in order finds what merging pair by pair would.
  std::vector<bool> gone(n, false);
  for (std::size_t i = 0; i < n; ++i) {
    if (said[i].head.empty()) continue;
    for (const std::size_t j : by_head[said[i].head]) {
      // More words; or a mention read at its own entry ("cataract", "rheumatoid arthritis") beside
      // as many words the chart's words led deeper into the index ("age-related nuclear cataract",
      // "seropositive" rheumatoid arthritis M05.9 over M06.9). "type 1 diabetes" and "type 2
      // diabetes" are two conditions, left to Excludes1.
      // (A bare word the index led down another branch, "dementia" -> "Alzheimer's type" G30.9,
      // is another condition than the one its neighbour led deeper: F03.918.)
      const bool more_exact = said[j].count > said[i].count || (said[j].count >= said[i].count && codes[i].index_depth == 0 && codes[j].index_depth > 0);
      if (j == i || gone[j] || !more_exact) continue;
      // Codes of one category are weighed by what their titles say (drop_unspecified_in_category):
      // "appendicitis" may have led deeper into the index than "acute appendicitis".
      if (codes[i].code.substr(0, 3) == codes[j].code.substr(0, 3)) continue;
      // Injury categories are body regions: a sprain of the ankle (S93) is no wrist sprain (S63)
      // said less exactly, whatever the mentions' words ("Sprain" read its site from its clause).
      if (codes[i].code.starts_with("S") && codes[j].code.starts_with("S")) continue;
      if (not_this_hypertension_said_exactly(codes[i].code, codes[j].code)) continue;
      if (said[j].abbreviated || !(said[i].abbreviated ? says_all_of_abbreviation(j, i) : says_all_of(said[j].words, said[i].words))) continue;
      // ... unless the exact code asks for the plainer one beside it: "ESRD due to hypertension"
      // (I12.0) beside "ESRD on hemodialysis" (N18.6), which I12.0's note asks for (the stage).
      if (asks_for(codes[j].code, codes[i].code)) continue;
      absorb(codes[j], codes[i]);
      codes[j].rule += "; more specific than " + codes[i].code + " for the same condition (I.B.2)";
      gone[i] = true;
      break;
    }
  }
  std::size_t k = 0;
  for (std::size_t i = 0; i < n; ++i)
    if (!gone[i]) {
      if (k != i) codes[k] = std::move(codes[i]);  // never move a code onto itself
      ++k;
    }
  codes.resize(k);
}

}  // namespace chartflow::coding
