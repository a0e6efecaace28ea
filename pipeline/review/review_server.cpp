#include "review_server.hpp"

#include "http_handler.hpp"

#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/IPAddress.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>

#include <stdexcept>

namespace chartflow::review {
namespace {

bool is_loopback(const std::string& address) {
  try {
    return Poco::Net::IPAddress(address).isLoopback();
  } catch (const std::exception&) {
    return false;  // a host name: treated as reachable from elsewhere
  }
}

}  // namespace

void check_server_options(const ServerOptions& o) {
  if (o.port < 0 || o.port > 65535) throw std::invalid_argument("--port must be 0-65535");
  if (o.tls_cert.empty() != o.tls_key.empty()) throw std::invalid_argument("--tls-cert and --tls-key go together");
  if (is_loopback(o.bind)) return;
  if (o.users.empty())
    throw std::invalid_argument("listening on " + o.bind + " lets other machines in: give --users FILE (make entries with `chartflow review --hash-password`)");
  if (o.tls_cert.empty() && !o.insecure_http)
    throw std::invalid_argument("listening on " + o.bind + " without HTTPS sends passwords and charts in clear text: give --tls-cert and --tls-key, or --insecure-http behind your own TLS proxy");
}

ReviewServer::ReviewServer(ReviewService& service, DecisionStore& store, ServerOptions options)
    : service_(service), store_(store), options_(std::move(options)) {
  check_server_options(options_);
}

ReviewServer::~ReviewServer() { stop(); }

void ReviewServer::start() {
  const Poco::Net::SocketAddress address(options_.bind, static_cast<Poco::UInt16>(options_.port));
  std::unique_ptr<Poco::Net::ServerSocket> socket;
  const bool https = !options_.tls_cert.empty();
  if (https) {
    Poco::Net::Context::Ptr tls = new Poco::Net::Context(Poco::Net::Context::TLS_SERVER_USE, options_.tls_key.string(),
                                                         options_.tls_cert.string(), "", Poco::Net::Context::VERIFY_NONE);
    tls->disableProtocols(Poco::Net::Context::PROTO_SSLV2 | Poco::Net::Context::PROTO_SSLV3 | Poco::Net::Context::PROTO_TLSV1 |
                          Poco::Net::Context::PROTO_TLSV1_1);
    socket = std::make_unique<Poco::Net::SecureServerSocket>(address, 64, tls);
  } else {
    socket = std::make_unique<Poco::Net::ServerSocket>(address, 64);
  }
  port_ = socket->address().port();
  context_ = std::make_unique<HandlerContext>(
      HandlerContext{service_, store_, sessions_, options_.users, is_loopback(options_.bind), https, port_, options_.records});
  auto* params = new Poco::Net::HTTPServerParams;
  params->setMaxThreads(8);
  params->setMaxQueued(64);
  params->setTimeout(Poco::Timespan(30, 0));
  params->setKeepAlive(true);
  server_ = std::make_unique<Poco::Net::HTTPServer>(new HandlerFactory(*context_), *socket, params);
  server_->start();
  store_.audit(AuditEvent::server_start, "", "", (https ? "https " : "http ") + options_.bind);
}

void ReviewServer::stop() {
  if (server_) server_->stopAll(true);
  server_.reset();
}

std::string ReviewServer::url() const {
  const std::string host = options_.bind == "0.0.0.0" ? "127.0.0.1" : options_.bind;
  return std::string(options_.tls_cert.empty() ? "http" : "https") + "://" + host + ":" + std::to_string(port_) + "/";
}

}  // namespace chartflow::review
