// Rows of cells from a small CSV or tab-separated text file as a spreadsheet saves it (CMS's
// Table 5, docs/drg.md): what a user brings, so everything a spreadsheet may do is accepted (a
// UTF-8 byte order mark, quoted cells with commas, CRLF or bare CR line ends) and everything that
// is not text (a workbook, UTF-16, an empty or cut-off file) is one clear error, never a crash.
#pragma once

#include <chartflow/delimited.hpp>

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace chartflow::drg::detail {

using TextRow = sdk::DelimitedRow;

// The whole file split into rows. Tab-separated when the file holds a tab, else comma-separated;
// in both, a cell that starts with `"` is quoted (RFC 4180: doubled quotes, separators and line
// breaks inside). Throws std::runtime_error "<file>: why" (or "<file>:<line>: why") for a file
// that cannot be read, is empty, larger than `max_bytes`, a spreadsheet workbook, UTF-16 or other
// binary data, or ends inside a quoted cell.
std::vector<TextRow> read_text_table(const std::filesystem::path& file, std::size_t max_bytes);

}  // namespace chartflow::drg::detail
