#include "hl7_message.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace chartflow::hl7 {
namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool valid_segment_id(std::string_view id) {
  return id.size() == 3 && is_upper(id[0]) && (is_upper(id[1]) || is_digit(id[1])) && (is_upper(id[2]) || is_digit(id[2]));
}

// Segments a batch file wraps its messages in: they carry no report.
bool is_batch_envelope(std::string_view id) { return id == "FHS" || id == "BHS" || id == "BTS" || id == "FTS"; }

// Segment ids are structure (three capital letters or digits), so they may be named in a reason;
// anything else on the line may be chart text and is not.
std::string where(std::size_t number, std::string_view id, std::size_t offset) {
  std::string text = "segment " + std::to_string(number);
  if (valid_segment_id(id)) text += " (" + std::string(id) + ")";
  return text + " at byte offset " + std::to_string(offset);
}

struct Line {
  std::string_view text;
  std::size_t offset = 0;
};

// Cuts a file into segment lines without copying: CR, LF, the printed "<CR>" and the MLLP
// framing bytes (0x0B, 0x1C) end a segment; blank lines and leading spaces or tabs are skipped.
class LineReader {
 public:
  LineReader(std::string_view bytes, std::size_t start) : bytes_(bytes), at_(start) {}

  bool next(Line& line) {
    while (at_ < bytes_.size() && (bytes_[at_] == ' ' || bytes_[at_] == '\t' || end_length(at_))) at_ += std::max<std::size_t>(1, end_length(at_));
    if (at_ >= bytes_.size()) return false;
    const std::size_t begin = at_;
    while (at_ < bytes_.size() && !end_length(at_)) ++at_;
    line = {bytes_.substr(begin, at_ - begin), begin};
    return true;
  }

 private:
  std::size_t end_length(std::size_t i) const {
    const char c = bytes_[i];
    if (c == '\r' || c == '\n' || c == '\x0B' || c == '\x1C') return 1;
    return c == '<' && bytes_.substr(i, 4) == "<CR>" ? 4 : 0;
  }

  std::string_view bytes_;
  std::size_t at_;
};

// MSH-1 is the field separator, MSH-2 the four encoding characters.
Separators read_separators(const Line& line, std::size_t number) {
  const std::string place = where(number, "MSH", line.offset);
  if (line.text.size() < 8) throw Hl7Error(place + ": MSH is too short to hold its separators (MSH-1 and the four characters of MSH-2)");
  static constexpr std::array<std::string_view, 5> kNames = {"field separator (MSH-1)", "component separator (MSH-2.1)",
                                                            "repetition separator (MSH-2.2)", "escape character (MSH-2.3)",
                                                            "subcomponent separator (MSH-2.4)"};
  const std::string_view chars = line.text.substr(3, 5);
  for (std::size_t a = 0; a < chars.size(); ++a) {
    if (std::isalnum(static_cast<unsigned char>(chars[a])) || chars[a] == ' ')
      throw Hl7Error(place + ": the " + std::string(kNames[a]) + " at byte offset " + std::to_string(line.offset + 3 + a) +
                     " is a letter, digit or space, which cannot separate fields");
    for (std::size_t b = a + 1; b < chars.size(); ++b)
      if (chars[a] == chars[b])
        throw Hl7Error(place + ": MSH uses the same character for the " + std::string(kNames[a]) + " and the " + std::string(kNames[b]));
  }
  return {chars[0], chars[1], chars[2], chars[3], chars[4]};
}

void append_hex(std::string_view code, std::string& out) {
  const auto hex = [](char c) { return std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : std::tolower(static_cast<unsigned char>(c)) - 'a' + 10; };
  for (std::size_t h = 1; h + 1 < code.size(); h += 2) {
    if (!std::isxdigit(static_cast<unsigned char>(code[h])) || !std::isxdigit(static_cast<unsigned char>(code[h + 1]))) break;
    const char byte = static_cast<char>(hex(code[h]) * 16 + hex(code[h + 1]));
    if (byte != '\0') out += byte;
  }
}

}  // namespace

std::string_view nth_part(std::string_view value, char separator, std::size_t index) {
  for (; index > 0; --index) {
    const std::size_t at = value.find(separator);
    if (at == std::string_view::npos) return {};
    value.remove_prefix(at + 1);
  }
  return value.substr(0, value.find(separator));
}

