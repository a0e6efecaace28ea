// A query's text as a plain PDF (US Letter, Helvetica 10 pt), written directly: a few objects, a
// content stream per page and a cross-reference table. No PDF library is needed for text.
#include "physician_queries.hpp"

#include <cstdio>
#include <sstream>

namespace chartflow::review {
namespace {

constexpr std::size_t kColumns = 95, kLinesPerPage = 62;

// UTF-8 to the WinAnsi (Latin-1) bytes Helvetica shows; anything else becomes '?'.
std::string to_latin1(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      out += (c < 0x20 && c != '\n') ? ' ' : static_cast<char>(c);
      ++i;
    } else if ((c & 0xE0) == 0xC0 && i + 1 < s.size()) {
      const unsigned cp = ((c & 0x1Fu) << 6) | (static_cast<unsigned char>(s[i + 1]) & 0x3Fu);
      out += cp >= 0xA0 && cp <= 0xFF ? static_cast<char>(cp) : '?';
      i += 2;
    } else {
      out += '?';
      ++i;
      while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
    }
  }
  return out;
}

std::vector<std::string> wrap(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    while (line.size() > kColumns) {
      std::size_t cut = line.rfind(' ', kColumns);
      if (cut == std::string::npos || cut < kColumns / 2) cut = kColumns;
      lines.push_back(line.substr(0, cut));
      line = "    " + line.substr(cut + (line[cut] == ' ' ? 1 : 0));
    }
    lines.push_back(line);
  }
  return lines;
}

std::string escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '(' || c == ')' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

}  // namespace

std::string query_pdf(const std::string& text) {
  const auto lines = wrap(to_latin1(text));
  std::vector<std::string> pages;
  for (std::size_t first = 0; first < std::max<std::size_t>(lines.size(), 1); first += kLinesPerPage) {
    std::string stream = "BT /F1 10 Tf 12 TL 54 740 Td\n";
    for (std::size_t i = first; i < std::min(lines.size(), first + kLinesPerPage); ++i) stream += "(" + escape(lines[i]) + ") Tj T*\n";
    pages.push_back(stream + "ET\n");
  }
  // Objects: 1 catalog, 2 page tree, 3 font, then a page and its content per page.
  std::vector<std::string> objects = {"<< /Type /Catalog /Pages 2 0 R >>", "", "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"};
  std::string kids;
  for (std::size_t p = 0; p < pages.size(); ++p) {
    const std::size_t page_obj = objects.size() + 1, content_obj = page_obj + 1;
    kids += std::to_string(page_obj) + " 0 R ";
    objects.push_back("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents " +
                      std::to_string(content_obj) + " 0 R >>");
    objects.push_back("<< /Length " + std::to_string(pages[p].size()) + " >>\nstream\n" + pages[p] + "endstream");
  }
  objects[1] = "<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(pages.size()) + " >>";
  std::string pdf = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n";
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const std::size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (const auto offset : offsets) {
    char entry[24];
    std::snprintf(entry, sizeof entry, "%010zu 00000 n \n", offset);
    pdf += entry;
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

}  // namespace chartflow::review
