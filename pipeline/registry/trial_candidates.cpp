#include "trial_candidates.hpp"

#include <fstream>
#include <iterator>
#include <regex>
#include <set>

namespace chartflow::registry {
namespace {

using nlohmann::json;

std::vector<std::string> strings(const json& j, const std::string& where) {
  if (!j.is_array()) throw CohortError(where + " must be a list of strings");
  std::vector<std::string> out;
  for (const auto& s : j) {
    if (!s.is_string() || s.get<std::string>().empty()) throw CohortError(where + " must be a list of non-empty strings");
    out.push_back(s.get<std::string>());
  }
  return out;
}

bool any_prefix(const std::vector<std::string>& allowed, const std::string& value) {
  if (allowed.empty()) return true;
  for (const auto& a : allowed)
    if (!value.empty() && value.rfind(a, 0) == 0) return true;
  return false;
}

std::optional<BiomarkerResult> parse_result(const std::string& s) {
  if (s == "positive") return BiomarkerResult::positive;
  if (s == "negative") return BiomarkerResult::negative;
  if (s == "equivocal") return BiomarkerResult::equivocal;
  return std::nullopt;
}

// The record's normalized text (the view the registry stage's evidence points into).
std::string text_of(const json& record) {
  for (const auto& v : record.value("views", json::array()))
    if (v.value("name", "") == "normalized") return v.value("text", "");
  for (const auto& v : record.value("views", json::array())) return v.value("text", "");
  return "";
}

std::string identity_value(const json& record, const char* kind) {
  std::string found;
  for (const auto& id : record.value("identity", json::array())) {
    if (id.value("kind", "") != kind) continue;
    if (id.value("conflict", false)) return "";
    found = id.value("value", "");
  }
  return found;
}

std::string field_value(const json& tumor, const char* name) {
  const auto fields = tumor.value("fields", json::object());
  return fields.contains(name) ? fields[name].value("value", "") : "";
}

std::string evidence_quote(const json& tumor, const char* name, const std::string& text) {
  const auto fields = tumor.value("fields", json::object());
  if (!fields.contains(name)) return "";
  for (const auto& e : fields[name].value("evidence", json::array())) {
    const std::size_t b = e.value("begin", std::size_t{0}), en = e.value("end", std::size_t{0});
    if (b < en && en <= text.size()) return text.substr(b, en - b);
  }
  return "";
}

}  // namespace

const char* biomarker_name(Biomarker b) { return b == Biomarker::er ? "ER" : b == Biomarker::pr ? "PR" : "HER2"; }
const char* biomarker_result_name(BiomarkerResult r) {
  return r == BiomarkerResult::positive ? "positive" : r == BiomarkerResult::negative ? "negative" : "equivocal";
}

std::vector<BiomarkerFinding> find_biomarkers(const std::string& text) {
  struct Pattern {
    Biomarker marker;
    std::regex re;
  };
  static const std::vector<Pattern> patterns = {
      {Biomarker::er, std::regex(R"re(\b(?:ER|estrogen[- ]receptors?)\b(?:\s*\([^)\n]{0,20}\))?[\s:,-]{0,4}(?:is\s+|are\s+)?(positive|negative|pos|neg|\+|-)(?![A-Za-z]))re", std::regex::icase)},
      {Biomarker::pr, std::regex(R"re(\b(?:PR|PgR|progesterone[- ]receptors?)\b(?:\s*\([^)\n]{0,20}\))?[\s:,-]{0,4}(?:is\s+|are\s+)?(positive|negative|pos|neg|\+|-)(?![A-Za-z]))re", std::regex::icase)},
      {Biomarker::her2, std::regex(R"re(\bHER-?2(?:/neu)?\b(?:\s*\([^)\n]{0,20}\))?[\s:,-]{0,4}(?:is\s+)?(positive|negative|equivocal|not amplified|amplified|3\+|2\+|1\+|0(?![\d.])))re", std::regex::icase)},
  };
  std::vector<BiomarkerFinding> found;
  for (const auto& p : patterns)
    for (auto it = std::sregex_iterator(text.begin(), text.end(), p.re); it != std::sregex_iterator(); ++it) {
      std::string r = (*it)[1].str();
      for (auto& c : r) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      BiomarkerResult result = BiomarkerResult::equivocal;
      if (r == "positive" || r == "pos" || r == "+" || r == "amplified" || r == "3+") result = BiomarkerResult::positive;
      else if (r == "negative" || r == "neg" || r == "-" || r == "not amplified" || r == "1+" || r == "0") result = BiomarkerResult::negative;
      const auto begin = static_cast<std::size_t>(it->position()), end = begin + static_cast<std::size_t>(it->length());
      found.push_back({p.marker, result, begin, end, text.substr(begin, end - begin)});
    }
  // A marker stated twice with different results is equivocal: the reader must look.
  for (auto& f : found)
    for (const auto& g : found)
      if (f.marker == g.marker && f.result != g.result) f.result = BiomarkerResult::equivocal;
  return found;
}

TrialCriteria read_criteria(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw CohortError(file.string() + ": cannot read the criteria file");
  const auto j = json::parse(in, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("criteria") || !j["criteria"].is_object())
    throw CohortError(file.string() + ": expected {\"name\": ..., \"criteria\": {...}}");
  TrialCriteria c;
  c.name = j.value("name", file.stem().string());
  const std::string at = file.string() + ": criteria.";
  for (const auto& [key, v] : j["criteria"].items()) {
    const std::string where = at + key;
    if (key == "site") c.sites = strings(v, where);
    else if (key == "histology") c.histologies = strings(v, where);
    else if (key == "behavior") c.behaviors = strings(v, where);
    else if (key == "stage") c.stages = strings(v, where);
    else if (key == "grade") c.grades = strings(v, where);
    else if (key == "sex") {
      if (v != "male" && v != "female") throw CohortError(where + " must be \"male\" or \"female\"");
      c.sex = v == "male" ? Sex::male : Sex::female;
    } else if (key == "age") {
      if (!v.is_object()) throw CohortError(where + " must be {\"min\": N, \"max\": N}");
      for (const auto& [bound, n] : v.items()) {
        if (!n.is_number_integer() || n.get<int>() < 0 || n.get<int>() > 130) throw CohortError(where + "." + bound + " must be a whole number of years");
        if (bound == "min") c.min_age = n.get<int>();
        else if (bound == "max") c.max_age = n.get<int>();
        else throw CohortError(where + ": unknown bound '" + bound + "' (min, max)");
      }
    } else if (key == "biomarkers") {
      if (!v.is_object()) throw CohortError(where + " must be {\"ER\": \"positive\", ...}");
      for (const auto& [marker, result] : v.items()) {
        const auto r = result.is_string() ? parse_result(result.get<std::string>()) : std::nullopt;
        if (!r) throw CohortError(where + "." + marker + " must be positive, negative or equivocal");
        if (marker == "ER") c.biomarkers.emplace_back(Biomarker::er, *r);
        else if (marker == "PR") c.biomarkers.emplace_back(Biomarker::pr, *r);
        else if (marker == "HER2") c.biomarkers.emplace_back(Biomarker::her2, *r);
        else throw CohortError(where + ": unknown biomarker '" + marker + "' (ER, PR, HER2)");
      }
    } else if (key == "diagnosis_date") {
      if (!v.is_object()) throw CohortError(where + " must be {\"from\": \"YYYY-MM-DD\", \"to\": \"YYYY-MM-DD\"}");
      for (const auto& [bound, d] : v.items()) {
        try {
          const long day = parse_date(d.is_string() ? d.get<std::string>() : "");
          if (bound == "from") c.diagnosed_from = day;
          else if (bound == "to") c.diagnosed_to = day;
          else throw CohortError(where + ": unknown bound '" + bound + "' (from, to)");
        } catch (const std::invalid_argument& e) {
          throw CohortError(where + "." + bound + ": " + e.what());
        }
      }
    } else {
      throw CohortError(at + key + ": unknown criterion (site, histology, behavior, stage, grade, age, sex, biomarkers, diagnosis_date)");
    }
  }
  return c;
}

namespace {

// The record files of a run's output folder (or of a folder of records), in name order.
std::vector<std::filesystem::path> record_files(const std::filesystem::path& given) {
  const std::filesystem::path dir = std::filesystem::is_directory(given / "records") ? given / "records" : given;
  if (!std::filesystem::is_directory(dir)) throw CohortError(given.string() + ": records folder not found");
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(dir))
    if (e.path().extension() == ".json") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  return files;
}

// The diagnosis date window and the age at diagnosis (from the identity stage's birth date):
// false when the tumour is outside them or the record cannot say.
bool matches_dates(const json& record, const json& tumor, const TrialCriteria& c, json& matched) {
  if (!c.diagnosed_from && !c.diagnosed_to && !c.min_age && !c.max_age) return true;
  const std::string diagnosed = field_value(tumor, "dateOfDiagnosis");
  if (diagnosed.size() != 8) return false;
  const long day = parse_date(diagnosed);
  if ((c.diagnosed_from && day < *c.diagnosed_from) || (c.diagnosed_to && day > *c.diagnosed_to)) return false;
  if (c.diagnosed_from || c.diagnosed_to) matched["diagnosis_date"] = {{"value", diagnosed}};
  if (!c.min_age && !c.max_age) return true;
  const std::string birth = identity_value(record, "birth_date");
  if (birth.empty()) return false;
  const int age = static_cast<int>((day - parse_date(birth)) / 365.2425);
  if ((c.min_age && age < *c.min_age) || (c.max_age && age > *c.max_age)) return false;
  matched["age"] = {{"value", age}};
  return true;
}

// The patient's sex and the biomarkers the report's text states.
bool matches_patient_and_markers(const json& record, const std::vector<BiomarkerFinding>& markers, const TrialCriteria& c, json& matched) {
  if (c.sex) {
    const std::string sex = identity_value(record, "sex");
    if (sex != (*c.sex == Sex::male ? "male" : "female")) return false;
    matched["sex"] = {{"value", sex}};
  }
  for (const auto& [marker, wanted] : c.biomarkers) {
    const auto it = std::find_if(markers.begin(), markers.end(), [&](const BiomarkerFinding& f) { return f.marker == marker; });
    if (it == markers.end() || it->result != wanted) return false;
    matched[biomarker_name(marker)] = {{"value", biomarker_result_name(it->result)}, {"evidence", it->quote}};
  }
  return true;
}

// What a reportable tumour matches, criterion by criterion with its evidence; nullopt when a
// criterion fails.
std::optional<json> match_tumor(const json& record, const json& tumor, const std::string& text, const std::vector<BiomarkerFinding>& markers,
                                const TrialCriteria& c) {
  json matched = json::object();
  const auto check = [&](const char* name, const char* field, const std::vector<std::string>& allowed) {
    if (allowed.empty()) return true;
    const std::string v = field_value(tumor, field);
    if (!any_prefix(allowed, v)) return false;
    matched[name] = {{"value", v}, {"evidence", evidence_quote(tumor, field, text)}};
    return true;
  };
  const bool fields = check("site", "primarySite", c.sites) && check("histology", "histologicTypeIcdO3", c.histologies) &&
                      check("behavior", "behaviorCodeIcdO3", c.behaviors) && check("stage", "ajccTnmPathStageGroup", c.stages) &&
                      check("grade", "gradePathological", c.grades);
  if (!fields || !matches_dates(record, tumor, c, matched) || !matches_patient_and_markers(record, markers, c, matched)) return std::nullopt;
  return matched;
}

}  // namespace

std::vector<Candidate> find_candidates(const std::filesystem::path& given, const TrialCriteria& c, std::size_t& tumors_seen) {
  std::vector<Candidate> out;
  tumors_seen = 0;
  for (const auto& file : record_files(given)) {
    std::ifstream in(file, std::ios::binary);
    const auto record = json::parse(std::string((std::istreambuf_iterator<char>(in)), {}), nullptr, false);
    if (record.is_discarded() || !record.is_object()) continue;
    const std::string text = text_of(record);
    const auto markers = find_biomarkers(text);
    for (const auto& tumor : record.value("tumors", json::array())) {
      if (tumor.value("status", "") != "reportable") continue;
      ++tumors_seen;
      auto matched = match_tumor(record, tumor, text, markers, c);
      if (!matched) continue;
      const std::string mrn = identity_value(record, "mrn");
      out.push_back({mrn.empty() ? "(no MRN) " + record["document"].value("id", "") : mrn, record["document"].value("id", ""),
                     record["document"].value("source", json::object()).value("name", ""), tumor.value("id", ""), std::move(*matched)});
    }
  }
  return out;
}

}  // namespace chartflow::registry
