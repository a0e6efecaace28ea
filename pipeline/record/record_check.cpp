#include "record_check.hpp"

#include "fields.hpp"
#include "record_json.hpp"
#include "schema_validator.hpp"
#include "stage_output.hpp"

#include <set>

namespace chartflow::record {

std::vector<std::string> check_record(const nlohmann::json& json) {
  std::vector<std::string> problems;
  if (const auto errors = builtin_schema("record.schema.json").validate(json); !errors.empty()) {
    for (std::size_t i = 0; i < errors.size() && i < 5; ++i)
      problems.push_back((errors[i].path.empty() ? "(top level)" : errors[i].path) + ": " + errors[i].message);
    return problems;
  }
  const Record record = json.get<Record>();
  std::set<std::string> producers;
  for (const auto& p : record.producers) producers.insert(p.stage);
  auto check_producer = [&](const std::string& producer, const std::string& where) {
    if (!producers.contains(producer)) problems.push_back(where + ".producer: stage '" + producer + "' is not listed in producers");
  };
  for (std::size_t i = 0; i < record.views.size(); ++i) check_producer(record.views[i].producer, "views[" + std::to_string(i) + "]");

  // Replay the annotations through the same checks a stage's output gets.
  Record base;
  base.document = record.document;
  base.views = record.views;
  std::set<std::string, std::less<>> all_fields = {"pages", "words", "sections", "sentences", "mentions", "codes", "tumors"};
  StageOutput replay(base, "chartflow", all_fields);
  for (const auto& field : all_fields) {
    if (!json.contains(field)) continue;
    const auto& items = json.at(field);
    for (std::size_t i = 0; i < items.size(); ++i) check_producer(items[i].at("producer"), field + "[" + std::to_string(i) + "]");
    if (auto problem = replay.add_items(field, items.dump()); !problem.empty()) problems.push_back(problem);
  }
  if (problems.empty())
    if (auto problem = replay.commit(base); !problem.empty()) problems.push_back(problem);
  for (std::size_t i = 0; i < record.diagnostics.size(); ++i)
    if (record.diagnostics[i].producer != "chartflow") check_producer(record.diagnostics[i].producer, "diagnostics[" + std::to_string(i) + "]");
  return problems;
}

}  // namespace chartflow::record
