// Coder benchmark: codes per second of the coding rules alone (no JSON, no host), on a chart's
// worth of asserted mentions. The whole stage, JSON included, is measured beside the NLP stages
// by chartflow_bench (BM_ClinicalNlp10KB/3).
#include "../coder.hpp"

#include <benchmark/benchmark.h>

namespace {

using namespace chartflow::coding;

struct Data {
  CodeSet cm, pcs, hcpcs;
  CoderData rules;
  Data() {
    const std::string dir = CHARTFLOW_CODING_DIR;
    cm.load("ICD-10-CM", "FY2026", dir + "/codesets/icd10cm/FY2026/codes.tsv", dir + "/codesets/icd10cm/FY2026/rules.tsv");
    pcs.load("ICD-10-PCS", "FY2026", dir + "/codesets/icd10pcs/FY2026/codes.tsv");
    hcpcs.load("HCPCS", "2025", dir + "/codesets/hcpcs/2025/codes.tsv");
    rules.load_rules(dir + "/rules/history_codes.tsv", dir + "/rules/combinations.tsv");
    rules.load_lists(dir + "/rules/chronic_conditions.tsv", dir + "/rules/generic_codes.tsv", dir + "/rules/companion_codes.tsv",
                     dir + "/rules/manifestation_equivalents.tsv");
    rules.load_procedures(dir + "/pcs/procedures.tsv");
    rules.load_pcs_axes(dir + "/pcs/axes.tsv");
  }
};

// 60 mentions as a long discharge summary would give them: diagnoses needing refinement,
// laterality, 7th characters, combinations, history and family, uncertain and negated ones,
// and procedure words to build.
std::vector<MentionInput> chart() {
  const std::pair<const char*, const char*> items[] = {
      {"J18", "affirmed"},  {"E11.9", "affirmed"}, {"N18.3", "affirmed"}, {"I10", "affirmed"},    {"I50.9", "affirmed"},
      {"S52.5", "affirmed"}, {"H66.9", "affirmed"}, {"C18.9", "historical"}, {"C50.919", "family"}, {"R05.9", "affirmed"},
      {"K35.80", "affirmed"}, {"R50.9", "negated"}, {"J44.9", "affirmed"}, {"I48.91", "uncertain"}, {"0FT4---", "affirmed"}};
  std::vector<MentionInput> out;
  for (int i = 0; i < 60; ++i) {
    const auto& [code, status] = items[i % 15];
    MentionInput m;
    m.id = "m" + std::to_string(i);
    m.view = "normalized";
    m.begin = static_cast<std::size_t>(i) * 40;
    m.end = m.begin + 20;
    m.code = code;
    m.kind = std::string(code).find('-') != std::string::npos ? "procedure" : "diagnosis";
    m.system = m.kind == "procedure" ? "ICD-10-PCS" : "ICD-10-CM";
    m.status = status;
    m.matched_term = m.text = "condition " + std::to_string(i % 15);
    m.context = i % 2 ? "Left side, laparoscopic, follow-up visit." : "Stable.";
    m.sentence_id = "s" + std::to_string(i / 3);
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
