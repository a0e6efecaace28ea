// hl7v2: an incremental sink that delivers each finished record as HL7 v2.5.1 messages over
// MLLP (MDM^T02 with the document, DFT^P03 with the codes), to an interface engine's listener,
// and/or writes them to a folder. A record is delivered only when every message got an AA for
// its own control id; a chart without a trustworthy patient identifier is held for review and
// nothing is sent. docs/ehr-delivery.md.
#include "messages.hpp"
#include "sender.hpp"

#include "common/atomic_file.hpp"
#include "common/originals.hpp"

#include <chartflow/sdk.hpp>

#include <Poco/DateTimeFormatter.h>
#include <Poco/Timestamp.h>

#include <filesystem>

namespace chartflow::hl7 {
namespace {

namespace fs = std::filesystem;

struct Options {
  std::vector<MessageType> messages;
  MessageOptions message;
  std::optional<SenderOptions> sender;
  fs::path output_dir;
  fs::path originals;  // empty: the run's input folders
  std::uint64_t max_original_bytes = 0;
};

std::optional<SenderOptions> read_sender(const sdk::json& c) {
  if (!c.contains("host")) return std::nullopt;
  if (!c.contains("port")) throw sdk::ConfigError("port: the MLLP receiver's port is required with host");
  SenderOptions s;
  s.endpoint.host = c["host"].get<std::string>();
  s.endpoint.port = c["port"].get<unsigned short>();
  s.endpoint.tls = c.value("tls", false);
  s.endpoint.ca_file = c.value("ca_file", std::string());
  if (!s.endpoint.ca_file.empty() && !fs::is_regular_file(s.endpoint.ca_file)) throw sdk::ConfigError("ca_file: no such file: " + s.endpoint.ca_file);
  s.endpoint.timeout_seconds = c.value("timeout_seconds", 30.0);
  s.retry.max_attempts = c.value("max_attempts", 5);
  s.retry.initial_seconds = c.value("initial_backoff_seconds", 1.0);
  s.retry.max_seconds = c.value("max_backoff_seconds", 60.0);
  s.on_error = c.value("on_application_error", std::string("fail")) == "retry" ? OnApplicationError::retry : OnApplicationError::fail;
  return s;
}

MessageOptions read_message_options(const sdk::json& c) {
  MessageOptions m;
  m.sending_application = c.value("sending_application", m.sending_application);
  m.sending_facility = c.value("sending_facility", std::string());
  m.receiving_application = c.value("receiving_application", std::string());
  m.receiving_facility = c.value("receiving_facility", std::string());
  m.assigning_authority = c.value("assigning_authority", std::string());
  m.processing_id = c.value("processing_id", m.processing_id);
  m.original_as_ed = c.value("original_as_ed", false);
  m.include_needs_review = c.value("include_needs_review", false);
  m.icd10cm_system = c.value("icd10cm_system", m.icd10cm_system);
  m.charge_code = c.value("charge_code", m.charge_code);
  return m;
}

Options read_options(const sdk::json& c) {
  Options o;
  for (const auto& name : c.value("messages", sdk::json::array({"MDM^T02", "DFT^P03"})))
    o.messages.push_back(name.get<std::string>() == "MDM^T02" ? MessageType::mdm_t02 : MessageType::dft_p03);
  if (o.messages.empty()) throw sdk::ConfigError("messages: name at least one of MDM^T02, DFT^P03");
  o.message = read_message_options(c);
  o.sender = read_sender(c);
  o.output_dir = c.value("output_dir", std::string());
  if (o.output_dir.empty() && !o.sender) throw sdk::ConfigError("give host and port (send over MLLP), output_dir (write the messages to files), or both");
  if (!o.output_dir.empty() && !fs::is_directory(o.output_dir)) throw sdk::ConfigError("output_dir: no such folder: " + o.output_dir.string());
  o.originals = c.value("originals", std::string());
  o.max_original_bytes = c.value("max_original_bytes", std::uint64_t{48} << 10);
  return o;
}

std::string file_suffix(MessageType type) { return type == MessageType::mdm_t02 ? ".mdm_t02.hl7" : ".dft_p03.hl7"; }

// The sink lives in this file only, beside the options it keeps.
class Hl7Sink {
 public:
  explicit Hl7Sink(const sdk::Context& context) : options_(read_options(context.config())), originals_(options_.originals) {}

  void begin_batch(const sdk::json& batch) { originals_.begin_batch(batch); }

  sdk::Delivery deliver(const sdk::json& record) {
    const delivery::Deliverable deliverable = delivery::read_deliverable(record);
    if (!deliverable.chart) return sdk::Delivery::failed(deliverable.refusal);
    const delivery::ChartRecord& chart = *deliverable.chart;
    std::optional<delivery::Original> original;
    if (options_.message.original_as_ed) original = delivery::find_original(originals_.folders(), chart, options_.max_original_bytes).original;
    const std::string timestamp = Poco::DateTimeFormatter::format(Poco::Timestamp(), "%Y%m%d%H%M%S");
    std::vector<BuiltMessage> messages;
    for (const MessageType type : options_.messages) messages.push_back(build_message(type, chart, original, options_.message, timestamp));
    if (!options_.output_dir.empty())
      for (const auto& m : messages) files::write_atomically(options_.output_dir / (chart.id + file_suffix(m.type)), m.text);
    if (!options_.sender) return sdk::Delivery::delivered(std::to_string(messages.size()) + " messages written" + notes(messages));
    return send(messages);
  }

 private:
  sdk::Delivery send(const std::vector<BuiltMessage>& messages) const {
    Sender sender(*options_.sender);
    std::string receipt;
    for (const auto& m : messages) {
      const SendResult result = sender.send(m);
      if (result.outcome == SendOutcome::retry_later) return sdk::Delivery::retry(result.message);
      if (result.outcome == SendOutcome::refused) return sdk::Delivery::failed(result.message);
      receipt += (receipt.empty() ? "" : "; ") + result.message;
    }
    return sdk::Delivery::delivered(receipt + notes(messages));
  }

  static std::string notes(const std::vector<BuiltMessage>& messages) {
    std::string text;
    for (const auto& m : messages) {
      if (!m.note.empty()) text += "; " + m.note;
      if (m.held_back) text += "; " + std::to_string(m.held_back) + " codes held back from the " + message_type_name(m.type);
    }
    return text;
  }

  const Options options_;
  delivery::OriginalFolders originals_;
};

}  // namespace

}  // namespace chartflow::hl7

CHARTFLOW_SINK(chartflow::hl7::Hl7Sink)
