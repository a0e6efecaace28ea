#include "sink.hpp"

#include "abi_strings.hpp"
#include "errors.hpp"
#include "stage.hpp"

namespace chartflow::host {
namespace {

constexpr std::size_t kMessageCapacity = 1024;

// Runs one plugin call with a fresh message buffer; a call that is missing counts as done.
template <class Call>
std::string call_with_message(Call&& call) {
  char message[kMessageCapacity] = {};
  cf_error_v1 error{sizeof(cf_error_v1), message, sizeof(message)};
  const int32_t status = call(&error);
  return status == CF_OK ? std::string() : status_name(status) + ": " + one_line(message);
}

}  // namespace

const char* delivery_status_name(DeliveryStatus status) {
  switch (status) {
    case DeliveryStatus::delivered: return "delivered";
    case DeliveryStatus::retry: return "retry";
    case DeliveryStatus::failed: return "failed";
  }
  return "failed";
}

Sink::Sink(std::string id, const Manifest& manifest, const cf_plugin_v1& api, const nlohmann::json& config)
    : id_(std::move(id)), manifest_(manifest), api_(api), stage_id_(id_), plugin_dir_(manifest.dir.string()) {
  if (api.struct_size < sizeof(cf_plugin_v1) || !api.deliver)
    throw FatalError("sink '" + id_ + "' (plugin '" + manifest.name + "'): the library has no deliver function; build it with CHARTFLOW_SINK()");
  host_ = host_services(stage_id_, plugin_dir_, 1);
  const std::string config_text = config.dump();
  char message[kMessageCapacity] = {};
  cf_error_v1 error{sizeof(cf_error_v1), message, sizeof(message)};
  if (api_.create(to_cf(config_text), &host_, &instance_, &error) != CF_OK)
    throw FatalError("sink '" + id_ + "' (plugin '" + manifest.name + "') refused its config: " + one_line(message));
}

Sink::~Sink() {
  if (instance_) api_.destroy(instance_);
}

std::string Sink::begin_batch(const nlohmann::json& batch) const {
  if (!api_.begin_batch) return {};
  const std::string text = batch.dump();
  return call_with_message([&](cf_error_v1* error) { return api_.begin_batch(instance_, to_cf(text), error); });
}

std::pair<std::string, std::string> Sink::end_batch(const nlohmann::json& summary) const {
  if (!api_.end_batch) return {};
  const std::string text = summary.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  char message[kMessageCapacity] = {};
  cf_error_v1 error{sizeof(cf_error_v1), message, sizeof(message)};
  const int32_t status = api_.end_batch(instance_, to_cf(text), &error);
  if (status != CF_OK) return {status_name(status) + ": " + one_line(message), ""};
  return {"", message[0] ? one_line(message) : std::string()};
}

DeliveryResult Sink::deliver(std::string_view record_json) const {
  char message[kMessageCapacity] = {};
  cf_error_v1 error{sizeof(cf_error_v1), message, sizeof(message)};
  const int32_t status = api_.deliver(instance_, to_cf(record_json), &error);
  const std::string text = message[0] ? one_line(message) : std::string();
  switch (status) {
    case CF_DELIVERED: return {DeliveryStatus::delivered, text};
    case CF_DELIVERY_RETRY: return {DeliveryStatus::retry, text.empty() ? "the sink asked to retry later" : text};
    case CF_DELIVERY_FAILED: return {DeliveryStatus::failed, text.empty() ? "the sink refused the record" : text};
    default:
      return {DeliveryStatus::failed, "sink returned " + std::to_string(status) +
                                          ", which is none of delivered (0), retry (1) or failed (2)" + (text.empty() ? "" : ": " + text)};
  }
}

}  // namespace chartflow::host
