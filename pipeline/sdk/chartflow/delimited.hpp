// Splitting delimited text (CSV or tab-separated, as a spreadsheet saves it) into rows of cells:
// RFC 4180 quoting (doubled quotes, separators and line breaks inside a quoted cell), CRLF, LF or
// bare CR line ends, each row with the line it starts on. The one splitter of the plugins' data
// readers (the CMS-HCC tables, a user's CMS Table 5). Header-only, standard library only.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace chartflow::sdk {

struct DelimitedRow {
  std::size_t line = 0;  // where the row starts, 1-based
  std::vector<std::string> cells;
  // Every cell empty or spaces (a blank line is one empty cell).
  bool blank() const {
    for (const std::string& cell : cells)
      if (cell.find_first_not_of(" \t\f") != std::string::npos) return false;
    return true;
  }
};

namespace detail {

class Splitter {
 public:
  Splitter(std::string_view text, char separator) : text_(text), separator_(separator) {}

  // Returns false with `open_quote_line` set when the text ends inside a quoted cell.
  bool split(std::vector<DelimitedRow>& rows, std::size_t& open_quote_line) {
    while (at_ < text_.size()) {
      if (quoted_) in_quotes();
      else unquoted(rows);
    }
    if (quoted_) {
      open_quote_line = quote_line_;
      return false;
    }
    if (!cell_.empty() || !row_.cells.empty()) end_row(rows);  // a last line without a line end
    return true;
  }

 private:
  bool line_end_at(std::size_t i) const {
    return text_[i] == '\n' || (text_[i] == '\r' && (i + 1 >= text_.size() || text_[i + 1] != '\n'));
  }

  void in_quotes() {
    const char c = text_[at_];
    if (c == '"') {
      if (at_ + 1 < text_.size() && text_[at_ + 1] == '"') {
        cell_ += '"';
        at_ += 2;
        return;
      }
      quoted_ = false;
      ++at_;
      return;
    }
    if (line_end_at(at_)) ++line_;
    cell_ += c;
    ++at_;
  }

  void unquoted(std::vector<DelimitedRow>& rows) {
    const char c = text_[at_];
    if (c == '"' && cell_.empty() && !cell_was_quoted_) {
      quoted_ = cell_was_quoted_ = true;
      quote_line_ = line_;
      ++at_;
    } else if (c == separator_) {
      end_cell();
      ++at_;
    } else if (c == '\r' || c == '\n') {
      at_ += c == '\r' && at_ + 1 < text_.size() && text_[at_ + 1] == '\n' ? 2 : 1;
      ++line_;
      end_row(rows);
    } else {
      cell_ += c;
      ++at_;
    }
  }

  void end_cell() {
    row_.cells.push_back(std::move(cell_));
    cell_.clear();
    cell_was_quoted_ = false;
  }

  void end_row(std::vector<DelimitedRow>& rows) {
    end_cell();
    rows.push_back(std::move(row_));
    row_ = DelimitedRow{line_, {}};
  }

  std::string_view text_;
  char separator_;
  std::size_t at_ = 0, line_ = 1, quote_line_ = 0;
  bool quoted_ = false, cell_was_quoted_ = false;
  DelimitedRow row_{1, {}};
  std::string cell_;
};

}  // namespace detail

// Appends the rows of `text` to `rows`, blank lines included (as rows of one empty cell). Returns
// false with `open_quote_line` set when the text ends inside a quoted cell (a missing quote, or a
// file cut short).
inline bool split_delimited(std::string_view text, char separator, std::vector<DelimitedRow>& rows, std::size_t& open_quote_line) {
  return detail::Splitter(text, separator).split(rows, open_quote_line);
}

}  // namespace chartflow::sdk
