#include "sink_options.hpp"

#include "../host/errors.hpp"
#include "../host/json_file.hpp"
#include "../host/pipeline.hpp"

#include <algorithm>
#include <charconv>
#include <cstdlib>

namespace chartflow::cli {
namespace {

using nlohmann::json;

std::string config_key(std::string option) {
  std::replace(option.begin(), option.end(), '-', '_');
  return option;
}

// The schema's type of a property: its "type" (the first that is not "null" when it lists
// several), "string" for an enum of strings or when it says nothing.
std::string type_of(const json& property) {
  if (auto t = property.find("type"); t != property.end()) {
    if (t->is_string()) return t->get<std::string>();
    if (t->is_array())
      for (const auto& each : *t)
        if (each.is_string() && each != "null") return each.get<std::string>();
  }
  return "string";
}

json parse_scalar(const std::string& option, const std::string& type, const std::string& text) {
  const auto bad = [&](const std::string& expected) { return UsageError(option + " expects " + expected + ", got '" + text + "'"); };
  if (type == "boolean") {
    if (text == "true" || text == "yes" || text == "1" || text == "on") return true;
    if (text == "false" || text == "no" || text == "0" || text == "off") return false;
    throw bad("no value (a flag), or true or false");
  }
  if (type == "integer") {
    long long value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size()) throw bad("a whole number");
    return value;
  }
  if (type == "number") {
    char* end = nullptr;
    const double value = std::strtod(text.c_str(), &end);
    if (text.empty() || end != text.c_str() + text.size()) throw bad("a number");
    return value;
  }
  if (type == "object") {
    json value = json::parse(text, nullptr, false);
    if (!value.is_object()) throw bad("a JSON object");
    return value;
  }
  return text;
}

// One command-line option's values as the JSON value the schema's type asks for.
json convert(const std::string& option, const std::vector<std::string>& values, const json& property) {
  const std::string type = type_of(property);
  if (type == "boolean" && values.empty()) return true;  // a flag
  if (values.empty()) throw UsageError("option " + option + " needs a value");
  if (type == "array") {
    json items = json::array();
    const std::string item_type = property.contains("items") ? type_of(property["items"]) : "string";
    for (const auto& v : values) items.push_back(parse_scalar(option, item_type, v));
    return items;
  }
  if (values.size() > 1) throw UsageError("option " + option + " takes one value, got " + std::to_string(values.size()));
  return parse_scalar(option, type, values.front());
}

std::string known_options(const json& properties) {
  std::string out;
  for (const auto& [key, property] : properties.items()) out += (out.empty() ? "" : ", ") + option_name(key);
  return out.empty() ? "none" : out;
}

json read_config_file(const Args& args) {
  if (!args.has("config")) return json::object();
  const std::string file = args.value("config");
  json config = host::read_json_file(file, "sink config");
  if (!config.is_object()) throw host::FatalError(file + ": sink config must be a JSON object");
  return config;
}

}  // namespace

std::string option_name(const std::string& key) {
  std::string option = key;
  std::replace(option.begin(), option.end(), '_', '-');
  return "--" + option;
}

json sink_config(const Args& args, const host::Manifest& sink, const std::set<std::string>& host_options) {
  json config = read_config_file(args);
  const json& schema = sink.config_schema;
  const json properties = schema.value("properties", json::object());
  const bool closed = schema.value("additionalProperties", json(true)) == json(false);
  for (const auto& [option, values] : args.options) {
    if (option == "help" || host_options.contains(option)) continue;
    const std::string key = config_key(option);
    const auto property = properties.find(key);
    if (property == properties.end() && closed)
      throw UsageError("unknown option --" + option + " for sink '" + sink.name + "' (its options: " + known_options(properties) + ")");
    config[key] = convert("--" + option, values, property == properties.end() ? json::object() : *property);
  }
  return config;
}

namespace {

// The config key an error is about: the first step of its path, else the property its message
// names ("missing required property 'output'").
std::string key_of(const record::SchemaError& error) {
  if (!error.path.empty()) return error.path.substr(0, error.path.find_first_of(".["));
  const auto open = error.message.find('\''), close = error.message.find('\'', open + 1);
  return open == std::string::npos || close == std::string::npos ? std::string() : error.message.substr(open + 1, close - open - 1);
}

bool on_command_line(const Args& args, const std::set<std::string>& host_options, const std::string& key) {
  return std::any_of(args.options.begin(), args.options.end(),
                     [&](const auto& option) { return !host_options.contains(option.first) && config_key(option.first) == key; });
}

}  // namespace

void check_sink_config(const Args& args, const host::Manifest& sink, const json& config, const std::set<std::string>& host_options) {
  const auto errors = host::check_plugin_config(sink, config);
  if (errors.empty()) return;
  const record::SchemaError& error = errors.front();
  const std::string key = key_of(error);
  const std::string help = " (`chartflow export " + sink.name + " --help` lists its options)";
  if (error.message.starts_with("missing required property")) {
    const json property = sink.config_schema.value("properties", json::object()).value(key, json::object());
    const std::string what = property.value("description", "");
    throw UsageError("sink '" + sink.name + "' needs " + option_name(key) + (what.empty() ? "" : ": " + what));
  }
  const std::string where = error.path.empty() || error.path == key ? "" : " (at " + error.path + ")";
  if (!key.empty() && on_command_line(args, host_options, key)) throw UsageError(option_name(key) + ": " + error.message + where + help);
  if (args.has("config")) throw host::FatalError(args.value("config") + ": " + (error.path.empty() ? "" : error.path + ": ") + error.message + help);
  throw UsageError("sink '" + sink.name + "': " + error.message + (error.path.empty() ? "" : " (at " + error.path + ")") + help);
}

}  // namespace chartflow::cli
