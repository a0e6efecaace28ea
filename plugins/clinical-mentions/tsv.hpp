// Reading the plugin's tab-separated data files, with errors that name the file and line.
#pragma once

#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace chartflow::mentions {

// Calls `row(fields, where)` for each data line of `file` ("where" is "file:line" for errors).
// Blank lines, '#' comments and a header line starting with "phrase<TAB>" are skipped.
template <class Row>
void read_tsv(const std::string& file, const std::string& what, Row&& row) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error("cannot read " + what + " " + file);
  std::string line;
  for (std::size_t number = 1; std::getline(in, line); ++number) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#' || line.starts_with("phrase\t")) continue;
    std::vector<std::string> fields;
    std::size_t start = 0;
    for (std::size_t tab; (tab = line.find('\t', start)) != std::string::npos; start = tab + 1) fields.push_back(line.substr(start, tab - start));
    fields.push_back(line.substr(start));
    row(fields, file + ":" + std::to_string(number));
  }
}

inline std::size_t word_count(const std::string& key) {
  std::size_t words = 1;
  for (char c : key) words += c == ' ';
  return words;
}

}  // namespace chartflow::mentions
