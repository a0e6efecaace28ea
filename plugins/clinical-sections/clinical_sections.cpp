// clinical-sections: finds the sections of a chart (with their canonical category and LOINC
// code) and splits each into sentences.
#include "section_finder.hpp"
#include "sentence_splitter.hpp"

#include <chartflow/sdk.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace chartflow::sections {

namespace {

sdk::json read_dictionary(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw sdk::ConfigError("cannot read section dictionary " + file.string());
  std::ostringstream text;
  text << in.rdbuf();
  try {
    return sdk::json::parse(text.str());
  } catch (const sdk::json::parse_error& e) {
    throw sdk::ConfigError(file.string() + " is not valid JSON: " + e.what());
  }
}

}  // namespace

class ClinicalSections {
 public:
  explicit ClinicalSections(const sdk::Context& context) {
    const auto& config = context.config();
    const std::filesystem::path builtin = std::filesystem::path(context.plugin_dir()) / "sections.json";
    try {
      finder_.add_dictionary(read_dictionary(config.value("sections_file", builtin.string())), "sections_file");
      if (config.contains("extra_sections_file"))
        finder_.add_dictionary(read_dictionary(config["extra_sections_file"].get<std::string>()), "extra_sections_file");
    } catch (const std::invalid_argument& e) {
      throw sdk::ConfigError(e.what());
    }
    sentences_ = config.value("split_sentences", true);
  }

  void process(const sdk::Document& document, sdk::Output& output) {
    const auto text = document.view("normalized");
    if (!text) throw sdk::InvalidInput("the document has no normalized text view");
    const auto found = finder_.find(*text);
    binary::Writer sections, sentences;
    for (std::size_t i = 0; i < found.size(); ++i) {
      const auto& s = found[i];
      sections.begin_object()
          .member("id", "sec" + std::to_string(i + 1))
          .member("view", "normalized")
          .member("begin", s.begin)
          .member("end", s.end)
          .member("category", s.category);
      sections.key("header").begin_object().member("view", "normalized").member("begin", s.header_begin).member("end", s.header_end).end_object();
      sections.member("confidence", s.confidence);
      if (!s.loinc.empty()) sections.member("loinc", s.loinc);
      sections.end_object();
    }
    if (sentences_) {
      // Text before the first header, then each section's body after its header.
      std::size_t cursor = 0;
      auto add = [&](std::size_t begin, std::size_t end, const std::string& section_id) {
        for (const auto& [b, e] : split_sentences(*text, begin, end)) {
          const std::string id = "snt" + std::to_string(sentences.count() + 1);
          sentences.begin_object().member("id", id).member("view", "normalized").member("begin", b).member("end", e);
          if (!section_id.empty()) sentences.member("section_id", section_id);
          sentences.end_object();
        }
      };
      if (!found.empty()) add(0, found[0].begin, "");
      for (std::size_t i = 0; i < found.size(); ++i) {
        std::size_t body = found[i].header_end;
        while (body < found[i].end && ((*text)[body] == ':' || (*text)[body] == '-' || (*text)[body] == ' ')) ++body;
        add(body, found[i].end, "sec" + std::to_string(i + 1));
        cursor = found[i].end;
      }
      if (found.empty()) add(0, text->size(), "");
      else if (cursor < text->size()) add(cursor, text->size(), "");
    }
    if (sections.count()) output.add("sections", sections);
    if (sentences.count()) output.add("sentences", sentences);
  }

 private:
  SectionFinder finder_;
  bool sentences_ = true;
};

}  // namespace chartflow::sections

CHARTFLOW_PLUGIN(chartflow::sections::ClinicalSections)
