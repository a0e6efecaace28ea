// The record's envelope members (document, pipeline, producers, diagnostics, schema_version) and
// its views written as compact JSON straight from the typed structs, for dump_record: building them as a
// nlohmann::json tree first cost as much as writing all of a note's mentions.
//
// The text is byte for byte what nlohmann::json gives for the same structs (keys sorted, strings
// escaped the same way, invalid UTF-8 replaced by U+FFFD); record_json_test checks that it stays so.
#pragma once

#include "record.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace chartflow::record {

// The envelope members this record writes, in no particular order ("diagnostics" only when there are some).
std::vector<std::string_view> envelope_members(const Record& record);
// Appends the value of envelope member `key` (one of envelope_members) to `out`.
void append_envelope_member(std::string& out, const Record& record, std::string_view key);
// Appends the record's views array.
void append_views(std::string& out, const std::vector<TextView>& views);

}  // namespace chartflow::record
