// Writes binary values (chartflow/binary.hpp) as compact JSON text through a raw cursor. Appending
// a character at a time through std::string checked the capacity for every quote, comma and colon
// and was a tenth of the text pipeline's instructions; here room is made once per value (and once
// per 1 KB of a string), then bytes are stored directly. The text goes to a per-thread scratch
// buffer, sized once and reused, and is appended to the caller's string in one copy: growing the
// caller's string in place would zero-fill its new room on every call.
#pragma once

#include <chartflow/binary.hpp>

#include <string>
#include <string_view>

namespace chartflow::record {

class JsonText {
 public:
  // Appends to `out`; the text is there once this object is destroyed (or finish() is called).
  explicit JsonText(std::string& out);
  ~JsonText();
  JsonText(const JsonText&) = delete;
  JsonText& operator=(const JsonText&) = delete;

  void value(const binary::Value& v);
  void items(const binary::Items& items);  // as a JSON array
  void string(std::string_view text);      // quoted and escaped; UTF-8 passes through as it is
  void raw(std::string_view text);         // already JSON
  void put(char c) {
    need(1);
    *cursor_++ = c;
  }
  // Appends the text written so far to `out`.
  void finish();

 private:
  // Writes the value at `p` (whose bytes end at `end`) and returns the byte after it.
  const char* write(const char* p, const char* end);
  void need(std::size_t bytes) {
    if (static_cast<std::size_t>(limit_ - cursor_) < bytes) grow(bytes);
  }
  void grow(std::size_t bytes);
  void escaped_chunk(const char* s, std::size_t n);

  std::string& out_;
  std::string buffer_;  // scratch: its size is its usable room, the text is [data, cursor_)
  char* cursor_;
  char* limit_;
};

}  // namespace chartflow::record
