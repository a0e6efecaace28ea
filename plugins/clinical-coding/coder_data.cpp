#include "coder.hpp"

#include <chartflow/tsv.hpp>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <stdexcept>
#include <utility>

// The coder's closed sets by name (config and record values) and its rule tables as read from
// the plugin's data files.
namespace chartflow::coding {

namespace {

// A closed set's value by its name, from a table of the names.
template <class Value, std::size_t N>
std::optional<Value> named(std::string_view name, const std::pair<std::string_view, Value> (&names)[N]) {
  for (const auto& [text, value] : names)
    if (text == name) return value;
  return std::nullopt;
}

}  // namespace

std::optional<Policy> parse_policy(std::string_view name) {
  static constexpr std::pair<std::string_view, Policy> kNames[] = {
      {"outpatient", Policy::outpatient}, {"inpatient", Policy::inpatient}, {"all_findings", Policy::all_findings}};
  return named(name, kNames);
}

std::optional<LongTermDrugCodes> parse_long_term_drug_codes(std::string_view name) {
  static constexpr std::pair<std::string_view, LongTermDrugCodes> kNames[] = {
      {"stated", LongTermDrugCodes::stated}, {"current_medications", LongTermDrugCodes::current_medications}};
  return named(name, kNames);
}

std::optional<ExternalCauseCodes> parse_external_cause_codes(std::string_view name) {
  static constexpr std::pair<std::string_view, ExternalCauseCodes> kNames[] = {
      {"none", ExternalCauseCodes::none}, {"injury_encounters", ExternalCauseCodes::injury_encounters}};
  return named(name, kNames);
}

std::optional<BmiCodes> parse_bmi_codes(std::string_view name) {
  static constexpr std::pair<std::string_view, BmiCodes> kNames[] = {{"none", BmiCodes::none},
                                                                     {"with_associated_diagnosis", BmiCodes::with_associated_diagnosis}};
  return named(name, kNames);
}

std::optional<TobaccoHistory> parse_tobacco_history(std::string_view name) {
  static constexpr std::pair<std::string_view, TobaccoHistory> kNames[] = {
      {"when_relevant", TobaccoHistory::when_relevant}, {"always", TobaccoHistory::always}};
  return named(name, kNames);
}

std::optional<HistoryCodes> parse_history_codes(std::string_view name) {
  static constexpr std::pair<std::string_view, HistoryCodes> kNames[] = {{"when_relevant", HistoryCodes::when_relevant}, {"all", HistoryCodes::all}};
  return named(name, kNames);
}

std::optional<Assertion> parse_assertion(std::string_view name) {
  static constexpr std::pair<std::string_view, Assertion> kNames[] = {
      {"affirmed", Assertion::affirmed},     {"negated", Assertion::negated},       {"uncertain", Assertion::uncertain},
      {"hypothetical", Assertion::hypothetical}, {"historical", Assertion::historical}, {"family", Assertion::family}};
  return named(name, kNames);
}

std::optional<MentionKind> parse_mention_kind(std::string_view name) {
  static constexpr std::pair<std::string_view, MentionKind> kNames[] = {
      {"diagnosis", MentionKind::diagnosis}, {"sign_or_symptom", MentionKind::sign_or_symptom}, {"injury", MentionKind::injury},
      {"neoplasm", MentionKind::neoplasm},   {"procedure", MentionKind::procedure},             {"medication", MentionKind::medication},
      {"finding", MentionKind::finding},     {"other", MentionKind::other}};
  for (const auto& [text, value] : kNames)
    if (text == name) return value;
  return std::nullopt;
}

const char* policy_name(Policy policy) {
  switch (policy) {
    case Policy::outpatient: return "outpatient";
    case Policy::inpatient: return "inpatient";
    default: return "all_findings";
  }
}

std::string normalise_phrase(std::string_view phrase) {
  std::string out;
  for (char c : phrase) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (std::isspace(u)) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += static_cast<char>(std::tolower(u));
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

void CoderData::load_rules(const std::string& history_file, const std::string& combinations_file) {
  sdk::read_tsv(history_file, "history code rules", [&](const std::vector<std::string>& f, const std::string& where) {
    if (f.size() < 4 || (f[0] != "historical" && f[0] != "family"))
      throw std::runtime_error(where + ": expected historical|family<TAB>first<TAB>last<TAB>code[<TAB>note]");
    history_codes.push_back({*parse_assertion(f[0]), f[1], f[2], f[3], f.size() > 4 ? f[4] : ""});
  }, "assertion");
  sdk::read_tsv(combinations_file, "combination rules", [&](const std::vector<std::string>& f, const std::string& where) {
    if (f.size() < 4 || (f[3] != "yes" && f[3] != "no") || (f.size() > 5 && f[5] != "chart" && f[5] != "sentence"))
      throw std::runtime_error(where + ": expected first<TAB>second<TAB>combination<TAB>yes|no[<TAB>note[<TAB>chart|sentence]]");
    combinations.push_back({f[0], f[1], f[2], f.size() > 4 ? f[4] : "", f[3] == "yes", f.size() > 5 && f[5] == "sentence"});
  }, "first_prefix");
}

void CoderData::load_procedures(const std::string& file) {
  sdk::read_tsv(file, "procedure phrases", [&](const std::vector<std::string>& f, const std::string& where) {
    if (f.size() < 2 || f[0].empty() || f[1].empty()) throw std::runtime_error(where + ": expected phrase<TAB>code[<TAB>note]");
    auto& codes = procedure_codes[normalise_phrase(f[0])];
    if (std::find(codes.begin(), codes.end(), f[1]) == codes.end()) codes.push_back(f[1]);
  });
}

void CoderData::load_pcs_axes(const std::string& file) {
  sdk::read_tsv(file, "ICD-10-PCS axes", [&](const std::vector<std::string>& f, const std::string& where) {
    if (f.size() < 3) throw std::runtime_error(where + ": expected axis<TAB>phrase<TAB>value[<TAB>scope]");
    if (f[0] == "approach" && f[2].size() == 1 && (f.size() < 4 || f[3].empty() || f[3].find('0') != std::string::npos))
      pcs_approaches.emplace_back(normalise_phrase(f[1]), f[2][0]);
    // Body parts of section 0 ("right distal radius" -> 0P?H) and devices with the tables they
    // are valid in ("plate" -> 4 in 0PS, 0QS, 0PH, 0QH).
    if (f[0] == "body_part" && f[2].size() == 1 && f.size() > 3 && f[3].size() == 3 && f[3].starts_with("0:"))
      pcs_body_parts.push_back({normalise_phrase(f[1]), f[2][0], f[3][2]});
    // "hemiarthroplasty  R:S:R|S:0": root, body system, the body parts it may be, approach.
    if (f[0] == "procedure_word") {
      std::vector<std::string> axes;
      for (std::size_t from = 0; from <= f[2].size();) {
        const std::size_t colon = std::min(f[2].find(':', from), f[2].size());
        axes.push_back(f[2].substr(from, colon - from));
        from = colon + 1;
      }
      if (!axes.empty() && axes[0].find('|') != std::string::npos) {
        std::erase(axes[0], '|');
        pcs_word_roots[normalise_phrase(f[1])] = axes[0];
      }
      if (axes.size() > 2 && axes[2].find('|') != std::string::npos) {
        std::erase(axes[2], '|');
        pcs_word_body_parts[normalise_phrase(f[1])] = axes[2];
      }
    }
    if (f[0] == "device" && f[2].size() == 1 && f.size() > 3 && !f[3].empty()) {
      PcsDevice device{normalise_phrase(f[1]), f[2][0], {}};
      for (std::size_t from = 0; from <= f[3].size();) {
        const std::size_t comma = std::min(f[3].find(',', from), f[3].size());
        if (comma - from == 5) device.tables.push_back(f[3].substr(from, 5));  // "0:P:S"
        from = comma + 1;
      }
      pcs_devices.push_back(std::move(device));
    }
  }, "axis");
  // Longest phrase first, so "percutaneous endoscopic" wins over "percutaneous".
  const auto longest_first = [](const auto& a, const auto& b) { return a.phrase.size() > b.phrase.size(); };
  std::stable_sort(pcs_approaches.begin(), pcs_approaches.end(), [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
  std::stable_sort(pcs_body_parts.begin(), pcs_body_parts.end(), longest_first);
  std::stable_sort(pcs_devices.begin(), pcs_devices.end(), longest_first);
}

void CoderData::load_procedure_context(const std::string& file) {
  sdk::read_tsv(file, "procedure context rules", [&](const std::vector<std::string>& f, const std::string& where) {
    if (f.size() < 3 || f[0].empty() || (f[1] != "requires" && f[1] != "not_with" && f[1] != "not_after") || f[2].empty())
      throw std::runtime_error(where + ": expected code_prefix<TAB>requires|not_with|not_after<TAB>word|word...[<TAB>note]");
    const ContextRule kind = f[1] == "requires" ? ContextRule::needs_word : f[1] == "not_with" ? ContextRule::not_with : ContextRule::not_after;
    ProcedureContext rule{f[0], kind, {}, f.size() > 3 ? f[3] : "", f.size() > 4 ? f[4] : ""};
    for (std::size_t from = 0; from <= f[2].size();) {
      const std::size_t bar = std::min(f[2].find('|', from), f[2].size());
      if (bar > from) rule.words.push_back(normalise_phrase(f[2].substr(from, bar - from)));
      from = bar + 1;
    }
    procedure_context.push_back(std::move(rule));
  }, "code_prefix");
}

void CoderData::load_tables(const std::string& rules_dir) {
  const auto file = [&](const char* name) { return (std::filesystem::path(rules_dir) / name).string(); };
  // Tables of a key, a value and an optional note; the header row starts with `header`.
  const auto read_pairs = [](const std::string& path, const char* what, const char* header, auto&& add) {
    sdk::read_tsv(path, what, [&](const std::vector<std::string>& f, const std::string& where) {
      if (f.size() < 2 || f[0].empty() || f[1].empty()) throw std::runtime_error(where + ": expected " + header + "<TAB>value[<TAB>note]");
      add(f[0], f[1], f.size() > 2 ? f[2] : "");
    }, header);
  };
  const auto read_list = [](const std::string& path, const char* what, const char* header, std::vector<std::string>& into) {
    sdk::read_tsv(path, what, [&](const std::vector<std::string>& f, const std::string& where) {
      if (f.empty() || f[0].empty()) throw std::runtime_error(where + ": expected a code or code prefix first");
      into.push_back(f[0]);
    }, header);
  };
  load_drug_classes(file("drug_classes.tsv"));
  load_long_term_drugs(file("long_term_drugs.tsv"));
  load_external_causes(file("external_causes.tsv"));
  load_device_complications(file("device_complications.tsv"));
  read_list(file("chronic_conditions.tsv"), "chronic condition list", "code_prefix", chronic_conditions);
  read_pairs(file("chronic_conditions_by_treatment.tsv"), "chronic conditions by treatment", "code_prefix",
             [&](const std::string& prefix, const std::string& drugs, const std::string&) {
               std::vector<std::string> names;
               for (const auto& d : words::split(drugs, ",")) names.push_back(words::lower(d));
               chronic_by_treatment.emplace_back(prefix, std::move(names));
             });
  read_list(file("generic_codes.tsv"), "generic code list", "code", generic_codes);
  read_pairs(file("integral_findings.tsv"), "integral findings", "condition_prefix",
             [&](const std::string& k, const std::string& v, const std::string& note) { integral_findings.push_back({k, v, note}); });
  read_pairs(file("procedure_status_codes.tsv"), "procedure status codes", "pcs_prefix",
             [&](const std::string& k, const std::string& v, const std::string& note) { procedure_status.push_back({k, v, note}); });
  read_pairs(file("screening_codes.tsv"), "screening codes", "procedure_prefix",
             [&](const std::string& k, const std::string& v, const std::string& note) { screening_codes.push_back({k, v, note}); });
  sdk::read_tsv(file("infectious_agents.tsv"), "infectious agents", [&](const std::vector<std::string>& f, const std::string& where) {
    if (f.size() < 3 || f[0].empty() || f[1].empty()) throw std::runtime_error(where + ": expected phrase<TAB>code<TAB>note");
    infectious_agents.push_back({words::lower(f[0]), f[1], f[2]});
  }, "phrase");
  read_pairs(file("manifestation_equivalents.tsv"), "manifestation equivalents", "manifestation_category",
             [&](const std::string& k, const std::string& v, const std::string&) { manifestation_equivalents.emplace_back(k, v); });
  sdk::read_tsv(file("companion_codes.tsv"), "companion code rules", [&](const std::vector<std::string>& f, const std::string& where) {
    if (f.size() < 4 || f[0].empty() || f[1].empty() || f[2].empty())
      throw std::runtime_error(where + ": expected condition_prefix<TAB>word<TAB>code<TAB>note[<TAB>unless]");
    std::vector<std::string> unless;
    if (f.size() > 4)
      for (std::size_t from = 0; from < f[4].size();) {
        const std::size_t bar = std::min(f[4].find('|', from), f[4].size());
        if (bar > from) unless.push_back(words::lower(f[4].substr(from, bar - from)));
        from = bar + 1;
      }
    companions.push_back({f[0], words::lower(f[1]), f[2], f[3], std::move(unless)});
  }, "condition_prefix");
}

}  // namespace chartflow::coding
