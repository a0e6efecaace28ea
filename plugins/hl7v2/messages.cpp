#include "messages.hpp"

#include "common/stable_id.hpp"
#include "hl7_writer.hpp"
#include "segments.hpp"

#include <set>

namespace chartflow::hl7 {
namespace {

using delivery::ChartCode;
using delivery::ChartRecord;
using delivery::CodeSystem;

// Lines of TX text longer than this are split over OBX segments (TX allows 65536; interface
// engines are happier well below).
constexpr std::size_t kMaxLine = 4000;

bool sent(const ChartCode& code, const MessageOptions& options) { return !code.partial && (!code.needs_review || options.include_needs_review); }

// The chart's text, one OBX TX segment per line (an empty line is an empty OBX-5).
void add_text(std::vector<Segment>& segments, const ChartRecord& chart) {
  const std::string observation = document_observation(chart);
  std::size_t set_id = 0, begin = 0;
  const std::string_view text(chart.text);
  while (begin <= text.size()) {
    std::size_t end = text.find('\n', begin);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(begin, end - begin);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    do {
      const std::string_view part = line.substr(0, kMaxLine);
      segments.push_back(Segment("OBX").field(1, std::to_string(++set_id)).field(2, "TX").field(3, observation).field(5, escape(part)).field(11, "F"));
      line.remove_prefix(part.size());
    } while (!line.empty());
    if (end == text.size()) break;
    begin = end + 1;
  }
}

// v2.5.1 caps ED data at 65536 characters: a larger original goes as text instead.
constexpr std::size_t kMaxEdData = 65536;

// ED type of data (table 0191) and subtype (table 0291) of a media type.
std::pair<std::string, std::string> ed_type(const std::string& media_type) {
  if (media_type == "application/pdf") return {"AP", "PDF"};
  if (media_type == "image/tiff") return {"IM", "TIFF"};
  if (media_type == "image/jpeg") return {"IM", "JPEG"};
  if (media_type == "image/png") return {"IM", "PNG"};
  if (media_type == "image/gif") return {"IM", "GIF"};
  if (media_type.rfind("text/", 0) == 0) return {"TEXT", ""};
  return {"AP", "Octet-stream"};
}

// The original file as one OBX ED segment: ^type^subtype^Base64^data (base64 needs no escaping).
void add_original(std::vector<Segment>& segments, const ChartRecord& chart, const std::string& media_type, const std::string& data) {
  const auto [type, subtype] = ed_type(media_type);
  segments.push_back(Segment("OBX")
                         .field(1, "1")
                         .field(2, "ED")
                         .field(3, document_observation(chart))
                         .field(5, "^" + type + "^" + subtype + "^Base64^" + data)
                         .field(11, "F"));
}

BuiltMessage mdm(const ChartRecord& chart, const std::optional<delivery::Original>& original, const MessageOptions& options,
                 const std::string& timestamp, BuiltMessage built) {
  std::string data;
  if (options.original_as_ed && original) {
    data = delivery::base64(original->bytes);
    if (data.size() > kMaxEdData) data.clear(), built.note = "original larger than an HL7 v2.5.1 ED field holds: text sent instead";
  }
  std::vector<Segment> segments = {msh(MessageType::mdm_t02, built.control_id, options, timestamp), evn(timestamp), pid(chart, options),
                                   pv1(chart), txa(chart, !data.empty())};
  if (!data.empty()) add_original(segments, chart, original->media_type, data);
  else add_text(segments, chart);
  built.text = message(segments);
  return built;
}

void add_note(BuiltMessage& built, const std::string& note) { built.note += (built.note.empty() ? "" : "; ") + note; }

// The DRG segment follows the DG1s (DFT_P03 places it there, at most once), and only with the
// codes it was grouped from: otherwise the receipt says why it was left out.
void add_drg(std::vector<Segment>& segments, const delivery::ChartDrg& grouped, const std::vector<const ChartCode*>& diagnoses,
             const std::vector<const ChartCode*>& procedures, const MessageOptions& options, BuiltMessage& built) {
  std::set<std::string> sent_ids;
  for (const auto* codes : {&diagnoses, &procedures})
    for (const ChartCode* c : *codes) sent_ids.insert(c->id);
  const std::string held = delivery::drg_hold_reason(grouped, sent_ids, options.include_needs_review);
  if (held.empty()) segments.push_back(drg(grouped));
  else add_note(built, held);
}

BuiltMessage dft(const ChartRecord& chart, const MessageOptions& options, const std::string& timestamp, BuiltMessage built) {
  std::vector<Segment> segments = {msh(MessageType::dft_p03, built.control_id, options, timestamp), evn(timestamp), pid(chart, options),
                                   pv1(chart)};
  std::vector<const ChartCode*> diagnoses, procedures;
  for (const ChartCode& code : chart.codes) {
    const bool diagnosis = code.system == CodeSystem::icd10cm;
    const bool procedure = code.system == CodeSystem::icd10pcs || code.system == CodeSystem::hcpcs;
    if (!sent(code, options) || (!diagnosis && !procedure)) ++built.held_back;
    else (diagnosis ? diagnoses : procedures).push_back(&code);
  }
  const std::string date = procedure_date(chart);
  if (date.empty() && !procedures.empty()) {  // PR1-5 is required
    built.held_back += procedures.size(), procedures.clear();
    add_note(built, "procedures not sent: the chart states no date for them");
  }
  add_financial_groups(segments, procedures, diagnoses, date.empty() ? timestamp.substr(0, 8) : date, options);
  for (std::size_t i = 0; i < diagnoses.size(); ++i) segments.push_back(dg1(*diagnoses[i], i + 1, timestamp, options));
  if (chart.drg) add_drg(segments, *chart.drg, diagnoses, procedures, options, built);
  built.text = message(segments);
  return built;
}

}  // namespace

const char* message_type_name(MessageType type) { return type == MessageType::mdm_t02 ? "MDM^T02" : "DFT^P03"; }

BuiltMessage build_message(MessageType type, const ChartRecord& chart, const std::optional<delivery::Original>& original,
                           const MessageOptions& options, const std::string& timestamp) {
  BuiltMessage built;
  built.type = type;
  // 20 characters: what MSH-10 holds in every interface engine's default settings.
  built.control_id = "CF" + delivery::stable_hex("chartflow|" + chart.source_sha256 + "|" + message_type_name(type), 18);
  return type == MessageType::mdm_t02 ? mdm(chart, original, options, timestamp, std::move(built))
                                      : dft(chart, options, timestamp, std::move(built));
}

}  // namespace chartflow::hl7
