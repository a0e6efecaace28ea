#include "fhir_client.hpp"

#include "common/tls.hpp"

#include <Poco/DateTimeParser.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SSLException.h>
#include <Poco/Timestamp.h>
#include <Poco/URI.h>

#include <memory>
#include <optional>
#include <stdexcept>
#include <thread>

namespace chartflow::fhir {
namespace {

constexpr std::size_t kMaxResponseBytes = 8u << 20;  // a transaction-response is small; a runaway one is cut
constexpr std::size_t kMaxMessage = 300;

std::string one_line(std::string text) {
  for (auto& c : text)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  if (text.size() > kMaxMessage) text = text.substr(0, kMaxMessage) + "...";
  return text;
}

// Retry-After: delay-seconds or an HTTP-date (RFC 9110 10.2.3).
std::optional<double> retry_after(const Poco::Net::HTTPResponse& response) {
  if (!response.has("Retry-After")) return std::nullopt;
  const std::string value = response.get("Retry-After");
  try {
    std::size_t used = 0;
    const double seconds = std::stod(value, &used);
    if (used == value.size() && seconds >= 0) return seconds;
  } catch (const std::exception&) {
  }
  int tz = 0;
  Poco::DateTime when;
  if (Poco::DateTimeParser::tryParse(value, when, tz)) return std::max(0.0, static_cast<double>(when.timestamp() - Poco::Timestamp()) / 1e6);
  return std::nullopt;
}

bool may_succeed_later(int status) { return status == 408 || status == 429 || status >= 500; }

}  // namespace

struct FhirClient::Attempt {
  int status = 0;  // 0: no answer
  bool retryable = false;
  std::optional<double> server_delay;
  std::string body, problem;
};

FhirClient::FhirClient(ClientOptions options) : options_(std::move(options)) {
  Poco::URI uri;
  try {
    uri = Poco::URI(options_.base_url);
  } catch (const Poco::Exception& e) {
    throw std::invalid_argument("base_url: not a URL (" + e.displayText() + ")");
  }
  scheme_ = uri.getScheme();
  if ((scheme_ != "http" && scheme_ != "https") || uri.getHost().empty())
    throw std::invalid_argument("base_url: give http://host[:port][/path] or https://..., not '" + options_.base_url + "'");
  host_ = uri.getHost();
  port_ = uri.getPort();
  path_ = uri.getPathEtc().empty() ? "/" : uri.getPathEtc();
  try {
    if (scheme_ == "https") delivery::tls_client_context(options_.ca_file);  // a CA file that cannot be read fails now, not per record
  } catch (const Poco::Exception& e) {
    throw std::invalid_argument("ca_file: cannot load the certificate authorities (" + e.displayText() + ")");
  }
}

FhirClient::Attempt FhirClient::attempt_once(const std::string& bundle) const {
  Attempt a;
  try {
    std::unique_ptr<Poco::Net::HTTPClientSession> session;
    if (scheme_ == "https") session = std::make_unique<Poco::Net::HTTPSClientSession>(host_, port_, delivery::tls_client_context(options_.ca_file));
    else session = std::make_unique<Poco::Net::HTTPClientSession>(host_, port_);
    session->setTimeout(Poco::Timespan(static_cast<long>(options_.timeout_seconds * 1e6)));
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_POST, path_, Poco::Net::HTTPMessage::HTTP_1_1);
    request.setContentType("application/fhir+json");
    request.set("Accept", "application/fhir+json");
    if (!options_.token.empty()) request.setCredentials("Bearer", options_.token);
    request.setContentLength(static_cast<std::streamsize>(bundle.size()));
    session->sendRequest(request) << bundle;
    Poco::Net::HTTPResponse response;
    std::istream& in = session->receiveResponse(response);
    a.status = static_cast<int>(response.getStatus());
    char buffer[16384];
    while (in && a.body.size() < kMaxResponseBytes) {
      in.read(buffer, sizeof buffer);
      a.body.append(buffer, static_cast<std::size_t>(in.gcount()));
    }
    a.retryable = may_succeed_later(a.status);
    a.server_delay = retry_after(response);
  } catch (const Poco::Net::SSLException& e) {
    a.problem = "TLS: the server's certificate did not verify or the handshake failed (" + e.displayText() +
                "); give the CA that signed it in ca_file";
  } catch (const Poco::TimeoutException&) {
    a.problem = "no answer within " + std::to_string(static_cast<int>(options_.timeout_seconds)) + " s", a.retryable = true;
  } catch (const Poco::Exception& e) {
    a.problem = "cannot reach the FHIR server (" + e.displayText() + ")", a.retryable = true;
  }
  return a;
}

