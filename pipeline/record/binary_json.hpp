// JSON text from binary items (chartflow/binary.hpp), written the way nlohmann::json::dump writes
// it, for record files and for plugins built against ABI 1.0; and the item checks that only the
// binary form needs (strings must be UTF-8).
#pragma once

#include <chartflow/binary.hpp>

#include <nlohmann/json.hpp>

#include <string>

namespace chartflow::record {

void append_json(std::string& out, const binary::Value& value);
// A JSON string literal for `text` (which must be valid UTF-8).
void append_json_string(std::string& out, std::string_view text);
// "[item,item,...]"
void append_json(std::string& out, const binary::Items& items);
std::string to_json_text(const binary::Items& items);

// True when `value` nests arrays and objects at most `limit` deep. Checked before anything walks
// an item recursively, so a stage cannot overflow the host's stack with deep nesting.
bool nesting_within(const binary::Value& value, unsigned limit);
bool nesting_within(const nlohmann::json& value, unsigned limit);

// True when every string and key in `value` is valid UTF-8.
bool strings_are_utf8(const binary::Value& value);

// `item` (an object) with its "producer" member set to `producer`, appended to `out`: the host's
// stamp on every item a stage adds, whatever the stage wrote there.
void append_stamped(std::string& out, const binary::Value& item, std::string_view producer);

}  // namespace chartflow::record
