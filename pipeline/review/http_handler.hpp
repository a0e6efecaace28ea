// One HTTP request to the workstation: limits, static files, the session and CSRF checks, then
// the route to the review service. Logs carry the route, status and time: never a document's
// text, a file name or a search term.
#pragma once

#include "access.hpp"
#include "decision_store.hpp"
#include "review_service.hpp"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>

#include <string>
#include <vector>

namespace chartflow::review {

struct HandlerContext {
  ReviewService& service;
  DecisionStore& store;
  Sessions& sessions;
  const std::vector<User>& users;
  bool loopback_only = true;  // then Host must name the loopback address (no DNS rebinding)
  bool https = false;
  int port = 0;
  std::string records;  // the output folder reviewed, as the session shows it
};

class HandlerFactory : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  explicit HandlerFactory(HandlerContext& context) : context_(context) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest& request) override;

 private:
  HandlerContext& context_;
};

// The embedded web application's file for a request path ("/" -> index.html), or nullptr.
const std::string_view* web_file(const std::string& path, std::string& content_type);

}  // namespace chartflow::review
