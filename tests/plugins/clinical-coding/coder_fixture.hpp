// The coder on the shipped FY2026 code sets and rule tables, and mentions as the plugin hands
// them over: shared by the coder's rule tests.
#pragma once

#include "clinical-coding/coder.hpp"
#include "test_support.hpp"

#include <algorithm>
#include <deque>
#include <string>
#include <vector>

namespace chartflow::coding::testing_fixture {

// The plugin as built: its large code tables are unpacked there, not in the source tree.
const test::fs::path kPlugin = test::fs::path(CHARTFLOW_PLUGIN_DIR) / "clinical-coding";

struct Fixture {
  CodeSet cm, pcs, hcpcs;
  CoderData data;
  Fixture() {
    cm.load("ICD-10-CM", "FY2026", (kPlugin / "codesets/icd10cm/FY2026/codes.tsv").string(), (kPlugin / "codesets/icd10cm/FY2026/rules.tsv").string());
    pcs.load("ICD-10-PCS", "FY2026", (kPlugin / "codesets/icd10pcs/FY2026/codes.tsv").string());
    hcpcs.load("HCPCS", "2025", (kPlugin / "codesets/hcpcs/2025/codes.tsv").string());
    cm.load_index((kPlugin / "codesets/icd10cm/FY2026/index.tsv").string());
    cm.load_neoplasm_table((kPlugin / "codesets/icd10cm/FY2026/neoplasm.tsv").string());
    data.load_rules((kPlugin / "rules/history_codes.tsv").string(), (kPlugin / "rules/combinations.tsv").string());
    data.load_tables((kPlugin / "rules").string());
    data.load_procedures((kPlugin / "pcs/procedures.tsv").string());
    data.load_procedures((kPlugin / "pcs/hcpcs_phrases.tsv").string());
    data.load_pcs_axes((kPlugin / "pcs/axes.tsv").string());
    data.load_procedure_context((kPlugin / "pcs/procedure_context.tsv").string());
  }
  Coder coder() const { return Coder(data, {&cm, &pcs, &hcpcs}); }
};

inline const Fixture& fixture() {
  static const Fixture f;
  return f;
}

inline MentionInput mention(std::string id, std::string code, std::string text, std::string status = "affirmed", std::string kind = "diagnosis",
                     std::string section = "", std::string context = "") {
  static std::size_t offset = 0;
  MentionInput m;
  m.id = std::move(id);
  m.view = "normalized";
  m.begin = offset;
  m.end = offset + text.size();
  offset += text.size() + 1;
  m.kind = parse_mention_kind(kind).value();
  m.system = m.kind == MentionKind::procedure ? (code.size() == 7 ? "ICD-10-PCS" : "HCPCS") : "ICD-10-CM";
  m.code = std::move(code);
  m.matched_term = text;
  m.text = text;
  m.status = parse_assertion(status).value();
  m.section_category = std::move(section);
  m.sentence_id = "s-" + m.id;
  static std::deque<std::string> contexts;  // MentionInput::context is a view: keep the text alive
  m.context = contexts.emplace_back(context.empty() ? text : context);
  return m;
}

// A mention of `words` inside `sentence`, with the sentence's text either side, as the plugin
// hands it over; `code` is the mention stage's candidate.
inline MentionInput in_sentence(std::string id, std::string code, const std::string& sentence, const std::string& words, std::size_t at = 0) {
  static std::deque<std::string> sentences;
  const std::string& s = sentences.emplace_back(sentence);
  const std::size_t begin = s.find(words, at);
  MentionInput m = mention(std::move(id), std::move(code), words, "affirmed", "diagnosis", "", s);
  m.begin = begin, m.end = begin + words.size();
  m.before = std::string_view(s).substr(0, begin);
  m.after = std::string_view(s).substr(m.end);
  return m;
}

// The same, named as past in a past medical history list (`cue`: the history cue the mention stage found).
inline MentionInput in_past_history(std::string id, std::string code, const std::string& sentence, const std::string& words,
                                    std::string cue = "past_medical_history") {
  MentionInput m = in_sentence(std::move(id), std::move(code), sentence, words);
  m.status = Assertion::historical, m.past_cues = {std::move(cue)}, m.section_category = "past_medical_history";
  return m;
}

inline std::vector<std::string> codes_of(const std::vector<MentionInput>& mentions, Policy policy = Policy::outpatient) {
  std::vector<std::string> out;
  for (const auto& c : fixture().coder().code(mentions, policy)) out.push_back(c.code);
  return out;
}

inline bool has(const std::vector<std::string>& codes, const std::string& code) { return std::find(codes.begin(), codes.end(), code) != codes.end(); }

// A chart of one text: its sentences (split after ". " and at line ends, all in `section`) and
// a mention of each of `conditions` (words of the text, with their candidate code).
struct Chart {
  std::string text;
  std::vector<MentionInput> mentions;
  std::vector<SentenceInput> sentences;

  Chart(std::string chart_text, const std::vector<std::pair<std::string, std::string>>& conditions, const std::string& section = "assessment")
      : text(std::move(chart_text)) {
    for (std::size_t begin = 0; begin < text.size();) {
      std::size_t end = std::min(text.find(". ", begin), text.find('\n', begin));
      end = end == std::string::npos ? text.size() : end + 1;
      sentences.push_back({begin, end, section});
      begin = end;
      while (begin < text.size() && (text[begin] == ' ' || text[begin] == '\n')) ++begin;
    }
    for (const auto& [words, code] : conditions) {
      // Z codes come from the mention stage as kind "other" (status and encounter words).
      MentionInput m = mention("m" + std::to_string(mentions.size() + 1), code, words, "affirmed", code.starts_with("Z") ? "other" : "diagnosis", section);
      m.begin = text.find(words), m.end = m.begin + words.size();
      for (std::size_t i = 0; i < sentences.size(); ++i)
        if (sentences[i].begin <= m.begin && m.end <= sentences[i].end) {
          m.sentence_id = "s" + std::to_string(i);
          m.context = std::string_view(text).substr(sentences[i].begin, sentences[i].end - sentences[i].begin);
          m.before = std::string_view(text).substr(sentences[i].begin, m.begin - sentences[i].begin);
          m.after = std::string_view(text).substr(m.end, sentences[i].end - m.end);
        }
      mentions.push_back(std::move(m));
    }
  }

  // Under the given reporting conventions (the coding stage's options), the team's by default.
  std::vector<ProposedCode> code(Policy policy = Policy::inpatient, const Conventions& conventions = {}) const {
    const auto& f = fixture();
    return Coder(f.data, {&f.cm, &f.pcs, &f.hcpcs}, conventions).code(mentions, policy, text, "normalized", sentences);
  }
  std::vector<std::string> codes(Policy policy = Policy::inpatient, const Conventions& conventions = {}) const {
    std::vector<std::string> out;
    for (const auto& c : code(policy, conventions)) out.push_back(c.code);
    return out;
  }
};

}  // namespace chartflow::coding::testing_fixture
