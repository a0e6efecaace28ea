#include "ack.hpp"

#include <vector>

namespace chartflow::hl7 {
namespace {

constexpr std::size_t kMaxText = 300;

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts(1);
  for (const char c : text) {
    if (c == separator) parts.emplace_back();
    else parts.back() += c;
  }
  return parts;
}

// The escape sequences a receiver's message text may hold, back to characters (\Xhh\ and the
// rest become a space: this is for a person to read, not to parse).
std::string unescape(const std::string& text, char escape_char) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != escape_char) {
      out += text[i];
      continue;
    }
    const std::size_t end = text.find(escape_char, i + 1);
    if (end == std::string::npos) break;
    const std::string code = text.substr(i + 1, end - i - 1);
    out += code == "F" ? "|" : code == "S" ? "^" : code == "T" ? "&" : code == "R" ? "~" : code == "E" ? std::string(1, escape_char) : " ";
    i = end;
  }
  return out;
}

std::string one_line(std::string text) {
  for (auto& c : text)
    if (static_cast<unsigned char>(c) < 0x20) c = ' ';
  return text.size() > kMaxText ? text.substr(0, kMaxText) + "..." : text;
}

}  // namespace

std::optional<Ack> parse_ack(const std::string& reply) {
  // Segments end in CR; some engines send LF or CRLF.
  std::string normalized = reply;
  for (auto& c : normalized)
    if (c == '\n') c = '\r';
  if (normalized.rfind("MSH", 0) != 0 || normalized.size() < 8) return std::nullopt;
  const char field = normalized[3], component = normalized[4], escape = normalized[6];
  std::optional<Ack> ack;
  std::string errors;
  for (const std::string& segment : split(normalized, '\r')) {
    const std::vector<std::string> fields = split(segment, field);
    if (fields[0] == "MSA" && fields.size() > 2 && !ack) {
      const std::string code = fields[1];
      if (code != "AA" && code != "CA" && code != "AE" && code != "CE" && code != "AR" && code != "CR") return std::nullopt;
      ack = Ack{code[1] == 'A' ? AckCode::accept : code[1] == 'E' ? AckCode::error : AckCode::reject, fields[2], ""};
      if (fields.size() > 3 && !fields[3].empty()) errors = unescape(fields[3], escape);
    } else if (fields[0] == "ERR") {
      // ERR-8 (user message) says it best; else ERR-3's text component; else its code.
      std::string text = fields.size() > 8 ? fields[8] : "";
      if (text.empty() && fields.size() > 3) {
        const auto parts = split(fields[3], component);
        text = parts.size() > 1 && !parts[1].empty() ? parts[1] : parts[0];
      }
      if (!text.empty()) errors += (errors.empty() ? "" : "; ") + unescape(text, escape);
    }
  }
  if (ack) ack->text = one_line(errors);
  return ack;
}

}  // namespace chartflow::hl7
