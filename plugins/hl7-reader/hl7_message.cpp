#include "hl7_message.hpp"

#include <algorithm>
#include <cctype>

namespace chartflow::hl7 {
namespace {

std::vector<std::string_view> split(std::string_view s, char separator) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= s.size(); ++i)
    if (i == s.size() || s[i] == separator) {
      out.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  return out;
}

// Segment lines: CR, LF, CRLF and the printed "<CR>" all end a segment; MLLP bytes are dropped.
std::vector<std::string> segment_lines(std::string_view bytes) {
  std::vector<std::string> lines;
  std::string current;
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    const char c = bytes[i];
    if (c == '\x0B' || c == '\x1C') continue;
    if (c == '\r' || c == '\n') {
      if (!current.empty()) lines.push_back(std::move(current));
      current.clear();
    } else if (c == '<' && bytes.substr(i, 4) == "<CR>") {
      if (!current.empty()) lines.push_back(std::move(current));
      current.clear();
      i += 3;
    } else {
      current += c;
    }
  }
  if (!current.empty()) lines.push_back(std::move(current));
  return lines;
}

bool valid_segment_id(std::string_view id) {
  return id.size() == 3 && std::isupper(static_cast<unsigned char>(id[0])) &&
         std::all_of(id.begin(), id.end(), [](char c) { return std::isupper(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)); });
}

}  // namespace

const Segment* Message::first(std::string_view id) const {
  for (const auto& s : segments)
    if (s.id == id) return &s;
  return nullptr;
}

std::vector<std::string_view> Message::repetitions(const Segment& segment, std::size_t field) const {
  return split(segment.field(field), separators.repetition);
}

std::vector<std::string_view> Message::components(std::string_view value) const { return split(value, separators.component); }

std::string Message::component(const Segment& segment, std::size_t field, std::size_t n) const {
  const auto reps = repetitions(segment, field);
  if (reps.empty() || n == 0) return {};
  const auto parts = components(reps.front());
  return n <= parts.size() ? decode(parts[n - 1]) : std::string();
}

std::string Message::decode(std::string_view value) const {
  std::string out;
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (value[i] != separators.escape) {
      out += value[i];
      continue;
    }
    const std::size_t end = value.find(separators.escape, i + 1);
    if (end == std::string_view::npos) {  // a lone escape character: keep it as text
      out += value[i];
      continue;
    }
    const std::string_view code = value.substr(i + 1, end - i - 1);
    if (code == "F") out += separators.field;
    else if (code == "S") out += separators.component;
    else if (code == "T") out += separators.subcomponent;
    else if (code == "R") out += separators.repetition;
    else if (code == "E") out += separators.escape;
    else if (code == ".br") out += '\n';
    else if (code == ".sp" || code.starts_with(".sp")) out += '\n';
    else if (code.size() > 1 && code[0] == 'X' && code.size() % 2 == 1) {
      for (std::size_t h = 1; h + 1 < code.size(); h += 2) {
        const auto hex = [](char c) { return std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : std::tolower(static_cast<unsigned char>(c)) - 'a' + 10; };
        if (!std::isxdigit(static_cast<unsigned char>(code[h])) || !std::isxdigit(static_cast<unsigned char>(code[h + 1]))) break;
        const char byte = static_cast<char>(hex(code[h]) * 16 + hex(code[h + 1]));
        if (byte != '\0') out += byte;
      }
    }
    // H, N, .in, .ti, .ce, .fi, .nf and unknown codes: formatting only, dropped.
    i = end;
  }
  return out;
}

std::vector<Message> parse_messages(std::string_view bytes, std::size_t max_segments) {
  if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
  std::vector<Message> messages;
  std::size_t count = 0;
  for (auto& line : segment_lines(bytes)) {
    if (++count > max_segments) throw Hl7Error("more than " + std::to_string(max_segments) + " segments: not a pathology report feed");
    if (line.starts_with("MSH")) {
      if (line.size() < 8) throw Hl7Error("segment " + std::to_string(count) + ": MSH is too short to hold its separators");
      Message m;
      m.separators.field = line[3];
      const std::string_view enc = std::string_view(line).substr(4, 4);
      m.separators.component = enc[0], m.separators.repetition = enc[1], m.separators.escape = enc[2], m.separators.subcomponent = enc[3];
      const char seps[] = {m.separators.field, m.separators.component, m.separators.repetition, m.separators.escape, m.separators.subcomponent};
      for (std::size_t a = 0; a < 5; ++a) {
        if (std::isalnum(static_cast<unsigned char>(seps[a])) || seps[a] == ' ')
          throw Hl7Error("segment " + std::to_string(count) + ": MSH separators '" + std::string(std::string_view(line).substr(3, 5)) + "' are not valid");
        for (std::size_t b = a + 1; b < 5; ++b)
          if (seps[a] == seps[b]) throw Hl7Error("segment " + std::to_string(count) + ": MSH uses the same character for two separators");
      }
      messages.push_back(std::move(m));
    }
    if (messages.empty()) throw Hl7Error("segment " + std::to_string(count) + ": the file does not start with an MSH segment");
    Message& m = messages.back();
    Segment s;
    auto fields = split(line, m.separators.field);
    s.id = std::string(fields.front());
    if (!valid_segment_id(s.id)) throw Hl7Error("segment " + std::to_string(count) + ": '" + s.id.substr(0, 8) + "' is not a segment id");
    if (s.id == "MSH") {
      // MSH-1 is the field separator itself; MSH-2 the encoding characters.
      s.fields = {s.id, std::string(1, m.separators.field)};
      for (std::size_t i = 1; i < fields.size(); ++i) s.fields.emplace_back(fields[i]);
    } else {
      for (auto f : fields) s.fields.emplace_back(f);
    }
    m.segments.push_back(std::move(s));
  }
  if (messages.empty()) throw Hl7Error("no MSH segment: not an HL7 v2 message");
  return messages;
}

}  // namespace chartflow::hl7
