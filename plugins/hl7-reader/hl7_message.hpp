// A small, strict reader for HL7 v2 messages as pathology laboratories send them (NAACCR
// Volume V ORU^R01): segments, fields, repetitions, components and escape sequences. Untrusted
// input: every access is bounds-checked and malformed messages raise Hl7Error with what is wrong.
#pragma once

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

struct Segment {
  std::string id;                   // "MSH", "PID", "OBX", ...
  std::vector<std::string> fields;  // fields[1] is SEG-1 (for MSH: MSH-1 is the field separator)

  // The raw text of field n (1-based), "" when absent.
  std::string_view field(std::size_t n) const { return n < fields.size() ? std::string_view(fields[n]) : std::string_view(); }
};

struct Message {
  Separators separators;
  std::vector<Segment> segments;

  const Segment* first(std::string_view id) const;
  // Component c (1-based) of the first repetition of field n, escapes decoded.
  std::string component(const Segment& segment, std::size_t field, std::size_t component) const;
  // Every repetition of field n, raw.
  std::vector<std::string_view> repetitions(const Segment& segment, std::size_t field) const;
  std::vector<std::string_view> components(std::string_view value) const;
  // HL7 escapes: \F\ \S\ \T\ \R\ \E\ \.br\ (newline), \Xhh..\ (bytes); formatting commands dropped.
  std::string decode(std::string_view value) const;
};

// Splits a file into messages (segments end in CR, LF, CRLF, or the literal "<CR>" of printed
// documentation; MLLP framing bytes are dropped; each message starts at an MSH segment).
// Throws Hl7Error when the bytes hold no MSH segment or a message is malformed.
std::vector<Message> parse_messages(std::string_view bytes, std::size_t max_segments = 100000);

}  // namespace chartflow::hl7
