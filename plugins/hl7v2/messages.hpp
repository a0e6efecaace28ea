// The HL7 v2.5.1 messages a chart becomes: MDM^T02 (the document, its text in OBX TX segments
// or the original file in an OBX ED segment) and DFT^P03 (the coded diagnoses in DG1 and the
// procedures in PR1, as coding systems feed patient accounting), both with PID and PV1 from the
// identity stage. docs/ehr-delivery.md gives the field-by-field mapping.
#pragma once

#include "common/chart_record.hpp"
#include "common/originals.hpp"

#include <optional>
#include <string>

namespace chartflow::hl7 {

enum class MessageType { mdm_t02, dft_p03 };
const char* message_type_name(MessageType type);  // "MDM^T02", "DFT^P03"

struct MessageOptions {
  std::string sending_application = "CHARTFLOW", sending_facility;
  std::string receiving_application, receiving_facility;
  std::string assigning_authority;  // PID-3.4 of the MRN, as the receiver knows it
  std::string processing_id = "P";  // MSH-11: P production, T training, D debugging
  bool original_as_ed = false;      // MDM carries the original file (OBX ED) instead of the text
  bool include_needs_review = false;
  std::string icd10cm_system = "I10C";  // DG1-3.3 (table 0396); some receivers still want "I10"
  std::string charge_code = "CODING^Coding summary^99CFL";  // FT1-7 of a DFT without procedures (a chargemaster code)
};

struct BuiltMessage {
  MessageType type = MessageType::mdm_t02;
  std::string control_id;  // MSH-10: the same for the same chart and message type, run after run
  std::string text;        // segments ending in carriage returns, not yet framed
  std::size_t held_back = 0;  // codes left out (needing review, incomplete, other systems, no date)
  std::string note;           // what the receiver does not get and why ("" when all of it), for the receipt
};

// `timestamp`: YYYYMMDDHHMMSS of this delivery (MSH-7, EVN-2). The chart must have no
// delivery blockers.
BuiltMessage build_message(MessageType type, const delivery::ChartRecord& chart, const std::optional<delivery::Original>& original,
                           const MessageOptions& options, const std::string& timestamp);

}  // namespace chartflow::hl7
