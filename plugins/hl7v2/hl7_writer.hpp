// Writing HL7 v2 messages: segments of fields, components and repetitions, with the text of
// every value escaped (HL7 v2.5.1 section 2.7), so that a separator in a
// chart's text can never split a field.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace chartflow::hl7 {

// A value with |, ^, &, ~ and \ escaped (\F\ \S\ \T\ \R\ \E\) and every control character
// (carriage return, line feed, tab, an OCR page's form feed) as \Xhh\, so it is one field
// component whatever the chart says.
std::string escape(std::string_view text);

// One segment: its id, then fields 1..n. A field is written as given (callers escape values
// and join components with '^' themselves, see component()).
class Segment {
 public:
  explicit Segment(std::string id) : id_(std::move(id)) {}
  // Sets field `n` (1-based), leaving empty fields before it.
  Segment& field(std::size_t n, std::string value);
  std::string str() const;

 private:
  std::string id_;
  std::vector<std::string> fields_;
};

// Components joined with '^', each escaped; trailing empty components dropped.
std::string component(const std::vector<std::string>& parts);

// A whole message: segments joined with carriage returns (the HL7 segment terminator).
std::string message(const std::vector<Segment>& segments);

}  // namespace chartflow::hl7
