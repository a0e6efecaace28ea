// text-reader: the reader stage for plain-text charts. Writes the document's "raw" view.
#include "decode.hpp"

#include <chartflow/sdk.hpp>

namespace chartflow::text_reader {

class TextReader {
 public:
  explicit TextReader(const sdk::Context& context)
      : allow_windows_1252_(context.config().value("legacy_encoding", "windows-1252") == "windows-1252") {}

  void process(const sdk::Document& document, sdk::Output& output) {
    const std::string_view bytes = document.source_bytes();
    if (bytes.empty()) throw sdk::InvalidInput("empty file: no text to read");
    Decoded decoded = decode(bytes, allow_windows_1252_);
    if (decoded.text.find_first_not_of(" \t\r\n\f\v") == std::string::npos)
      throw sdk::InvalidInput("no text: the file holds only whitespace");
    output.add_view("raw", decoded.text, {{"origin", "file"}, {"encoding", decoded.encoding}});
    if (decoded.encoding == "windows-1252")
      output.warn("decoded-windows-1252", "the file was not UTF-8 and was decoded as Windows-1252; check accented characters");
  }

 private:
  bool allow_windows_1252_;
};

}  // namespace chartflow::text_reader

CHARTFLOW_PLUGIN(chartflow::text_reader::TextReader)
