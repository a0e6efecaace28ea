// Reading a plugin's tab-separated data files, with errors that name the file and line.
// Header-only, standard library only, like the rest of the SDK.
#pragma once

#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace chartflow::sdk {

// Calls `row(fields, where)` for each data line of `file` ("where" is "file:line" for errors).
// Blank lines, '#' comments and header lines (first field equal to `header`) are skipped.
// Throws std::runtime_error when the file cannot be read.
template <class Row>
void read_tsv(const std::string& file, const std::string& what, Row&& row, const std::string& header = "phrase") {
  std::ifstream in(file);
  if (!in) throw std::runtime_error("cannot read " + what + " " + file);
  // The line, its fields and its "file:line" are reused from row to row: code sets run to hundreds
  // of thousands of rows, so no row allocates.
  std::string line, where;
  std::vector<std::string> fields;
  for (std::size_t number = 1; std::getline(in, line); ++number) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#' || (!header.empty() && line.starts_with(header) && line.size() > header.size() && line[header.size()] == '\t')) continue;
    std::size_t count = 0, start = 0;
    for (;; ++count) {
      const std::size_t tab = line.find('\t', start);
      if (count == fields.size()) fields.emplace_back();
      fields[count].assign(line, start, tab == std::string::npos ? std::string::npos : tab - start);
      if (tab == std::string::npos) break;
      start = tab + 1;
    }
    fields.resize(count + 1);
    where.assign(file).append(":").append(std::to_string(number));
    row(static_cast<const std::vector<std::string>&>(fields), static_cast<const std::string&>(where));
  }
}

}  // namespace chartflow::sdk
