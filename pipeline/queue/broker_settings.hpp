// Where the broker is and how to log in to it. The URL names only the place
// (amqp[s]://host[:port][/vhost]); credentials never come from the command line, where every
// user of the machine can read them in the process list: they come from the environment
// (CHARTFLOW_BROKER_USER, CHARTFLOW_BROKER_PASSWORD) or a file (CHARTFLOW_BROKER_CREDENTIALS_FILE,
// one line "user:password"). TLS (amqps://) verifies the broker against the system CAs or
// CHARTFLOW_BROKER_CA_FILE, with an optional client certificate (CHARTFLOW_BROKER_CERT_FILE and
// CHARTFLOW_BROKER_KEY_FILE).
#pragma once

#include "../host/environment.hpp"

#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace chartflow::queue {

// A setting of the broker that is wrong: the message names it and says what to do.
class BrokerSettingError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

struct BrokerUrl {
  bool tls = false;
  std::string host;
  int port = 5672;
  std::string vhost = "/";
  std::string display() const;  // for messages and logs: scheme, host, port, vhost
};

// Throws BrokerSettingError for anything but amqp[s]://host[:port][/vhost] (the vhost
// percent-encoded, "%2f" for "/"), and for a URL that carries a user or password.
BrokerUrl parse_broker_url(std::string_view url);

struct BrokerLogin {
  std::string user = "guest";  // RabbitMQ's default user, which logs in from 127.0.0.1 only
  std::string password = "guest";
  std::string ca_file, cert_file, key_file;  // TLS; empty: system CAs, no client certificate
};

using host::EnvLookup;
// Reads the login from the environment (see above). Throws BrokerSettingError naming the
// variable or file at fault.
BrokerLogin broker_login_from(const EnvLookup& env);
BrokerLogin broker_login_from_environment();

}  // namespace chartflow::queue
