// POSTs transaction Bundles to a FHIR server (Poco::Net, HTTP or HTTPS with the certificate
// checked), retrying what may succeed later (429, 5xx, timeouts, refused connections) with
// backoff that honours Retry-After, and reporting what the server said when it refuses.
#pragma once

#include "common/retry_policy.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace chartflow::fhir {

struct ClientOptions {
  std::string base_url;  // http(s)://host[:port][/path]
  std::string token;     // bearer token, or "" (never logged, never in a message)
  std::string ca_file;   // PEM file of the CAs to trust instead of the system's, or ""
  double timeout_seconds = 30;
  delivery::RetryPolicy retry;
};

enum class PostOutcome {
  accepted,  // 2xx: the server has the transaction
  retry,     // still failing after the last attempt, but may succeed later
  rejected   // refused for good (4xx, a certificate that does not verify): retrying will not help
};

struct PostResult {
  PostOutcome outcome = PostOutcome::rejected;
  int http_status = 0;  // 0: no answer
  int attempts = 0;
  std::string message;  // one line: a receipt, or why
};

class FhirClient {
 public:
  // Throws std::invalid_argument for a base URL that is not http(s)://host...
  explicit FhirClient(ClientOptions options);
  // Thread-safe: each call opens its own connection.
  PostResult post_transaction(const std::string& bundle) const;

 private:
  struct Attempt;
  Attempt attempt_once(const std::string& bundle) const;

  ClientOptions options_;
  std::string scheme_, host_, path_;
  unsigned short port_ = 0;
};

// What a FHIR server's OperationOutcome says, as one line (diagnostics, else details.text, of
// each issue), cut to a few hundred characters; "" when the body is not one.
std::string operation_outcome_text(const std::string& body);

// A transaction-response Bundle's receipt: "5 created, 2 already there".
std::string transaction_receipt(const std::string& body);

}  // namespace chartflow::fhir
