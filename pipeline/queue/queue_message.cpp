#include "queue_message.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace chartflow::queue {
namespace {

constexpr const char* kWorkSchema = "chartflow-work/1";

bool is_sha256(const std::string& text) {
  return text.size() == 64 && std::all_of(text.begin(), text.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

}  // namespace

std::string encode(const WorkMessage& message) {
  return nlohmann::json{{"schema", kWorkSchema}, {"path", message.path}, {"sha256", message.sha256}, {"size", message.size}}.dump();
}

ParsedWorkMessage parse_work_message(std::string_view body) {
  if (body.size() > kMaxMessageBytes)
    return {std::nullopt, "the message is " + std::to_string(body.size()) + " bytes; chartflow's are a small JSON object naming a file"};
  const auto j = nlohmann::json::parse(body, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return {std::nullopt, "the message is not a JSON object (not a chartflow work message)"};
  if (j.value("schema", "") != kWorkSchema) return {std::nullopt, std::string("the message's schema is not ") + kWorkSchema + " (not a chartflow work message)"};
  WorkMessage m;
  const auto path = j.find("path"), sha256 = j.find("sha256"), size = j.find("size");
  if (path == j.end() || !path->is_string() || path->get<std::string>().empty() || path->get<std::string>().front() != '/')
    return {std::nullopt, "the message has no absolute \"path\""};
  m.path = path->get<std::string>();
  if (m.path.find('\0') != std::string::npos) return {std::nullopt, "the message's \"path\" holds a NUL byte"};
  if (sha256 == j.end() || !sha256->is_string() || !is_sha256(sha256->get<std::string>()))
    return {std::nullopt, "the message has no \"sha256\" of 64 lower-case hex digits"};
  m.sha256 = sha256->get<std::string>();
  if (size == j.end() || !size->is_number_unsigned()) return {std::nullopt, "the message has no \"size\" in bytes"};
  m.size = size->get<std::uint64_t>();
  return {std::move(m), {}};
}

std::string encode(const ResultMessage& m) {
  return nlohmann::json{{"schema", "chartflow-result/1"}, {"doc_id", m.doc_id}, {"sha256", m.sha256}, {"path", m.path},
                        {"outcome", m.outcome},        {"location", m.location}, {"fingerprint", m.fingerprint}, {"worker", m.worker}}
      .dump();
}

}  // namespace chartflow::queue
