#include "reviewed_record.hpp"

#include "host/hashing.hpp"

#include <algorithm>
#include <map>

namespace chartflow::review {
namespace {

using nlohmann::json;

json final_code(const ReviewCode& c, const json* proposed, const std::string& version, int added) {
  json item = proposed ? *proposed : json{{"id", "r" + std::to_string(added)}, {"confidence", 1.0}, {"producer", "review"},
                                          {"code_set_version", version}};
  item["system"] = c.system;
  item["code"] = c.code;
  if (!c.display.empty()) item["display"] = c.display;
  item["evidence"] = c.evidence;
  item["rule"] = proposed ? item.value("rule", c.rule) : c.rule;
  item["needs_review"] = false;
  item.erase("review_reasons");
  if (!c.role.empty()) item["role"] = c.role;
  item["sequence"] = c.sequence;
  item["attributes"]["review"] = code_state_name(c.state == CodeState::proposed ? CodeState::accepted : c.state);
  if (c.state == CodeState::edited) item["attributes"]["proposed_code"] = c.proposed_code;
  return item;
}

}  // namespace

json reviewed_record(const json& record, const ReviewState& state) {
  json out = record;
  std::map<std::string, const json*> by_id;
  std::string version;
  static const json no_codes = json::array();
  const json& proposed = record.contains("codes") ? record["codes"] : no_codes;  // by_id points into it
  for (const auto& c : proposed) {
    by_id[c.value("id", "")] = &c;
    if (version.empty()) version = c.value("code_set_version", "");
  }
  json codes = json::array();
  int added = 0;
  for (const auto& c : state.codes) {
    if (!c.is_final()) continue;
    const auto it = c.code_id.empty() ? by_id.end() : by_id.find(c.code_id);
    codes.push_back(final_code(c, it == by_id.end() ? nullptr : it->second, version.empty() ? "FY2026" : version, ++added));
  }
  std::sort(codes.begin(), codes.end(), [](const json& a, const json& b) { return a.value("sequence", 0) < b.value("sequence", 0); });
  out["codes"] = std::move(codes);
  if (!out.contains("tumors")) return out;
  for (auto& tumor : out["tumors"]) {
    if (!tumor.contains("fields")) continue;
    for (const auto& reviewed : state.tumors) {
      if (reviewed.value("id", "") != tumor.value("id", "")) continue;
      for (const auto& [name, f] : reviewed["fields"].items()) {
        if (!f.value("edited", false)) continue;
        auto& field = tumor["fields"][name];
        if (!field.contains("evidence")) field = {{"evidence", json::array()}, {"confidence", 1.0}};
        field["value"] = f.value("value", "");
        field["needs_review"] = false;
        field["reason"] = "set by the registrar in review";
        if (field["value"] == "") field.erase("value");
      }
    }
  }
  return out;
}

std::optional<std::string> approved_record_text(const DecisionStore& store, const std::string& id, const std::string& text) {
  const auto record = json::parse(text, nullptr, false);
  if (record.is_discarded()) return std::nullopt;
  // Titles come from the decisions themselves: an export needs no code sets.
  const CodeFinder no_code_sets = [](const std::string&, const std::string&) { return std::optional<CodeFacts>(); };
  const ReviewState state = replay(record, host::sha256_hex(text), store.for_document(id), no_code_sets);
  if (state.status != DocumentStatus::approved) return std::nullopt;
  return reviewed_record(record, state).dump();
}

}  // namespace chartflow::review
