// A tumour named by its histology ("adenocarcinoma of the head of the pancreas", "liver
// metastases", "malignant neoplasm of the left breast") coded as a coder codes it: the site's row
// of the Neoplasm Table, in the column the histology's behaviour names.
#include "coder.hpp"
#include "history_readings.hpp"
#include "hematopoietic.hpp"

#include "common/words.hpp"

#include <algorithm>
#include <cctype>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace chartflow::coding {
namespace {

// Organ adjectives for the Table's nouns ("pancreatic" head is the pancreas's).
void add_organ_nouns(WordBag& bag) {
  static const ImpliedWords kOrgans{
      {"pancreatic", "pancreas"}, {"hepatic", "liver"},        {"renal", "kidney"},       {"pulmonary", "lung"},     {"gastric", "stomach"},
      {"colonic", "colon"},       {"rectal", "rectum"},        {"ovarian", "ovary"},      {"uterine", "uterus"},     {"prostatic", "prostate"},
      {"mammary", "breast"},      {"cutaneous", "skin"},       {"splenic", "spleen"},     {"cerebral", "brain"},     {"osseous", "bone"},
      {"vesical", "bladder"},     {"esophageal", "esophagus"}, {"duodenal", "duodenum"},  {"endometrial", "endometrium"},
      {"peritoneal", "peritoneum"}, {"pleural", "pleura"},     {"nasopharyngeal", "nasopharynx"}};
  kOrgans.apply(bag);
}

// Whether `text` begins (after spaces) with the word `word` (lower case).
bool starts_with_word(std::string_view text, std::string_view word) {
  std::size_t at = 0;
  while (at < text.size() && text[at] == ' ') ++at;
  const std::string head = words::lower(text.substr(at, word.size() + 1));
  return head.starts_with(word) && (head.size() == word.size() || !std::isalnum(static_cast<unsigned char>(head[word.size()])));
}

bool is_clause_mark(char c) { return c == ',' || c == ';' || c == ':' || c == '.' || c == '(' || c == ')' || c == '\n'; }

// Words that end the tumour's own phrase: what follows them is another site or another fact
// ("with liver metastases", "metastatic to bone", "s/p resection").
bool ends_phrase(const std::string& word, bool secondary) {
  static constexpr std::string_view kStops[] = {"with", "and", "or", "metastatic", "metastasis", "metastases", "status", "s", "on",
                                                "treated", "who", "which", "diagnosed", "from", "was", "is", "were", "are"};
  if (!secondary && word == "to") return true;  // "metastatic to the liver" names the secondary site
  for (const auto stop : kStops)
    if (word == stop) return true;
  return false;
}

// The words of `text` (lower case) as WordBag would fold them, stopping at the first stop word
// from the front (or, with `backwards`, the last one from the back).
std::string phrase_part(std::string_view text, bool backwards, bool secondary) {
  std::string lowered = words::lower(text);
  // A clause mark ends the phrase, except a comma right after the tumour ("adenocarcinoma, right upper lobe").
  if (!backwards) {
    std::size_t from = 0;
    while (from < lowered.size() && lowered[from] == ' ') ++from;
    if (from < lowered.size() && lowered[from] == ',') lowered.erase(0, from + 1);
    auto mark = std::find_if(lowered.begin(), lowered.end(), is_clause_mark);
    // ... and a comma before the part of the site the phrase named ("of the bladder, left lateral
    // wall": C67.2, "of the breast, upper outer quadrant"): a short clause opening with a side or
    // a position word still places the tumour.
    if (mark != lowered.end() && *mark == ',') {
      const auto next = std::find_if(mark + 1, lowered.end(), is_clause_mark);
      const std::string clause(mark + 1, next);
      static constexpr std::string_view kPlaces[] = {"left", "right", "lateral", "medial", "anterior", "posterior", "upper", "lower",
                                                     "superior", "inferior", "proximal", "distal", "dome", "trigone", "neck"};
      std::size_t words_in = 0, first_word = clause.find_first_not_of(' ');
      words::for_each_word(clause, [&](std::string_view) { ++words_in; });
      const std::string_view opening = first_word == std::string::npos ? std::string_view() : std::string_view(clause).substr(first_word);
      if (words_in <= 4 && std::any_of(std::begin(kPlaces), std::end(kPlaces), [&](std::string_view w) { return words::stands_at(opening, w, 0); }))
        *mark = ' ', mark = next;
    }
    lowered.erase(mark, lowered.end());
  } else {
    const auto mark = std::find_if(lowered.rbegin(), lowered.rend(), is_clause_mark);
    lowered.erase(lowered.begin(), mark.base());
  }
  std::vector<std::string> words;
  std::string word;
  for (const char c : lowered + " ") {
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '\'') {
      word += c;
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  std::string out;
  if (!backwards) {
    for (const auto& w : words) {
      if (ends_phrase(w, secondary)) break;
      out += w + " ";
    }
  } else {
    std::size_t first = words.size();
    while (first > 0 && !ends_phrase(words[first - 1], secondary) && words.size() - first < 4) --first;
    for (std::size_t i = first; i < words.size(); ++i) out += words[i] + " ";
  }
  return out;
}


// The words that name a tumour's site: its own, the adjectives before it and the phrase after it
// up to the next fact ("with liver metastases", "s/p resection").
WordBag tumour_site_words(const MentionInput& m, NeoplasmColumn column) {
  const bool secondary = column == NeoplasmColumn::malignant_secondary;
  WordBag bag;
  // "Metastatic" is the column's word, not a site's: the Table's "metastatic NEC" row would tie
  // with every site.
  for (auto& w : WordBag::words_of(phrase_part(m.before, true, secondary) + " " + m.text + " " + phrase_part(m.after, false, secondary)))
    if (!w.starts_with("metasta")) bag.add_folded(std::move(w));
  add_organ_nouns(bag);
  return bag;
}

// A meningioma's site is the meninges ("Meningioma - see Neoplasm, meninges"): the brain's where
// the chart names a part of the skull's inside ("left frontal convexity meningioma", D32.0), the
// spine's where it says so (D32.1, by the Table's "spinal" row).
void add_meninges(WordBag& words) {
  static const auto kMeninges = WordBag::words_of("meninges cerebral");
  static const auto kCranial = WordBag::words_of("frontal parietal temporal occipital convexity falx falcine parasagittal sphenoid olfactory "
                                                 "tentorial tentorium intracranial cranial brain petroclival clival");
  words.add_folded(kMeninges[0]);
  if (std::any_of(kCranial.begin(), kCranial.end(), [&](const std::string& w) { return words.contains(w); })) words.add_folded(kMeninges[1]);
}

// C44.9- "of skin, unspecified" with its histology (C44.91 basal cell, C44.92 squamous cell):
// the site its clause names, read in the Table's skin rows ("left nasal ala": C44.301, skin of
// nose), with the histology's digit in its place (C44.311).
std::optional<std::string> skin_cancer_at_site(const NeoplasmTable& table, const MentionInput& m) {
  if (!m.code.starts_with("C44.9") || m.code.size() != 6) return std::nullopt;
  // The site's words only: the histology's own ("squamous cell carcinoma") would reach the skin's
  // own row (C44.92) over the site's ("skin > forearm", C44.60-).
  WordBag site;
  for (auto& w : WordBag::words_of(phrase_part(m.before, true, false) + " " + phrase_part(m.after, false, false))) site.add_folded(std::move(w));
  add_organ_nouns(site);
  // A pathology line names the specimen's site before its diagnosis: "Skin, left nasal ala, shave
  // biopsy: BASAL CELL CARCINOMA".
  const std::size_t line = m.before.rfind('\n');
  const std::string_view line_before = m.before.substr(line == std::string_view::npos ? 0 : line + 1);
  if (line_before.size() <= 100)
    for (auto& w : WordBag::words_of(line_before)) site.add_folded(std::move(w));
  if (!m.list_header.empty())
    for (auto& w : WordBag::words_of(m.list_header)) site.add_folded(std::move(w));
  for (auto& w : WordBag::words_of("skin")) site.add_folded(std::move(w));
  const auto row = table.read(NeoplasmColumn::malignant_primary, site);
  // Only a skin row of a named site (the nose's "C44.301", or a histology under it, "C44.391");
  // C44.9- is the skin's own. The 5th character is the histology's: the mention's.
  if (!row || !row->code.starts_with("C44.") || row->code.starts_with("C44.9") || row->code.size() < 6) return std::nullopt;
  std::string code = row->code;
  code[5] = m.code[5];
  return code;
}

// A leukemia, lymphoma or myeloma has no row in the Neoplasm Table: the index codes it by its
// type, and a lymphoma by the nodes its sentence names ("involving cervical and mediastinal
// nodes": multiple sites).
std::optional<MentionInput> hematopoietic_mention(const CodeSet& icd10cm, const MentionInput& m) {
  if (m.system != "ICD-O-3") return std::nullopt;
  const auto heme = hematopoietic_code(m.code);
  if (!heme || !icd10cm.find(std::string(heme->code))) return std::nullopt;
  MentionInput typed = m;
  typed.system = "ICD-10-CM";
  typed.code = std::string(heme->code);
  typed.matched_term = m.matched_term + " (" + m.code + ") - " + std::string(heme->type);
  if (typed.code >= "C81" && typed.code < "C86" && typed.code.size() == 6 && typed.code.back() == '0')
    if (const char site = lymph_node_site(words::lower(m.context)); site != '0') {
      std::string sited = typed.code;
      sited.back() = site;
      if (icd10cm.find(sited)) typed.code = sited, typed.matched_term += " (site " + std::string(1, site) + " from the sentence)";
    }
  return typed;
}

// A cervical intraepithelial neoplasia is carcinoma in situ (D06) only at grade III: "HSIL, CIN 2"
// is moderate dysplasia (N87.1), "LSIL; CIN 1" mild (N87.0).
void recode_cin_below_grade3(std::string& code, std::string& note, std::string_view context) {
  const std::string clause = words::lower(context);
  const bool grade3 = words::contains(clause, "cin 3") || words::contains(clause, "cin iii") || words::contains(clause, "cin3");
  const bool grade2 = words::contains(clause, "cin 2") || words::contains(clause, "cin ii") || words::contains(clause, "cin2");
  const bool grade1 = words::contains(clause, "cin 1") || words::contains(clause, "cin i") || words::contains(clause, "cin1");
  if (grade3 || !(grade2 || grade1)) return;
  code = grade2 ? "N87.1" : "N87.0";
  note += grade2 ? " (CIN 2: moderate cervical dysplasia, N87.1)" : " (CIN 1: mild cervical dysplasia, N87.0)";
}

}  // namespace

std::optional<MentionInput> Coder::neoplasm_table_mention(const MentionInput& m) const {
  if (sets_.icd10cm && !sets_.icd10cm->neoplasm_table().empty())
    if (auto sited = skin_cancer_at_site(sets_.icd10cm->neoplasm_table(), m);
        sited && sets_.icd10cm->find(sited->substr(0, sited->find('-')))) {  // "C44.61-": the side is read later
      MentionInput tabled = m;
      tabled.code = *sited;
      tabled.matched_term = m.matched_term + " (" + m.code + ") - site from the Neoplasm Table's skin rows";
      return tabled;
    }
  if (m.kind != MentionKind::neoplasm || !sets_.icd10cm || sets_.icd10cm->neoplasm_table().empty()) return std::nullopt;
  if (auto typed = hematopoietic_mention(*sets_.icd10cm, m)) return typed;
  auto column = table_column_of(m.system, m.code);
  if (!column) return std::nullopt;
  // "Metastatic adenocarcinoma of the pancreas", "metastatic breast cancer": the site a metastatic
  // histology names is where it came from; only "metastatic to the liver" names a secondary site
  // (the metastases' own mentions code theirs).
  // The noun is another thing: "brain metastasis", "liver mets" name where the metastases are.
  std::string note;
  const std::string lowered = words::lower(m.text);
  const bool the_noun = lowered.ends_with("metastasis") || lowered.ends_with("metastases") || lowered.ends_with("mets") || lowered.ends_with("met");
  if (*column == NeoplasmColumn::malignant_secondary && m.system == "ICD-O-3" && !the_noun && !starts_with_word(m.after, "to")) {
    column = NeoplasmColumn::malignant_primary;
    note = " (metastatic: the site it names is its primary)";
  }
  WordBag site_words = tumour_site_words(m, *column);
  if (m.system == "ICD-O-3" && m.code.starts_with("953")) add_meninges(site_words);
  auto row = sets_.icd10cm->neoplasm_table().read(*column, site_words);
  // "- TUBULAR ADENOMA, 0.8 CM." under "A. ASCENDING COLON, POLYP:": the item's site is its header's.
  if (!row && !m.list_header.empty()) {
    WordBag header = tumour_site_words(m, *column);
    for (auto& w : WordBag::words_of(m.list_header)) header.add_folded(std::move(w));
    add_organ_nouns(header);
    if ((row = sets_.icd10cm->neoplasm_table().read(*column, header))) note += " (site from the list's header)";
  }
  if (!row) return std::nullopt;
  MentionInput tabled = m;
  tabled.system = "ICD-10-CM";
  tabled.code = row->code;
  if (row->code.starts_with("D06")) recode_cin_below_grade3(tabled.code, note, m.context);
  // What the rule shows a coder: the Table's row and column (read_assertion prints "index: <term> -> <code>").
  tabled.matched_term = m.matched_term + " (" + m.code + ") - see Neoplasm Table, " + row->path + ", " + std::string(to_string(*column)) + note;
  return tabled;
}

// "Ductal carcinoma in situ" beside "invasive ductal carcinoma" of the same breast: the invasive
// tumour's code includes its in-situ component, which is not coded apart.
void Coder::drop_in_situ_beside_invasive(std::vector<ProposedCode>& dx) const {
  if (!sets_.icd10cm) return;
  const NeoplasmTable& table = sets_.icd10cm->neoplasm_table();
  std::erase_if(dx, [&](const ProposedCode& in_situ) {
    if (!in_situ.code.starts_with("D0")) return false;
    return std::any_of(dx.begin(), dx.end(), [&](const ProposedCode& c) { return c.code.starts_with("C") && table.same_site(in_situ.code, c.code); });
  });
}

// A cancer the chart codes both as current and as a personal history (its HPI names it, its
// past history lists it): a coder reads which it is. History when the chart says it is gone (no
// evidence of recurrence, in remission, surveillance), current otherwise (I.C.2.d).
void Coder::resolve_cancer_history(std::vector<ProposedCode>& dx, const std::vector<MentionInput>& mentions) const {
  const auto gone_in = [](const MentionInput& m) {
    // (Adjuvant therapy still going on is treatment directed at it: "s/p lumpectomy and radiation,
    // now in year 2 of planned 5 years of adjuvant anastrozole; no evidence of recurrence".)
    if (still_under_treatment(m)) return false;
    static constexpr std::string_view kGone[] = {"no evidence of recurrence", "no recurrence", "no evidence of disease", "in remission",
                                                 "surveillance", "cancer-free", "cancer free", "disease-free", "disease free", "no active disease"};
    const std::string context = words::lower(m.context);
    return std::any_of(std::begin(kGone), std::end(kGone), [&](std::string_view w) {
      const std::size_t at = context.find(w);
      if (at == std::string::npos) return false;
      // "NOT in remission at this time": the cancer is there.
      const std::string_view before = std::string_view(context).substr(at >= 8 ? at - 8 : 0, at >= 8 ? 8 : at);
      return !words::contains(before, "not") && !words::contains(before, "never");
    });
  };
  const auto mentions_of = [&](const ProposedCode& c) {
    std::vector<const MentionInput*> out;
    for (const auto& m : mentions)
      if (std::find(c.mention_ids.begin(), c.mention_ids.end(), m.id) != c.mention_ids.end()) out.push_back(&m);
    return out;
  };
  const auto says_gone = [&](const ProposedCode& c) {
    const auto of = mentions_of(c);
    return std::any_of(of.begin(), of.end(), [&](const MentionInput* m) { return gone_in(*m); });
  };
  std::set<std::string> drop;
  for (const auto& history : dx) {
    if (!history.code.starts_with("Z85")) continue;
    for (const auto& current : dx)
      if (current.code.starts_with("C") && status_code(Assertion::historical, current.code) == history.code)
        drop.insert(says_gone(history) || says_gone(current) ? current.code : history.code);
  }
  std::erase_if(dx, [&](const ProposedCode& c) { return drop.contains(c.code); });
  // A solid cancer every mention of which the chart calls gone ("Prostate cancer, treated, no
  // active disease") is its personal history (I.C.2.d). (A leukemia or lymphoma in remission has
  // codes of its own.)
  for (auto& c : dx) {
    if (!c.code.starts_with("C") || (c.code >= "C81" && c.code < "C97")) continue;
    const auto of = mentions_of(c);
    if (of.empty() || !std::all_of(of.begin(), of.end(), [&](const MentionInput* m) { return gone_in(*m); })) continue;
    const auto history = status_code(Assertion::historical, c.code);
    if (!history || !sets_.icd10cm || !sets_.icd10cm->is_billable(*history)) continue;
    c.rule += "; every mention says it is gone: personal history " + *history + " (I.C.2.d)";
    c.code = *history, c.display = sets_.icd10cm->find(*history)->title;
  }
}

}  // namespace chartflow::coding
