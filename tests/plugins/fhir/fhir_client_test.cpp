// What the FHIR client makes of a server's answers: these are untrusted input, so they are
// also fuzzed. The loopback-server test (tests/peers/fhir) covers the wire.
#include "fhir/fhir_client.hpp"

#include <gtest/gtest.h>

#include <Poco/Net/ServerSocket.h>

#include <random>

namespace chartflow::fhir {
namespace {

TEST(FhirClient, ReadsAnOperationOutcomesDiagnostics) {
  const std::string body = R"({"resourceType":"OperationOutcome","issue":[{"severity":"error","code":"not-found",
    "diagnostics":"conditional reference matched no Patient"},{"severity":"error","code":"invalid","details":{"text":"bad\ncode"}}]})";
  EXPECT_EQ(operation_outcome_text(body), "conditional reference matched no Patient; bad code");
  EXPECT_EQ(operation_outcome_text("<html>502 Bad Gateway</html>"), "");
  EXPECT_EQ(operation_outcome_text(R"({"resourceType":"Patient"})"), "");
  EXPECT_LE(operation_outcome_text(R"({"resourceType":"OperationOutcome","issue":[{"diagnostics":")" + std::string(5000, 'x') + "\"}]}").size(), 310u);
}

TEST(FhirClient, CountsWhatATransactionCreated) {
  const std::string body = R"({"resourceType":"Bundle","type":"transaction-response","entry":[
    {"response":{"status":"201 Created"}},{"response":{"status":"200 OK"}},{"response":{"status":"201"}}]})";
  EXPECT_EQ(transaction_receipt(body), "2 created, 1 already there or updated");
  EXPECT_EQ(transaction_receipt("not json"), "the server answered without a transaction-response Bundle");
}

TEST(FhirClient, AnswersThatAreNotJsonOrOddJsonNeverThrow) {
  std::mt19937 random(7);
  const std::string pieces[] = {"{", "}", "[", "]", "\"resourceType\"", ":", "\"OperationOutcome\"", "\"Bundle\"", "\"issue\"", "\"entry\"",
                                "\"response\"", "\"status\"", "\"diagnostics\"", "null", "1", ",", "\"\\u0000\"", "\xff"};
  for (int i = 0; i < 2000; ++i) {
    std::string body;
    const int n = static_cast<int>(random() % 40);
    for (int k = 0; k < n; ++k) body += pieces[random() % std::size(pieces)];
    EXPECT_NO_THROW(operation_outcome_text(body));
    EXPECT_NO_THROW(transaction_receipt(body));
  }
}

TEST(FhirClient, RefusesABaseUrlThatIsNotHttp) {
  for (const char* url : {"ftp://example.org/fhir", "example.org/fhir", "http://", "http://exa mple.org/%zz"}) {
    ClientOptions options;
    options.base_url = url;
    EXPECT_THROW(FhirClient{options}, std::invalid_argument) << url;
  }
}

TEST(FhirClient, AServerThatIsNotThereIsRetriedThenLeftForLater) {
  std::uint16_t port;
  {
    Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
    port = socket.address().port();
  }  // closed again: nothing listens there now
  ClientOptions options;
  options.base_url = "http://127.0.0.1:" + std::to_string(port) + "/fhir";
  options.timeout_seconds = 2;
  options.retry = {3, 0.0, 0.0};
  const PostResult result = FhirClient(options).post_transaction("{}");
  EXPECT_EQ(result.outcome, PostOutcome::retry);
  EXPECT_EQ(result.attempts, 3);
  EXPECT_NE(result.message.find("cannot reach the FHIR server"), std::string::npos) << result.message;
}

}  // namespace
}  // namespace chartflow::fhir
