// The claims file of `chartflow drg group`: CSV (RFC 4180 quoting) or TSV, plain or gzip-compressed, with
// a header row naming its columns (docs/drg.md). Structural problems -- a missing column, a row with the
// wrong number of fields, a date, age, sex or status that cannot be read, an empty principal diagnosis --
// throw host::FatalError naming the file, the line and the column. Codes are not checked here: an unknown
// or misplaced code is the claim's own problem, which the MCE edits and the grouper's return code report.
#pragma once

#include "grouper.hpp"

#include <cstddef>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

struct gzFile_s;

namespace chartflow::cli {

// Rows of a delimited text file, plain or gzip (read through zlib, which passes plain files through).
// With ',' quoted fields may hold separators, doubled quotes and line breaks; with '\t' no quoting.
class DelimitedReader {
 public:
  // Throws host::FatalError when the file cannot be opened.
  DelimitedReader(const std::filesystem::path& file, char separator);
  ~DelimitedReader();
  DelimitedReader(const DelimitedReader&) = delete;
  DelimitedReader& operator=(const DelimitedReader&) = delete;

  // The next row that is not blank; false at the end of the file.
  bool next(std::vector<std::string>& fields);
  // The line the row last returned by next() starts on (1 for the header).
  std::size_t line() const { return row_line_; }
  const std::string& name() const { return name_; }
  char separator() const { return separator_; }
  // Throws host::FatalError "<file>:<line>: <why>".
  [[noreturn]] void fail(const std::string& why) const;

 private:
  bool read_line(std::string& line);

  std::string name_;
  char separator_;
  gzFile_s* file_ = nullptr;
  std::size_t line_number_ = 0;
  std::size_t row_line_ = 0;
};

// ',' for *.csv, '\t' for *.tsv / *.tab / *.txt (each optionally followed by .gz); for another name, '\t'
// when the first line holds a tab, else ','.
char separator_for(const std::filesystem::path& file);

// A code as the grouper and the MCE take it: spaces and dots dropped, letters upper-cased.
std::string normalize_code(std::string_view code);

struct ClaimRow {
  std::string id;         // the id column, else the claim's number in the file (1, 2, ...)
  std::size_t line = 0;   // where the claim starts in the file
  drg::Claim claim;
  int length_of_stay = -1;  // days; -1 when the file does not say
};

// The claims of one file, row by row.
class ClaimsReader {
 public:
  // Opens the file and reads its header; throws host::FatalError for an unreadable file or a header
  // without a required column.
  explicit ClaimsReader(const std::filesystem::path& file);

  // The next claim; false at the end. Throws host::FatalError "<file>:<line>: column '<name>': <why>".
  bool next(ClaimRow& row);

  static constexpr const char* kRequired[] = {"discharge_date", "age", "sex", "discharge_status", "pdx"};
  static constexpr const char* kOptional[] = {"id",     "hospital_status", "admit_dx", "length_of_stay",
                                              "poa_pdx", "sdx",            "procedures"};

 private:
  const std::string& cell(const char* column) const;
  bool has(const char* column) const { return columns_.contains(column); }
  [[noreturn]] void fail(const char* column, const std::string& why) const;
  // The row's discharge date, age, sex, discharge status, POA reporting status and length of stay.
  void read_patient_and_stay(ClaimRow& row) const;
  drg::HospitalStatus read_hospital_status() const;
  // The principal (with its POA), admitting and secondary diagnoses and the procedures.
  void read_codes(drg::Claim& claim) const;

  DelimitedReader in_;
  std::map<std::string, std::size_t, std::less<>> columns_;
  std::size_t width_ = 0;
  std::size_t count_ = 0;
  std::vector<std::string> fields_;
};

}  // namespace chartflow::cli
