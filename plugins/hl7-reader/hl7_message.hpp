// A small, strict reader for HL7 v2 messages as pathology laboratories send them (NAACCR
// Volume V ORU^R01): segments, fields, repetitions, components and escape sequences. Untrusted
// input: every access is bounds-checked and malformed messages raise Hl7Error with what is wrong.
//
// Nothing is copied: segments are views into the file's bytes, fields are found on demand, so a
// message costs a few words per segment however large its fields are. Error messages say where
// (segment number and id, field, byte offset) and never quote the message: it is chart text.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace chartflow::hl7 {

class Hl7Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Separators {
  char field = '|', component = '^', repetition = '~', escape = '\\', subcomponent = '&';
};

// Calls f(part) for every part of `value` between `separator`s (always at least one part).
template <class F>
void for_each_part(std::string_view value, char separator, F&& f) {
  for (;;) {
    const std::size_t at = value.find(separator);
    f(value.substr(0, at));
    if (at == std::string_view::npos) return;
    value.remove_prefix(at + 1);
  }
}

// Part `index` (0-based) of `value` split at `separator`; an empty view without data when absent.
std::string_view nth_part(std::string_view value, char separator, std::size_t index);

struct Segment {
  std::string_view id;    // "MSH", "PID", "OBX", ...
  std::string_view line;  // the whole segment, id included, in the file's bytes
  char separator = '|';   // the field separator of its message
  std::size_t number = 0;  // 1-based position among the file's segments
  std::size_t offset = 0;  // byte offset of the segment in the file

  // The raw text of field n (1-based; MSH-1 is the field separator itself), "" when absent.
  std::string_view field(std::size_t n) const;
  std::size_t field_count() const;
  // Byte offset in the file of field n (of the segment's end when the field is absent).
  std::size_t field_offset(std::size_t n) const;
  // "segment 3 (OBX) at byte offset 120", for error messages.
  std::string where() const;
};

struct Message {
  Separators separators;
  std::vector<Segment> segments;

  const Segment* first(std::string_view id) const;
  // Component c (1-based) of the first repetition of field n, escapes decoded.
  std::string component(const Segment& segment, std::size_t field, std::size_t component) const;
  // Component c (1-based) of a raw field value or repetition, raw.
  std::string_view raw_component(std::string_view value, std::size_t component) const;
  // Every repetition of field n, raw (small fields only: for_each_repetition does not allocate).
  std::vector<std::string_view> repetitions(const Segment& segment, std::size_t field) const;
  template <class F>
  void for_each_repetition(const Segment& segment, std::size_t field, F&& f) const {
    for_each_part(segment.field(field), separators.repetition, f);
  }
  // HL7 escapes: \F\ \S\ \T\ \R\ \E\ \.br\ (newline), \Xhh..\ (bytes); formatting commands dropped.
  std::string decode(std::string_view value) const;
  // The same, appended to `out` (large values are decoded once, into their destination).
  void decode_into(std::string_view value, std::string& out) const;
};

// Splits a file into messages (segments end in CR, LF, CRLF, the literal "<CR>" of printed
// documentation or an MLLP framing byte; blank lines and leading spaces are skipped; batch
// envelopes FHS/BHS/BTS/FTS are skipped; each message starts at an MSH segment). The messages
// view into `bytes`, which must outlive them. Throws Hl7Error when the bytes hold no MSH segment
// or a message is malformed.
std::vector<Message> parse_messages(std::string_view bytes, std::size_t max_segments = 100000);
// The messages would view into a temporary: refused at compile time.
std::vector<Message> parse_messages(std::string&& bytes, std::size_t max_segments = 100000) = delete;
inline std::vector<Message> parse_messages(const char* bytes, std::size_t max_segments = 100000) {
  return parse_messages(std::string_view(bytes), max_segments);
}

}  // namespace chartflow::hl7
