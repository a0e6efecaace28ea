#include "binary_json.hpp"

#include <chartflow/utf8.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>

namespace chartflow::record {
namespace {

// Whether any of the eight bytes in `block` is a control character, a quote or a backslash (the
// bytes JSON escapes): word-at-a-time tests that never flag a byte of 0x80 or more, so UTF-8
// passes through.
bool needs_escape(std::uint64_t block) {
  constexpr std::uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
  const auto has_zero_byte = [](std::uint64_t x) { return (x - ones) & ~x & highs; };
  const std::uint64_t below_space = (block - ones * 0x20) & ~block & highs;
  return (below_space | has_zero_byte(block ^ (ones * '"')) | has_zero_byte(block ^ (ones * '\\'))) != 0;
}

void append_escaped(std::string& out, unsigned char c) {
  static constexpr char kHex[] = "0123456789abcdef";
  switch (c) {
    case '"': out += "\\\""; break;
    case '\\': out += "\\\\"; break;
    case '\b': out += "\\b"; break;
    case '\f': out += "\\f"; break;
    case '\n': out += "\\n"; break;
    case '\r': out += "\\r"; break;
    case '\t': out += "\\t"; break;
    default: out += "\\u00", out += kHex[c >> 4], out += kHex[c & 15];
  }
}

// Record text is mostly plain: whole words of it are checked at once and copied in runs (the
// byte-at-a-time loop was a twentieth of the text pipeline's instructions).
void append_string(std::string& out, std::string_view s) {
  out += '"';
  std::size_t run = 0;  // bytes copied as they are, flushed in one append
  std::size_t i = 0;
  while (i < s.size()) {
    if (i + 8 <= s.size()) {
      std::uint64_t block;
      std::memcpy(&block, s.data() + i, 8);
      if (!needs_escape(block)) {
        i += 8;
        continue;
      }
    }
    const std::size_t stop = std::min(i + 8, s.size());
    for (; i < stop; ++i) {
      const auto c = static_cast<unsigned char>(s[i]);
      if (c >= 0x20 && c != '"' && c != '\\') continue;
      out.append(s.data() + run, i - run);
      run = i + 1;
      append_escaped(out, c);
    }
  }
  out.append(s.data() + run, s.size() - run);
  out += '"';
}

void append_double(std::string& out, double d) {
  if (!std::isfinite(d)) {
    out += "null";  // as nlohmann::json writes NaN and infinities
    return;
  }
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof(buffer), d);
  const std::string_view text(buffer, static_cast<std::size_t>(result.ptr - buffer));
  out += text;
  if (text.find_first_of(".e") == std::string_view::npos) out += ".0";  // keep it a float when read back
}

template <class Integer>
void append_integer(std::string& out, Integer i) {
  char buffer[24];
  const auto result = std::to_chars(buffer, buffer + sizeof(buffer), i);
  out.append(buffer, static_cast<std::size_t>(result.ptr - buffer));
}

}  // namespace

void append_json_string(std::string& out, std::string_view text) { append_string(out, text); }

void append_json(std::string& out, const binary::Value& v) {
  switch (v.tag()) {
    case binary::Tag::null: out += "null"; break;
    case binary::Tag::false_: out += "false"; break;
    case binary::Tag::true_: out += "true"; break;
    case binary::Tag::int64: append_integer(out, v.as_int()); break;
    case binary::Tag::uint64: append_integer(out, v.as_uint()); break;
    case binary::Tag::double_: append_double(out, v.as_double()); break;
    case binary::Tag::string: append_string(out, v.as_string()); break;
    case binary::Tag::array: {
      out += '[';
      bool first = true;
      v.for_each_element([&](const binary::Value& e) {
        if (!first) out += ',';
        first = false;
        append_json(out, e);
      });
      out += ']';
      break;
    }
    case binary::Tag::object: {
      out += '{';
      bool first = true;
      v.for_each_member([&](std::string_view key, const binary::Value& e) {
        if (!first) out += ',';
        first = false;
        append_string(out, key);
        out += ':';
        append_json(out, e);
      });
      out += '}';
      break;
    }
  }
}

void append_json(std::string& out, const binary::Items& items) {
  out += '[';
  bool first = true;
  for (const binary::Value v : items) {
    if (!first) out += ',';
    first = false;
    append_json(out, v);
  }
  out += ']';
}

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
