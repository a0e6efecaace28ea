// The text a registrar reads, rendered from parsed ORU^R01 messages: the report's identifiers
// (MRN, accession number, specimen date) and its sections (final diagnosis, gross, microscopic,
// ...) under headings, from the OBX segments in order. Names, addresses and other identifiers
// are not copied.
#pragma once

#include "hl7_message.hpp"

#include <stdexcept>
#include <string>
#include <vector>

namespace chartflow::hl7 {

enum class ReportProblem {
  unsupported_type,  // not an ORU^R01 message
  no_text,           // no OBX with report text
  bad_encoding,      // a value is not UTF-8
};

// Why a message gives no report; the message says where, never what the message holds.
class ReportError : public std::runtime_error {
 public:
  ReportError(ReportProblem problem, const std::string& message) : std::runtime_error(message), problem_(problem) {}
  ReportProblem problem() const noexcept { return problem_; }

 private:
  ReportProblem problem_;
};

// The report text of every message in the file (messages after the first under a heading of
// their own). Control characters HL7 escapes may carry become spaces. Throws ReportError.
std::string report_text(const std::vector<Message>& messages);

}  // namespace chartflow::hl7
