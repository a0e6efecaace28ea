// The workstation's HTTP server (Poco::Net): the web application compiled into the program, the
// JSON API of docs/review-api.md, sessions with CSRF tokens, request limits, and the rules on
// where it may listen: the loopback address by default; anywhere else only with configured users
// and HTTPS (or an explicit --insecure-http).
#pragma once

#include "access.hpp"
#include "review_service.hpp"

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace Poco::Net {
class HTTPServer;
}

namespace chartflow::review {

struct HandlerContext;

struct ServerOptions {
  std::string bind = "127.0.0.1";
  int port = 8470;  // 0: any free port (written to port_file)
  std::vector<User> users;  // empty: one local coder, loopback only
  std::filesystem::path tls_cert, tls_key;
  bool insecure_http = false;
  std::string records;  // the output folder's name, shown in the application's header
};

// Throws std::invalid_argument saying what to add when `options` may not be used as given.
void check_server_options(const ServerOptions& options);

class ReviewServer {
 public:
  ReviewServer(ReviewService& service, DecisionStore& store, ServerOptions options);
  ~ReviewServer();
  void start();  // listens; throws std::runtime_error when the address is taken
  void stop();
  int port() const { return port_; }
  std::string url() const;

 private:
  ReviewService& service_;
  DecisionStore& store_;
  ServerOptions options_;
  Sessions sessions_;
  std::unique_ptr<HandlerContext> context_;  // outlives the server, whose handlers use it
  std::unique_ptr<Poco::Net::HTTPServer> server_;
  int port_ = 0;
};

}  // namespace chartflow::review
