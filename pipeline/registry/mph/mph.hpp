// Multiple primary and histology rules: given two tumours of one patient, are they one primary or
// several? Implements the SEER rule sets chosen by diagnosis year and histology: Solid Tumor Rules
// 2018+ (with the 2021+ cutaneous melanoma and 2023+ other-sites modules), MP/H 2007-2017 (other
// sites through 2022, melanoma through 2020), the 2004 solid tumour rules, and the hematopoietic
// rules (1998, 2001-2009, 2010+). Each answer names the rule set and the rule that decided it.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace chartflow::mph {

enum class Result { single_primary, multiple_primaries, questionable, invalid_input };
std::string_view to_string(Result r);

// One tumour as the rules need it: the NAACCR items Primary Site (400), Laterality (410),
// Histology/Behavior ICD-O-3 (522/523) and Date of Diagnosis (390). Month and day are 0 when
// unknown; year 0 is unknown. Laterality is the NAACCR code character ('0'-'5', '9'), or 0.
struct Tumor {
  std::string site;       // "C509"
  int histology = 0;      // 8000-9999
  int behavior = -1;      // 0, 1, 2, 3, 6
  char laterality = 0;
  int year = 0, month = 0, day = 0;
};

struct Decision {
  Result result = Result::invalid_input;
  std::string rule_set;  // e.g. "Solid Tumor 2018+ Lung"; empty when no rule set applies
  std::string step;      // e.g. "M7"; empty when decided before any rule
  std::string reason;    // the rule's statement, or why it could not be applied
};

// Decides whether two tumours of one patient are a single primary. Thread-safe; the rule sets
// are built once on first use. Needs no data files, except the hematopoietic database tables
// (load_hematopoietic_tables) for 2010+ hematopoietic pairs that are not the same histology.
Decision decide(const Tumor& first, const Tumor& second);

// The rule set a tumour belongs to for the given diagnosis year, or nullopt.
std::optional<std::string> rule_set_name(const Tumor& tumor, int year);

}  // namespace chartflow::mph

namespace chartflow::mph {
// Loads the SEER Hematopoietic Database tables from `folder` (see rule_sets.hpp for the file
// names). Throws std::runtime_error naming the file and line of anything malformed. Call before
// the first decide(); later calls replace nothing.
void load_hematopoietic_tables(const std::filesystem::path& folder);
}  // namespace chartflow::mph
