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
  std::string line;
  for (std::size_t number = 1; std::getline(in, line); ++number) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#' || (!header.empty() && line.starts_with(header + "\t"))) continue;
    std::vector<std::string> fields;
    std::size_t start = 0;
    for (std::size_t tab; (tab = line.find('\t', start)) != std::string::npos; start = tab + 1) fields.push_back(line.substr(start, tab - start));
    fields.push_back(line.substr(start));
    row(fields, file + ":" + std::to_string(number));
  }
}

}  // namespace chartflow::sdk
