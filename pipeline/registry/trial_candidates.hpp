// Clinical-trial candidates: the patients of a run whose tumours meet eligibility criteria kept as
// data (site, histology, behaviour, stage, grade, age, sex, biomarkers named in the reports, a
// diagnosis date window), each match with the words of the report that support it.
#pragma once

#include "cohort.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace chartflow::registry {

enum class Biomarker { er, pr, her2 };
enum class BiomarkerResult { positive, negative, equivocal };
const char* biomarker_name(Biomarker b);
const char* biomarker_result_name(BiomarkerResult r);

struct BiomarkerFinding {
  Biomarker marker = Biomarker::er;
  BiomarkerResult result = BiomarkerResult::positive;
  std::size_t begin = 0, end = 0;  // in the text searched
  std::string quote;
};

// ER, PR and HER2 results stated in a report ("ER: Positive (95%)", "estrogen receptor negative",
// "HER2 (IHC): 3+", "HER2/neu not amplified"). A marker stated twice differently is equivocal.
std::vector<BiomarkerFinding> find_biomarkers(const std::string& text);

struct TrialCriteria {
  std::string name;
  std::vector<std::string> sites, histologies, behaviors, stages, grades;  // prefixes / values; empty: any
  std::optional<int> min_age, max_age;
  std::optional<Sex> sex;
  std::vector<std::pair<Biomarker, BiomarkerResult>> biomarkers;
  std::optional<long> diagnosed_from, diagnosed_to;  // days since 1970-01-01
};

// Throws CohortError naming the file and the field (unknown fields included).
TrialCriteria read_criteria(const std::filesystem::path& file);

struct Candidate {
  std::string patient, document_id, source_name, tumor_id;
  nlohmann::json matched;  // criterion -> {value, evidence}
};

// Every tumour of every record under `records` that meets all criteria. A criterion the report
// does not state (no stage, no ER result) is not met: a candidate is never a guess.
std::vector<Candidate> find_candidates(const std::filesystem::path& records, const TrialCriteria& criteria, std::size_t& tumors_seen);

}  // namespace chartflow::registry
