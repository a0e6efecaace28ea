// Reading a receiver's HL7 v2 acknowledgment: its code (MSA-1), the control id it acknowledges
// (MSA-2) and, for an error or a reject, what the receiver said (ERR-8, ERR-3, MSA-3).
#pragma once

#include <optional>
#include <string>

namespace chartflow::hl7 {

enum class AckCode { accept, error, reject };  // AA/CA, AE/CE, AR/CR

struct Ack {
  AckCode code = AckCode::reject;
  std::string control_id;  // MSA-2
  std::string text;        // the receiver's explanation, unescaped, one line ("" for none)
};

// nullopt when `reply` is no ACK (no MSH, no MSA, or an MSA-1 outside table 0008).
std::optional<Ack> parse_ack(const std::string& reply);

}  // namespace chartflow::hl7
