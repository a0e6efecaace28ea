// Finds section headers in clinical text: upper or mixed case, with or without a colon,
// numbered or not, alone on their line or followed by the section's text.
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace chartflow::sections {

struct SectionCategory {
  std::string name;
  std::string loinc;  // empty when LOINC has no section code for it
};

struct FoundSection {
  std::size_t begin = 0, end = 0;                // the whole section: header to the next header
  std::size_t header_begin = 0, header_end = 0;  // the header words (without numbering or colon)
  std::string category;
  std::string loinc;
  double confidence = 0;
};

class SectionFinder {
 public:
  // `dictionary` has the shape of sections.json; later calls add to or override earlier ones.
  void add_dictionary(const nlohmann::json& dictionary, const std::string& source);
  std::size_t header_count() const { return headers_.size(); }

  std::vector<FoundSection> find(std::string_view text) const;

 private:
  struct Header {
    std::string category;
    std::string loinc;
    bool needs_colon;  // one- and two-letter abbreviations (s, o, a, p, cc) only count with a colon
  };
  const Header* lookup(std::string_view words) const;
  const Header* lookup_compound(const std::string& normalized) const;
  const Header* lookup_misread(std::string_view words) const;
  struct HeaderEnd {
    std::size_t at = std::string_view::npos;  // in the line's words, or npos: the whole line
    bool colon = false;                       // a colon or " - " ends it
  };
  HeaderEnd header_end_in(std::string_view rest) const;
  struct Judged {
    const Header* header;
    double confidence;
  };
  std::optional<Judged> judge(std::string_view rest, std::string_view candidate, HeaderEnd end, const std::vector<FoundSection>& found) const;
  std::unordered_map<std::string, Header> headers_;
  std::size_t longest_ = 0;  // characters in the longest header variant
};

// Lower case, runs of spaces as one, surrounding spaces and trailing punctuation removed.
std::string normalize_header(std::string_view words);

}  // namespace chartflow::sections