PostResult FhirClient::post_transaction(const std::string& bundle) const {
  PostResult result;
  for (int attempt = 1;; ++attempt) {
    const Attempt a = attempt_once(bundle);
    result.attempts = attempt, result.http_status = a.status;
    if (a.status >= 200 && a.status < 300) {
      result.outcome = PostOutcome::accepted;
      result.message = "HTTP " + std::to_string(a.status) + ": " + transaction_receipt(a.body);
      return result;
    }
    std::string why = a.status ? "HTTP " + std::to_string(a.status) : a.problem;
    if (a.status) {
      const std::string outcome = operation_outcome_text(a.body);
      if (a.status == 401 || a.status == 403) why += " (the server refused the credentials: check token_env / token_file)";
      else if (a.status >= 300 && a.status < 400) why += " (a redirect: set base_url to the server's own address)";
      if (!outcome.empty()) why += ": " + outcome;
    }
    if (!a.retryable || attempt >= options_.retry.max_attempts) {
      result.outcome = a.retryable ? PostOutcome::retry : PostOutcome::rejected;
      result.message = one_line(why + (a.retryable ? " (after " + std::to_string(attempt) + " attempts)" : ""));
      return result;
    }
    std::this_thread::sleep_for(options_.retry.delay(attempt, a.server_delay));
  }
}

std::string operation_outcome_text(const std::string& body) {
  const auto j = nlohmann::json::parse(body, nullptr, false);
  if (!j.is_object() || j.value("resourceType", "") != "OperationOutcome") return {};
  std::string text;
  const auto issues = j.find("issue");
  if (issues == j.end() || !issues->is_array()) return {};
  for (const auto& issue : *issues) {
    if (!issue.is_object()) continue;
    const auto text_at = [](const nlohmann::json& o, const char* key) {
      const auto it = o.find(key);
      return it != o.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    std::string line = text_at(issue, "diagnostics");
    if (line.empty() && issue.contains("details") && issue["details"].is_object()) line = text_at(issue["details"], "text");
    if (!line.empty()) text += (text.empty() ? "" : "; ") + line;
  }
  return one_line(text);
}

std::string transaction_receipt(const std::string& body) {
  const auto j = nlohmann::json::parse(body, nullptr, false);
  if (!j.is_object() || j.value("resourceType", "") != "Bundle") return "the server answered without a transaction-response Bundle";
  std::size_t created = 0, existing = 0, other = 0;
  const auto entries = j.find("entry");
  if (entries == j.end() || !entries->is_array()) return "0 created, 0 already there or updated";
  for (const auto& entry : *entries) {
    std::string status;
    if (entry.is_object() && entry.contains("response") && entry["response"].is_object() && entry["response"].contains("status") &&
        entry["response"]["status"].is_string())
      status = entry["response"]["status"].get<std::string>();
    (status.rfind("201", 0) == 0 ? created : status.rfind("200", 0) == 0 ? existing : other)++;
  }
  return std::to_string(created) + " created, " + std::to_string(existing) + " already there or updated" +
         (other ? ", " + std::to_string(other) + " other" : "");
}

}  // namespace chartflow::fhir
