#include "text_table.hpp"

#include <chartflow/delimited.hpp>

#include <fstream>
#include <stdexcept>
#include <string_view>

namespace chartflow::drg::detail {
namespace {

[[noreturn]] void fail(const std::string& where, std::string_view why) { throw std::runtime_error(where + ": " + std::string(why)); }

std::string read_bytes(const std::filesystem::path& file, std::size_t max_bytes) {
  const std::string name = file.string();
  std::error_code ec;
  if (std::filesystem::is_directory(file, ec)) fail(name, "is a folder, not a file");
  std::ifstream in(file, std::ios::binary);
  if (!in) fail(name, "cannot open (does it exist, and may this user read it?)");
  std::string bytes;
  char buffer[1 << 16];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    bytes.append(buffer, static_cast<std::size_t>(in.gcount()));
    if (bytes.size() > max_bytes)
      fail(name, "is larger than " + std::to_string(max_bytes >> 20) + " MiB: far too large for this table (is it the right file?)");
  }
  if (in.bad()) fail(name, "read error");
  return bytes;
}

// Why `bytes` are not text a spreadsheet saved as CSV or tab-separated text, or "" when they are.
// Checked on the whole file: a workbook or UTF-16 would otherwise pass as one odd header line.
std::string_view not_text(std::string_view bytes) {
  constexpr std::string_view kSaveAs = ": save the sheet as CSV (UTF-8) or tab-separated text";
  static const std::string workbook = "is an Excel workbook or a zip archive, not text" + std::string(kSaveAs);
  static const std::string old_workbook = "is an Excel 97-2003 workbook, not text" + std::string(kSaveAs);
  static const std::string utf16 = "is UTF-16 text (what Excel's \"Unicode Text\" writes)" + std::string(kSaveAs);
  static const std::string binary = "holds binary data, not text" + std::string(kSaveAs);
  if (bytes.starts_with("PK\x03\x04")) return workbook;
  if (bytes.starts_with("\xD0\xCF\x11\xE0")) return old_workbook;
  if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF")) return utf16;
  // UTF-16 without its byte order mark: ASCII text with a NUL after (or before) every letter.
  if (bytes.size() >= 2 && (bytes[0] == '\0') != (bytes[1] == '\0')) return utf16;
  for (const char c : bytes) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') return binary;
  }
  return {};
}

}  // namespace

std::vector<TextRow> read_text_table(const std::filesystem::path& file, std::size_t max_bytes) {
  const std::string bytes = read_bytes(file, max_bytes);
  const std::string name = file.string();
  if (const std::string_view why = not_text(bytes); !why.empty()) fail(name, why);
  std::string_view text = bytes;
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // the UTF-8 byte order mark Excel writes
  const char separator = text.find('\t') != std::string_view::npos ? '\t' : ',';
  std::vector<TextRow> rows;
  std::size_t open_quote_line = 0;
  if (!sdk::split_delimited(text, separator, rows, open_quote_line))
    fail(name + ":" + std::to_string(open_quote_line), "a quoted cell is never closed (a \" is missing, or the file is cut short)");
  return rows;
}

}  // namespace chartflow::drg::detail
