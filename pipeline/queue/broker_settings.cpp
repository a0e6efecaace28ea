#include "broker_settings.hpp"

#include <charconv>
#include <filesystem>
#include <fstream>

namespace chartflow::queue {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string percent_decoded(std::string_view text, std::string_view url) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out += text[i];
      continue;
    }
    const int high = i + 2 < text.size() ? hex_value(text[i + 1]) : -1, low = i + 2 < text.size() ? hex_value(text[i + 2]) : -1;
    if (high < 0 || low < 0) throw BrokerSettingError("broker URL '" + std::string(url) + "': bad percent-encoding in the virtual host");
    out += static_cast<char>(high * 16 + low);
    i += 2;
  }
  return out;
}

std::string readable_file(const std::string& variable, const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec))
    throw BrokerSettingError(variable + " names " + path + ", which is not a readable file");
  return path;
}

}  // namespace

std::string BrokerUrl::display() const {
  return std::string(tls ? "amqps://" : "amqp://") + host + ":" + std::to_string(port) + " vhost '" + vhost + "'";
}

BrokerUrl parse_broker_url(std::string_view url) {
  BrokerUrl out;
  std::string_view rest;
  if (url.starts_with("amqp://")) rest = url.substr(7);
  else if (url.starts_with("amqps://")) rest = url.substr(8), out.tls = true, out.port = 5671;
  else throw BrokerSettingError("broker URL '" + std::string(url) + "' must start with amqp:// or amqps://");
  const auto slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  if (authority.find('@') != std::string_view::npos)
    throw BrokerSettingError("the broker URL carries a user or password, which every user of this machine could read in the process list: "
                             "give amqp://host:port/vhost and put the login in CHARTFLOW_BROKER_USER and CHARTFLOW_BROKER_PASSWORD "
                             "(or a file named by CHARTFLOW_BROKER_CREDENTIALS_FILE)");
  if (slash != std::string_view::npos) {
    const std::string_view vhost = rest.substr(slash + 1);
    if (!vhost.empty()) out.vhost = percent_decoded(vhost, url);
  }
  if (const auto colon = authority.rfind(':'); colon != std::string_view::npos && authority.find(']') == std::string_view::npos) {
    const std::string_view port = authority.substr(colon + 1);
    int value = 0;
    const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
    if (ec != std::errc() || end != port.data() + port.size() || value < 1 || value > 65535)
      throw BrokerSettingError("broker URL '" + std::string(url) + "': the port must be a number from 1 to 65535");
    out.port = value;
    authority = authority.substr(0, colon);
  }
  if (authority.empty()) throw BrokerSettingError("broker URL '" + std::string(url) + "' names no host");
  out.host = std::string(authority);
  return out;
}

BrokerLogin broker_login_from(const EnvLookup& env) {
  BrokerLogin login;
  const auto user = env("CHARTFLOW_BROKER_USER"), password = env("CHARTFLOW_BROKER_PASSWORD");
  const auto file = env("CHARTFLOW_BROKER_CREDENTIALS_FILE");
  if (file && (user || password))
    throw BrokerSettingError("set either CHARTFLOW_BROKER_CREDENTIALS_FILE or CHARTFLOW_BROKER_USER/CHARTFLOW_BROKER_PASSWORD, not both");
  if (file) {
    std::ifstream in(readable_file("CHARTFLOW_BROKER_CREDENTIALS_FILE", *file));
    std::string line;
    std::getline(in, line);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const auto colon = line.find(':');
    if (colon == std::string::npos || colon == 0)
      throw BrokerSettingError(*file + " (CHARTFLOW_BROKER_CREDENTIALS_FILE) must hold one line user:password");
    login.user = line.substr(0, colon), login.password = line.substr(colon + 1);
  } else if (user || password) {
    if (!user || !password) throw BrokerSettingError("set both CHARTFLOW_BROKER_USER and CHARTFLOW_BROKER_PASSWORD, or neither (RabbitMQ's guest)");
    login.user = *user, login.password = *password;
  }
  if (const auto ca = env("CHARTFLOW_BROKER_CA_FILE")) login.ca_file = readable_file("CHARTFLOW_BROKER_CA_FILE", *ca);
  const auto cert = env("CHARTFLOW_BROKER_CERT_FILE"), key = env("CHARTFLOW_BROKER_KEY_FILE");
  if (cert.has_value() != key.has_value()) throw BrokerSettingError("a client certificate needs both CHARTFLOW_BROKER_CERT_FILE and CHARTFLOW_BROKER_KEY_FILE");
  if (cert) login.cert_file = readable_file("CHARTFLOW_BROKER_CERT_FILE", *cert), login.key_file = readable_file("CHARTFLOW_BROKER_KEY_FILE", *key);
  return login;
}

BrokerLogin broker_login_from_environment() { return broker_login_from(host::process_environment()); }

}  // namespace chartflow::queue
