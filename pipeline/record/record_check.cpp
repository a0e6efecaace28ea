#include "record_check.hpp"

#include "record_json.hpp"
#include "schema_validator.hpp"
#include "stage_output.hpp"

#include <set>

namespace chartflow::record {
std::vector<std::string> check_record(const nlohmann::json& json, const FieldRegistry& registry) {
  std::vector<std::string> problems;
  if (const auto errors = builtin_schema("record.schema.json").validate(json); !errors.empty()) {
    for (std::size_t i = 0; i < errors.size() && i < 5; ++i)
      problems.push_back((errors[i].path.empty() ? "(top level)" : errors[i].path) + ": " + errors[i].message);
    return problems;
  }
  Record envelope;
  envelope.document = json.at("document").get<Document>();
  envelope.views = json.at("views").get<std::vector<TextView>>();
  std::set<std::string> producers;
  for (const auto& p : json.at("producers")) producers.insert(p.at("stage").get<std::string>());
  auto check_producer = [&](const std::string& producer, const std::string& where) {
    if (!producers.contains(producer)) problems.push_back(where + ".producer: stage '" + producer + "' is not listed in producers");
  };
  for (std::size_t i = 0; i < envelope.views.size(); ++i) check_producer(envelope.views[i].producer, "views[" + std::to_string(i) + "]");

  // Replay the annotations through the same checks a stage's output gets.
  std::set<std::string, std::less<>> fields;
  for (const auto& [key, value] : json.items())
    if (!is_envelope_member(key)) fields.insert(key);
  StageOutput replay(envelope, registry, "chartflow", fields);
  for (const auto& field : fields) {
    if (!registry.find(field)) {
      problems.push_back(field + ": no installed plugin declares this field, so its items cannot be checked (is the plugin on the plugin path?)");
      continue;
    }
    nlohmann::json items = json.at(field);
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (!items[i].is_object() || !items[i].contains("producer") || !items[i]["producer"].is_string()) continue;
      check_producer(items[i]["producer"].get<std::string>(), field + "[" + std::to_string(i) + "]");
      items[i].erase("producer");  // the replay stamps its own; the original was checked above
    }
    if (auto problem = replay.add_item_objects(field, items); !problem.empty()) problems.push_back(problem);
  }
  if (problems.empty())
    if (auto problem = replay.commit(envelope); !problem.empty()) problems.push_back(problem);
  const auto diagnostics = json.value("diagnostics", nlohmann::json::array());
  for (std::size_t i = 0; i < diagnostics.size(); ++i) {
    const std::string producer = diagnostics[i].value("producer", "");
    if (producer != "chartflow") check_producer(producer, "diagnostics[" + std::to_string(i) + "]");
  }
  return problems;
}

}  // namespace chartflow::record
