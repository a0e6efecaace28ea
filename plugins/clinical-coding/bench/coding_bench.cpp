// Coder benchmark: codes per second of the coding rules alone (no JSON, no host), on a chart's
// worth of asserted mentions. The whole stage, JSON included, is measured beside the NLP stages
// by chartflow_bench (BM_ClinicalNlp10KB/3).
#include "../coder.hpp"
#include "common/words.hpp"

#include <benchmark/benchmark.h>

#include <deque>

namespace {

using namespace chartflow::coding;

struct Data {
  CodeSet cm, pcs, hcpcs;
  CoderData rules;
  Data() {
    const std::string dir = CHARTFLOW_CODING_DIR;
    cm.load("ICD-10-CM", "FY2026", dir + "/codesets/icd10cm/FY2026/codes.tsv", dir + "/codesets/icd10cm/FY2026/rules.tsv");
    cm.load_index(dir + "/codesets/icd10cm/FY2026/index.tsv");
    cm.load_neoplasm_table(dir + "/codesets/icd10cm/FY2026/neoplasm.tsv");
    pcs.load("ICD-10-PCS", "FY2026", dir + "/codesets/icd10pcs/FY2026/codes.tsv");
    hcpcs.load("HCPCS", "2025", dir + "/codesets/hcpcs/2025/codes.tsv");
    rules.load_rules(dir + "/rules/history_codes.tsv", dir + "/rules/combinations.tsv");
    rules.load_tables(dir + "/rules");
    rules.load_procedures(dir + "/pcs/procedures.tsv");
    rules.load_pcs_axes(dir + "/pcs/axes.tsv");
    rules.load_procedure_context(dir + "/pcs/procedure_context.tsv");
  }
};

// 60 mentions as a long discharge summary would give them: diagnoses needing refinement,
// laterality, 7th characters, combinations, history and family, uncertain and negated ones,
// and procedure words to build.
std::vector<MentionInput> chart() {
  struct Item {
    const char *code, *status, *words, *sentence;
  };
  static const Item items[] = {
      {"J18.9", "affirmed", "pneumonia", "Community-acquired pneumonia, right lower lobe."},
      {"E11.9", "affirmed", "type 2 diabetes", "Type 2 diabetes with hyperglycemia, on insulin."},
      {"N18.9", "affirmed", "CKD", "CKD stage 3a, stable."},
      {"I10", "affirmed", "hypertension", "Essential hypertension, poorly controlled."},
      {"I50.9", "affirmed", "heart failure", "Acute on chronic systolic heart failure."},
      {"S52.9", "affirmed", "radius fracture", "Closed fracture of the distal left radius."},
      {"H66.9", "affirmed", "otitis media", "Left otitis media."},
      {"C18.9", "historical", "colon cancer", "History of colon cancer, status post hemicolectomy."},
      {"C50.919", "family", "breast cancer", "Mother had breast cancer."},
      {"R05.9", "affirmed", "cough", "Cough for three days."},
      {"K35.80", "affirmed", "acute appendicitis", "Acute gangrenous appendicitis with localized peritonitis."},
      {"R50.9", "negated", "fever", "No fever."},
      {"J44.9", "affirmed", "COPD", "COPD without acute exacerbation."},
      {"I48.91", "uncertain", "atrial fibrillation", "Possible paroxysmal atrial fibrillation."},
      {"0FT4---", "affirmed", "cholecystectomy", "Laparoscopic cholecystectomy was performed."}};
  static std::deque<std::string> texts;  // MentionInput holds views
  std::vector<MentionInput> out;
  for (int i = 0; i < 60; ++i) {
    const Item& item = items[i % 15];
    const std::string& sentence = texts.emplace_back(item.sentence);
    const std::string lowered = chartflow::words::lower(sentence), wanted = chartflow::words::lower(item.words);
    const std::size_t at = std::min(lowered.find(wanted), sentence.size());
    MentionInput m;
    m.id = "m" + std::to_string(i);
    m.view = "normalized";
    m.begin = static_cast<std::size_t>(i) * 80 + at;
    m.end = m.begin + std::string_view(item.words).size();
    m.code = item.code;
    m.kind = std::string(item.code).find('-') != std::string::npos ? MentionKind::procedure : MentionKind::diagnosis;
    m.system = m.kind == MentionKind::procedure ? "ICD-10-PCS" : "ICD-10-CM";
    m.status = parse_assertion(item.status).value();
    m.matched_term = m.text = item.words;
    m.context = sentence;
    m.before = std::string_view(sentence).substr(0, at);
    m.after = std::string_view(sentence).substr(std::min(sentence.size(), at + m.text.size()));
    m.sentence_id = "s" + std::to_string(i);
    m.section_category = i < 5 ? "discharge_diagnosis" : "hospital_course";
    out.push_back(std::move(m));
  }
  return out;
}

void BM_CodeAChart(benchmark::State& state) {
  static const Data data;
  const auto mentions = chart();
  const Coder coder(data.rules, {&data.cm, &data.pcs, &data.hcpcs});
  std::size_t codes = 0;
  for (auto _ : state) {
    auto result = coder.code(mentions, Policy::inpatient);
    codes += result.size();
    benchmark::DoNotOptimize(result);
  }
  state.counters["codes_per_second"] = benchmark::Counter(static_cast<double>(codes), benchmark::Counter::kIsRate);
  state.counters["mentions_per_second"] = benchmark::Counter(static_cast<double>(state.iterations() * mentions.size()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_CodeAChart)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
