// Loading of the relative factors: each variable name ("CNA_HCC37", "INS_LTIMCAID",
// "NE_MCAID_ORIGDIS_NEF67") is parsed once into its segment and a typed slot. A name the model
// does not know is an error: the scorer could not compute it, and a silent zero would be wrong.
#include "csv.hpp"
#include "demographics.hpp"
#include "tables.hpp"

#include <array>

namespace chartflow::hcc {

namespace {

constexpr std::array<Interaction, kInteractionCount> kInteractions = {
    Interaction::DiabetesHf,     Interaction::HfChrLung,       Interaction::HfKidney,
    Interaction::ChrLungCardRespFail, Interaction::HfHcc238,   Interaction::SubUseDisorderPsych,
    Interaction::DisabledCancer, Interaction::DisabledNeuro,   Interaction::DisabledHf,
    Interaction::DisabledChrLung, Interaction::DisabledUlcer,
};

std::optional<Segment> segment_of_prefix(std::string_view prefix) {
  for (std::size_t i = 0; i < kSegmentCount; ++i) {
    auto segment = static_cast<Segment>(i);
    if (to_string(segment) == prefix) return segment;
  }
  return std::nullopt;
}

bool is_new_enrollee(Segment segment) {
  return segment == Segment::NewEnrollee || segment == Segment::SnpNewEnrollee;
}

std::optional<std::size_t> count_suffix_slot(std::string_view suffix) {
  if (suffix == "D10P") return 9;
  if (suffix.size() == 2 && suffix[0] == 'D' && suffix[1] >= '1' && suffix[1] <= '9') {
    return static_cast<std::size_t>(suffix[1] - '1');
  }
  return std::nullopt;
}

// The slot of a non-new-enrollee variable, or nullptr when the suffix is not one.
std::optional<Micros>* slot_for(SegmentFactors& factors, std::string_view suffix, const Tables& tables) {
  if (auto hcc = parse_hcc_name(suffix)) return tables.payment[*hcc] ? &factors.hcc[*hcc] : nullptr;
  if (auto d = count_suffix_slot(suffix)) return &factors.count[*d];
  for (Interaction interaction : kInteractions) {
    if (suffix == interaction_name(interaction)) return &factors.interaction[static_cast<std::size_t>(interaction)];
  }
  if (suffix == "OriginallyDisabled_Female") return &factors.originally_disabled_female;
  if (suffix == "OriginallyDisabled_Male") return &factors.originally_disabled_male;
  if (suffix == "ORIGDS") return &factors.origds;
  if (suffix == "LTIMCAID") return &factors.ltimcaid;
  return nullptr;
}

void store(const CsvTable& table, const CsvRow& row, const std::string& variable, Micros value,
           Tables& tables) {
  std::size_t underscore = variable.find('_');
  auto segment = underscore == std::string::npos ? std::nullopt
                                                 : segment_of_prefix(std::string_view(variable).substr(0, underscore));
  if (!segment) table.fail(row.line, "'" + variable + "' does not start with a segment prefix (CNA_ ... SNPNE_)");
  std::string_view suffix = std::string_view(variable).substr(underscore + 1);
  SegmentFactors& factors = tables.segments[index_of(*segment)];
  bool known_cell = is_new_enrollee(*segment) ? is_new_enrollee_variable(suffix) : is_age_sex_cell(suffix);
  if (known_cell) {
    factors.cells.emplace(std::string(suffix), value);
  } else {
    std::optional<Micros>* slot = is_new_enrollee(*segment) ? nullptr : slot_for(factors, suffix, tables);
    if (!slot) table.fail(row.line, "unknown variable '" + variable + "'");
    *slot = value;
  }
  if (!tables.by_variable.emplace(variable, value).second) table.fail(row.line, "'" + variable + "' is listed twice");
}

}  // namespace

void load_coefficients(const std::filesystem::path& file, Tables& tables) {
  CsvTable table = read_csv(file);
  const std::size_t variable_column = table.column("variable");
  const std::size_t value_column = table.column("coefficient");
  for (const CsvRow& row : table.rows) {
    auto value = parse_micros(row.cells[value_column]);
    if (!value) table.fail(row.line, "'" + row.cells[value_column] + "' is not a decimal (at most 6 decimals)");
    store(table, row, row.cells[variable_column], *value, tables);
  }
  if (tables.by_variable.empty()) table.fail(1, "no coefficients");
}

}  // namespace chartflow::hcc
