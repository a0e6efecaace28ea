#include "binary_json.hpp"

#include "json_text.hpp"

#include <chartflow/utf8.hpp>

#include <cstdint>
#include <cstring>

namespace chartflow::record {

void append_json_string(std::string& out, std::string_view text) { JsonText(out).string(text); }

void append_json(std::string& out, const binary::Value& v) { JsonText(out).value(v); }

void append_json(std::string& out, const binary::Items& items) { JsonText(out).items(items); }

std::string to_json_text(const binary::Items& items) {
  std::string out;
  out.reserve(items.bytes().size() + items.bytes().size() / 2);
  append_json(out, items);
  return out;
}

bool nesting_within(const binary::Value& v, unsigned limit) {
  if (!v.is_array() && !v.is_object()) return true;
  if (limit == 0) return false;
  bool ok = true;
  if (v.is_array()) v.for_each_element([&](const binary::Value& e) { ok = ok && nesting_within(e, limit - 1); });
  else v.for_each_member([&](std::string_view, const binary::Value& e) { ok = ok && nesting_within(e, limit - 1); });
  return ok;
}

bool nesting_within(const nlohmann::json& v, unsigned limit) {
  if (!v.is_structured()) return true;
  if (limit == 0) return false;
  for (const auto& e : v)
    if (!nesting_within(e, limit - 1)) return false;
  return true;
}

bool strings_are_utf8(const binary::Value& v) {
  bool ok = true;
  if (v.is_string()) return utf8::is_valid(v.as_string());
  if (v.is_array()) v.for_each_element([&](const binary::Value& e) { ok = ok && strings_are_utf8(e); });
  if (v.is_object())
    v.for_each_member([&](std::string_view key, const binary::Value& e) { ok = ok && utf8::is_valid(key) && strings_are_utf8(e); });
  return ok;
}

void append_stamped(std::string& out, const binary::Value& item, std::string_view producer) {
  const std::size_t header = out.size();
  out += static_cast<char>(binary::Tag::object);
  out.append(8, '\0');
  std::uint32_t count = 0;
  item.for_each_member([&](std::string_view key, const binary::Value& value) {
    if (key == "producer") return;
    const auto length = static_cast<std::uint32_t>(key.size());
    out.append(reinterpret_cast<const char*>(&length), 4);
    out.append(key);
    out.append(value.bytes());
    ++count;
  });
  const auto length = static_cast<std::uint32_t>(8);
  out.append(reinterpret_cast<const char*>(&length), 4);
  out.append("producer");
  out += static_cast<char>(binary::Tag::string);
  const auto producer_length = static_cast<std::uint32_t>(producer.size());
  out.append(reinterpret_cast<const char*>(&producer_length), 4);
  out.append(producer);
  ++count;
  const auto payload = static_cast<std::uint32_t>(out.size() - header - 9);  // the members' bytes
  std::memcpy(out.data() + header + 1, &payload, 4);
  std::memcpy(out.data() + header + 5, &count, 4);
}

}  // namespace chartflow::record
