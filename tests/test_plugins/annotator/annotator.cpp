// A test stage exercising every path of the ABI, well-behaved or not (see its manifest's modes).
#include <chartflow/sdk.hpp>

#include <atomic>
#include <stdexcept>

using chartflow::sdk::json;

class Annotator {
 public:
  explicit Annotator(const chartflow::sdk::Context& context)
      : context_(context), mode_(context.config().value("mode", "good")) {
    if (context.config().value("refuse_config", false)) throw chartflow::sdk::ConfigError("refuse_config is set");
  }

  void process(const chartflow::sdk::Document& document, chartflow::sdk::Output& out) {
    // Instances are per_thread: the host must never call one concurrently.
    if (busy_.exchange(true)) throw std::logic_error("instance called concurrently");
    struct Release {
      std::atomic<bool>& flag;
      ~Release() { flag = false; }
    } release{busy_};

    const std::string_view text = document.view("normalized").value_or("");
    if (document.record().at("document").at("id").get<std::string>().empty()) throw std::logic_error("no document id");
    if (mode_ == "throw") throw std::runtime_error("deliberate failure");
    if (mode_ == "throw-int") throw 42;
    if (mode_ == "error-status") throw chartflow::sdk::InvalidInput("document is not to my liking");
    if (mode_ == "fail-on-marker" && text.find("QUARANTINE-ME") != std::string_view::npos)
      throw chartflow::sdk::InvalidInput("marker found");
    if (mode_ == "log-text") context_.log(chartflow::sdk::LogLevel::info, "processed a document");
    if (mode_ == "garbage-json") {
      out.add_serialized("sections", "[{\"id\": \"s1\", \xff");
      return;
    }
    const std::size_t end = std::min(text.find_first_of(" \n"), text.size());
    json section = {{"id", "s1"}, {"view", "normalized"}, {"begin", 0}, {"end", text.size()}, {"category", "chief_complaint"}};
    json sentence = {{"id", "t1"}, {"view", "normalized"}, {"begin", 0}, {"end", end}, {"section_id", "s1"}};
    json mention = {{"id", "m1"}, {"view", "normalized"}, {"begin", 0}, {"end", end}, {"kind", "diagnosis"},
                    {"assertion", {{"status", "affirmed"}, {"negated", false}, {"uncertain", false}, {"hypothetical", false},
                                   {"historical", false}, {"experiencer", "patient"}}},
                    {"section_id", "s1"}, {"sentence_id", "t1"}};
    json code = {{"id", "c1"}, {"system", "ICD-10-CM"}, {"code", "R07.9"}, {"code_set_version", "FY2026"},
                 {"mention_ids", {"m1"}}, {"evidence", {{{"view", "normalized"}, {"begin", 0}, {"end", end}}}},
                 {"confidence", 0.5}, {"rule", "test"}, {"needs_review", true}};
    if (mode_ == "bad-span") section["end"] = text.size() + 10;
    if (mode_ == "split-utf8") section["end"] = 1;  // the test text starts with a 2-byte character
    if (mode_ == "duplicate-id") sentence["id"] = "s1";
    if (mode_ == "dangling-reference") code["mention_ids"] = {"m404"};
    if (mode_ == "schema-violation") mention["assertion"]["status"] = "maybe";
    if (mode_ == "not-array") {
      out.add_serialized("sections", "{\"id\": 1}");
      return;
    }
    if (mode_ == "undeclared-field") {
      out.add("tumors", json::array());
      return;
    }
    if (mode_ == "undeclared-view") {
      out.add_view("summary", "not declared");
      return;
    }
    if (mode_ == "ignore-rejection") {
      try {
        out.add("sections", json::array({{{"id", "bad id with spaces"}}}));
      } catch (const chartflow::sdk::StageError&) {
        // A careless plugin: swallows the host's refusal and reports success.
      }
      return;
    }
    out.add("sections", section);
    out.add("sentences", sentence);
    out.add("mentions", mention);
    out.add("codes", code);
    out.note("annotated", "one of each");
  }

 private:
  chartflow::sdk::Context context_;
  std::string mode_;
  std::atomic<bool> busy_{false};
};

CHARTFLOW_PLUGIN(Annotator)
