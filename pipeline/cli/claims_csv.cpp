#include "claims_csv.hpp"

#include "../host/errors.hpp"

#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <charconv>

namespace chartflow::cli {
namespace fs = std::filesystem;

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The whitespace-separated words of a cell.
std::vector<std::string_view> words(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    const std::size_t start = i;
    while (i < text.size() && !std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    if (i > start) out.push_back(text.substr(start, i - start));
  }
  return out;
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int to_int(std::string_view digits) {
  int value = 0;
  std::from_chars(digits.data(), digits.data() + digits.size(), value);
  return value;
}

// YYYY-MM-DD or YYYYMMDD, a real calendar day -> yyyymmdd; 0 when it is neither.
int parse_date(std::string_view text) {
  std::string digits;
  if (text.size() == 10 && text[4] == '-' && text[7] == '-') {
    digits = std::string(text.substr(0, 4)) + std::string(text.substr(5, 2)) + std::string(text.substr(8, 2));
  } else if (text.size() == 8) {
    digits = std::string(text);
  }
  if (digits.size() != 8 || !all_digits(digits)) return 0;
  const int year = to_int(std::string_view(digits).substr(0, 4));
  const int month = to_int(std::string_view(digits).substr(4, 2));
  const int day = to_int(std::string_view(digits).substr(6, 2));
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (year < 1900 || month < 1 || month > 12 || day < 1 || day > kDays[month - 1]) return 0;
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  if (month == 2 && day == 29 && !leap) return 0;
  return year * 10000 + month * 100 + day;
}

// A diagnosis written "CODE" or "CODE:POA".
drg::DiagnosisInput diagnosis(std::string_view text) {
  const std::size_t colon = text.rfind(':');
  if (colon == std::string_view::npos) return {normalize_code(text), drg::Poa::blank};
  return {normalize_code(text.substr(0, colon)), drg::poa_from_string(trim(text.substr(colon + 1)))};
}

}  // namespace

// ---- DelimitedReader -------------------------------------------------------------------------------------

DelimitedReader::DelimitedReader(const fs::path& file, char separator) : name_(file.string()), separator_(separator) {
  std::error_code ec;
  if (fs::is_directory(file, ec)) throw host::FatalError(name_ + ": is a folder, not a claims file");
  file_ = gzopen(name_.c_str(), "rb");
  if (file_ == nullptr) throw host::FatalError(name_ + ": cannot open (no such file, or not readable)");
}

DelimitedReader::~DelimitedReader() {
  if (file_ != nullptr) gzclose(file_);
}

void DelimitedReader::fail(const std::string& why) const {
  throw host::FatalError(name_ + ":" + std::to_string(row_line_) + ": " + why);
}

// One physical line without its terminator; false at the end of the file.
bool DelimitedReader::read_line(std::string& line) {
  line.clear();
  char buffer[1 << 14];
  bool any = false;
  while (gzgets(file_, buffer, sizeof buffer) != nullptr) {
    any = true;
    line.append(buffer);
    if (!line.empty() && line.back() == '\n') break;
  }
  if (!any) {
    int error = Z_OK;
    const char* message = gzerror(file_, &error);
    if (error != Z_OK && error != Z_STREAM_END) {
      row_line_ = line_number_ + 1;
      fail(std::string("cannot read: ") + message);
    }
    return false;
  }
  ++line_number_;
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
  if (line_number_ == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);  // UTF-8 byte order mark
  return true;
}

bool DelimitedReader::next(std::vector<std::string>& fields) {
  std::string line;
  for (;;) {
    if (!read_line(line)) return false;
    row_line_ = line_number_;
    if (!trim(line).empty()) break;
  }
  fields.assign(1, std::string());
  if (separator_ != ',') {
    for (const char c : line) {
      if (c == separator_) {
        fields.emplace_back();
      } else {
        fields.back() += c;
      }
    }
    return true;
  }
  // CSV: a field that starts with a quote runs to the closing quote ("" inside is one quote), across lines.
  std::size_t i = 0;
  bool quoted = false, was_quoted = false;
  for (;;) {
    if (i == line.size()) {
      if (!quoted) break;
      std::string more;
      if (!read_line(more)) fail("a quoted field is never closed (a \" is missing)");
      line += '\n';
      line += more;
      continue;
    }
    const char c = line[i++];
    if (quoted) {
      if (c != '"') {
        fields.back() += c;
      } else if (i < line.size() && line[i] == '"') {
        fields.back() += '"';
        ++i;
      } else {
        quoted = false;
      }
    } else if (c == separator_) {
      fields.emplace_back();
      was_quoted = false;
    } else if (c == '"' && !was_quoted && trim(fields.back()).empty()) {
      fields.back().clear();
      quoted = was_quoted = true;
    } else {
      fields.back() += c;
    }
  }
  return true;
}

char separator_for(const fs::path& file) {
  fs::path name = file.filename();
  if (lower(name.extension().string()) == ".gz") name = name.stem();
  const std::string extension = lower(name.extension().string());
  if (extension == ".csv") return ',';
  if (extension == ".tsv" || extension == ".tab" || extension == ".txt") return '\t';
  gzFile in = gzopen(file.string().c_str(), "rb");
  if (in == nullptr) return ',';
  char buffer[4096];
  const bool tab = gzgets(in, buffer, sizeof buffer) != nullptr && std::string_view(buffer).find('\t') != std::string_view::npos;
  gzclose(in);
  return tab ? '\t' : ',';
}

std::string normalize_code(std::string_view code) {
  std::string out;
  out.reserve(code.size());
  for (const char c : code) {
    if (c == '.' || std::isspace(static_cast<unsigned char>(c))) continue;
    out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return out;
}

// ---- ClaimsReader ----------------------------------------------------------------------------------------

ClaimsReader::ClaimsReader(const fs::path& file) : in_(file, separator_for(file)) {
  std::vector<std::string> header;
  if (!in_.next(header)) throw host::FatalError(in_.name() + ": empty file, expected a header row naming the columns");
  for (std::size_t i = 0; i < header.size(); ++i) {
    const std::string name = lower(trim(header[i]));
    if (name.empty()) continue;
    if (!columns_.emplace(name, i).second) in_.fail("column '" + name + "' appears twice in the header");
  }
  width_ = header.size();
  for (const char* column : kRequired) {
    if (has(column)) continue;
    std::string required, optional;
    for (const char* c : kRequired) required += std::string(required.empty() ? "" : ", ") + c;
    for (const char* c : kOptional) optional += std::string(optional.empty() ? "" : ", ") + c;
    in_.fail(std::string("the header has no column '") + column + "' (required: " + required + "; optional: " + optional + ")");
  }
}

const std::string& ClaimsReader::cell(const char* column) const {
  static const std::string none;
  const auto it = columns_.find(std::string_view(column));
  return it == columns_.end() ? none : fields_[it->second];
}

void ClaimsReader::fail(const char* column, const std::string& why) const {
  in_.fail(std::string("column '") + column + "': " + why);
}

bool ClaimsReader::next(ClaimRow& row) {
  if (!in_.next(fields_)) return false;
  if (fields_.size() != width_) {
    in_.fail(std::to_string(fields_.size()) + (fields_.size() == 1 ? " field" : " fields") + ", but the header has " +
             std::to_string(width_) + (in_.separator() == ',' ? " (a comma inside a value needs quotes)" : ""));
  }
  ++count_;
  row = ClaimRow{};
  row.line = in_.line();
  const std::string_view id = trim(cell("id"));
  row.id = id.empty() ? std::to_string(count_) : std::string(id);
  read_patient_and_stay(row);
  read_codes(row.claim);
  return true;
}

void ClaimsReader::read_patient_and_stay(ClaimRow& row) const {
  drg::Claim& claim = row.claim;
  const std::string_view date = trim(cell("discharge_date"));
  claim.discharge_date = parse_date(date);
  if (claim.discharge_date == 0) fail("discharge_date", "'" + std::string(date) + "' is not a date (YYYY-MM-DD or YYYYMMDD)");

  const std::string_view age = trim(cell("age"));
  if (!all_digits(age) || age.size() > 3) fail("age", "'" + std::string(age) + "' is not an age in whole years");
  claim.age = to_int(age);

  const std::string sex = lower(trim(cell("sex")));
  if (sex == "m" || sex == "male") {
    claim.sex = drg::Sex::male;
  } else if (sex == "f" || sex == "female") {
    claim.sex = drg::Sex::female;
  } else if (sex == "u" || sex == "unknown") {
    claim.sex = drg::Sex::unknown;
  } else {
    fail("sex", "'" + std::string(trim(cell("sex"))) + "' is not a sex (M, F or U; male, female or unknown)");
  }

  const std::string_view status = trim(cell("discharge_status"));
  if (!all_digits(status) || status.size() > 2)
    fail("discharge_status", "'" + std::string(status) + "' is not a discharge status (the two-digit UB-04 code: 01, 20, ...)");
  claim.discharge_status = to_int(status);

  if (has("hospital_status")) claim.hospital_status = read_hospital_status();
  if (has("length_of_stay")) {
    const std::string_view los = trim(cell("length_of_stay"));
    if (!los.empty()) {
      if (!all_digits(los) || los.size() > 5) fail("length_of_stay", "'" + std::string(los) + "' is not a number of days");
      row.length_of_stay = to_int(los);
    }
  }
}

drg::HospitalStatus ClaimsReader::read_hospital_status() const {
  std::string value = lower(trim(cell("hospital_status")));
  std::replace(value.begin(), value.end(), '-', '_');
  std::replace(value.begin(), value.end(), ' ', '_');
  if (value.empty() || value == "not_exempt") return drg::HospitalStatus::not_exempt;
  if (value == "exempt") return drg::HospitalStatus::exempt;
  if (value == "unknown") return drg::HospitalStatus::unknown;
  fail("hospital_status", "'" + std::string(trim(cell("hospital_status"))) + "' is not a POA reporting status (not_exempt, exempt or unknown)");
}

void ClaimsReader::read_codes(drg::Claim& claim) const {
  claim.pdx = diagnosis(trim(cell("pdx")));
  if (claim.pdx.code.empty()) fail("pdx", "empty (every claim needs its principal diagnosis)");
  if (const std::string_view poa = trim(cell("poa_pdx")); !poa.empty()) claim.pdx.poa = drg::poa_from_string(poa);
  claim.admit_dx = normalize_code(cell("admit_dx"));
  for (const std::string_view dx : words(cell("sdx"))) claim.sdx.push_back(diagnosis(dx));
  for (const std::string_view code : words(cell("procedures"))) claim.procedures.push_back(normalize_code(code));
}

}  // namespace chartflow::cli
