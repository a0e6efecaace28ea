// hl7-reader: pathology reports sent as HL7 v2.5.1 ORU^R01 messages (NAACCR Volume V) become a
// text view a registrar would recognise (hl7_report.hpp). Names, addresses and other identifiers
// are not copied, and no reason it gives quotes the message: only where in it the problem is.
#include "hl7_message.hpp"
#include "hl7_report.hpp"

#include <chartflow/sdk.hpp>

namespace chartflow::hl7 {

class Hl7Reader {
 public:
  explicit Hl7Reader(const sdk::Context&) {}

  void process(const sdk::Document& document, sdk::Output& output) {
    const std::string_view bytes = document.source_bytes();
    if (bytes.empty()) throw sdk::InvalidInput("empty file: no HL7 message");
    std::string text;
    std::size_t messages = 0;
    try {
      const auto parsed = parse_messages(bytes);
      messages = parsed.size();
      text = report_text(parsed);
    } catch (const Hl7Error& e) {
      throw sdk::InvalidInput(std::string("not a readable HL7 v2 message: ") + e.what());
    } catch (const ReportError& e) {
      if (e.problem() == ReportProblem::unsupported_type) throw sdk::Unsupported(e.what());
      throw sdk::InvalidInput(e.what());
    }
    output.add_view("raw", text, {{"origin", "hl7"}, {"encoding", "utf-8"}});
    if (messages > 1)
      output.warn("several-hl7-messages", std::to_string(messages) + " HL7 messages in one file became one record; send one message per file for one record per report");
  }
};

}  // namespace chartflow::hl7

CHARTFLOW_PLUGIN(chartflow::hl7::Hl7Reader)
