// Character error rate, as the OCR tests and benchmark measure it.
#pragma once

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

namespace chartflow::ocr {

// Runs of whitespace (including form feeds) become one space: layout is not what CER measures.
inline std::string collapse_whitespace(const std::string& text) {
  std::string out;
  bool space = false;
  for (unsigned char c : text) {
    if (std::isspace(c)) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += static_cast<char>(c);
  }
  return out;
}

inline std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] != b[j - 1])});
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

// Edit distance over the ground truth's length, in percent, whitespace collapsed on both sides.
inline double character_error_rate(const std::string& truth, const std::string& hypothesis) {
  const std::string a = collapse_whitespace(truth), b = collapse_whitespace(hypothesis);
  return 100.0 * static_cast<double>(edit_distance(a, b)) / static_cast<double>(std::max<std::size_t>(1, a.size()));
}

}  // namespace chartflow::ocr
