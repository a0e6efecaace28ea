#include "hl7_writer.hpp"

namespace chartflow::hl7 {

std::string escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '|': out += "\\F\\"; break;
      case '^': out += "\\S\\"; break;
      case '&': out += "\\T\\"; break;
      case '~': out += "\\R\\"; break;
      case '\\': out += "\\E\\"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {  // CR, LF, tab, a page's form feed ...
          static constexpr char kHex[] = "0123456789ABCDEF";
          out += "\\X";
          out += kHex[static_cast<unsigned char>(c) >> 4];
          out += kHex[static_cast<unsigned char>(c) & 0x0F];
          out += "\\";
        } else {
          out += c;
        }
    }
  }
  return out;
}

Segment& Segment::field(std::size_t n, std::string value) {
  if (fields_.size() < n) fields_.resize(n);
  fields_[n - 1] = std::move(value);
  return *this;
}

std::string Segment::str() const {
  std::string out = id_;
  std::size_t last = fields_.size();
  while (last > 0 && fields_[last - 1].empty()) --last;  // no trailing empty fields
  for (std::size_t i = 0; i < last; ++i) out += "|" + fields_[i];
  return out;
}

std::string component(const std::vector<std::string>& parts) {
  std::size_t last = parts.size();
  while (last > 0 && parts[last - 1].empty()) --last;
  std::string out;
  for (std::size_t i = 0; i < last; ++i) out += (i ? "^" : "") + escape(parts[i]);
  return out;
}

std::string message(const std::vector<Segment>& segments) {
  std::string out;
  for (const auto& s : segments) out += s.str() + "\r";
  return out;
}

}  // namespace chartflow::hl7