std::string_view Segment::field(std::size_t n) const {
  if (n == 0) return id;
  if (id == "MSH") {
    if (n == 1) return line.substr(3, 1);
    --n;  // MSH-2 is the first part after the separator
  }
  return nth_part(line, separator, n);
}

std::size_t Segment::field_count() const {
  std::size_t parts = 0;
  for_each_part(line, separator, [&](std::string_view) { ++parts; });
  return parts + (id == "MSH" ? 1 : 0);
}

std::size_t Segment::field_offset(std::size_t n) const {
  const std::string_view f = field(n);
  return offset + (f.data() ? static_cast<std::size_t>(f.data() - line.data()) : line.size());
}

std::string Segment::where() const { return hl7::where(number, id, offset); }

const Segment* Message::first(std::string_view id) const {
  for (const auto& s : segments)
    if (s.id == id) return &s;
  return nullptr;
}

std::string_view Message::raw_component(std::string_view value, std::size_t n) const {
  return n == 0 ? std::string_view() : nth_part(value, separators.component, n - 1);
}

std::string Message::component(const Segment& segment, std::size_t field, std::size_t n) const {
  return decode(raw_component(nth_part(segment.field(field), separators.repetition, 0), n));
}

std::vector<std::string_view> Message::repetitions(const Segment& segment, std::size_t field) const {
  std::vector<std::string_view> out;
  for_each_repetition(segment, field, [&](std::string_view rep) { out.push_back(rep); });
  return out;
}

std::string Message::decode(std::string_view value) const {
  std::string out;
  decode_into(value, out);
  return out;
}

void Message::decode_into(std::string_view value, std::string& out) const {
  while (!value.empty()) {
    const std::size_t start = value.find(separators.escape);
    out.append(value.substr(0, start));
    if (start == std::string_view::npos) return;
    const std::size_t end = value.find(separators.escape, start + 1);
    if (end == std::string_view::npos) {  // a lone escape character (and no other after it): text
      out.append(value.substr(start));
      return;
    }
    const std::string_view code = value.substr(start + 1, end - start - 1);
    if (code == "F") out += separators.field;
    else if (code == "S") out += separators.component;
    else if (code == "T") out += separators.subcomponent;
    else if (code == "R") out += separators.repetition;
    else if (code == "E") out += separators.escape;
    else if (code == ".br" || code.starts_with(".sp")) out += '\n';
    else if (code.size() > 1 && code[0] == 'X' && code.size() % 2 == 1) append_hex(code, out);
    // H, N, .in, .ti, .ce, .fi, .nf and unknown codes: formatting only, dropped.
    value.remove_prefix(end + 1);
  }
}

std::vector<Message> parse_messages(std::string_view bytes, std::size_t max_segments) {
  LineReader lines(bytes, bytes.starts_with(kByteOrderMark) ? kByteOrderMark.size() : 0);
  std::vector<Message> messages;
  std::size_t count = 0;
  for (Line line; lines.next(line);) {
    if (++count > max_segments) throw Hl7Error("more than " + std::to_string(max_segments) + " segments: not a pathology report feed");
    const std::string_view id = line.text.substr(0, 3);
    // Headers name their own field separator; other segments use their message's.
    const bool header = id == "MSH" || is_batch_envelope(id);
    const char separator = header || messages.empty() ? '|' : messages.back().separators.field;
    const bool shaped = valid_segment_id(id) && (line.text.size() == 3 || header || line.text[3] == separator);
    if (!shaped)
      throw Hl7Error(where(count, {}, line.offset) +
                     ": not a segment id (a segment starts with a 3-character id of capital letters or digits and the field "
                     "separator; a line break inside a field must be sent as the escape \\.br\\)");
    if (is_batch_envelope(id)) continue;
    if (id == "MSH") messages.push_back(Message{read_separators(line, count), {}});
    if (messages.empty())
      throw Hl7Error("HL7 message has no MSH segment: " + where(count, id, line.offset) +
                     " comes before any message header; the sending system must start each message with MSH");
    Message& m = messages.back();
    m.segments.push_back(Segment{id, line.text, m.separators.field, count, line.offset});
  }
  if (messages.empty()) throw Hl7Error("HL7 message has no MSH segment: the file holds no message header");
  return messages;
}

}  // namespace chartflow::hl7
