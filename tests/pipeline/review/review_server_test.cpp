// The workstation over real HTTP on 127.0.0.1: sessions and CSRF, sign-in with hashed passwords,
// the read-only role, request limits, hostile paths and hosts, security headers. Every refused
// request must leave the decision store as it was.
#include "review_fixture.hpp"

#include "review/review_server.hpp"

#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

namespace chartflow::test {
namespace {

using nlohmann::json;

struct Response {
  int status = 0;
  std::string body, cookie, csp, content_type;
};

class ServerTest : public ReviewFixture {
 protected:
  void start(review::ServerOptions options = {}) {
    options.port = 0;
    server_ = std::make_unique<review::ReviewServer>(*service_, *store_, options);
    server_->start();
  }
  void TearDown() override {
    if (server_) server_->stop();
  }

  Response request(const std::string& method, const std::string& path, const std::string& body = "",
                   const std::map<std::string, std::string>& headers = {}) {
    Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(server_->port()));
    Poco::Net::HTTPRequest req(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
    if (!cookie_.empty()) req.set("Cookie", cookie_);
    for (const auto& [k, v] : headers) req.set(k, v);
    if (method == "POST") {
      if (!req.has("Content-Type")) req.setContentType("application/json");
      req.setContentLength64(static_cast<Poco::Int64>(body.size()));
    }
    session.sendRequest(req) << body;
    Poco::Net::HTTPResponse res;
    std::istream& in = session.receiveResponse(res);
    Response out{static_cast<int>(res.getStatus()), "", "", res.get("Content-Security-Policy", ""), res.getContentType()};
    Poco::StreamCopier::copyToString(in, out.body);
    std::vector<Poco::Net::HTTPCookie> cookies;
    res.getCookies(cookies);
    for (const auto& c : cookies)
      if (c.getName() == "cf_session") out.cookie = "cf_session=" + c.getValue();
    return out;
  }

  std::string open_session() {
    const auto r = request("GET", "/api/session");
    EXPECT_EQ(r.status, 200) << r.body;
    if (!r.cookie.empty()) cookie_ = r.cookie;
    return json::parse(r.body).value("csrf", "");
  }

  std::unique_ptr<review::ReviewServer> server_;
  std::string cookie_;
};

TEST_F(ServerTest, ServesTheAppWithSecurityHeadersAndTheApiWithASession) {
  start();
  const auto page = request("GET", "/");
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.content_type.find("text/html"), std::string::npos);
  EXPECT_NE(page.csp.find("default-src 'self'"), std::string::npos);
  EXPECT_EQ(request("GET", "/api/documents").status, 401);  // no session yet
  const std::string csrf = open_session();
  EXPECT_EQ(csrf.size(), 64u);
  const auto list = request("GET", "/api/documents");
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(json::parse(list.body)["total"], 1);
  const auto accepted = request("POST", "/api/documents/" + kDocId + "/decisions", R"({"action":"accept","key":"ICD-10-CM|C50.912"})",
                                {{"X-CSRF-Token", csrf}});
  EXPECT_EQ(accepted.status, 200) << accepted.body;
  EXPECT_EQ(store_->all().size(), 1u);
}

TEST_F(ServerTest, ChangesWithoutTheCsrfTokenAreRefusedAndChangeNothing) {
  start();
  open_session();
  const std::string body = R"({"action":"accept","key":"ICD-10-CM|C50.912"})";
  EXPECT_EQ(request("POST", "/api/documents/" + kDocId + "/decisions", body).status, 403);
  EXPECT_EQ(request("POST", "/api/documents/" + kDocId + "/decisions", body, {{"X-CSRF-Token", std::string(64, '0')}}).status, 403);
  // A cross-site form can only send form encodings: refused before anything is read.
  EXPECT_EQ(request("POST", "/api/documents/" + kDocId + "/decisions", "action=accept", {{"Content-Type", "application/x-www-form-urlencoded"}}).status, 415);
  EXPECT_TRUE(store_->all().empty());
}

TEST_F(ServerTest, HostilePathsHostsAndBodiesGet4xx) {
  start();
  const std::string csrf = open_session();
  for (const std::string path : {"/api/documents/..%2f..%2fetc%2fpasswd", "/../../etc/passwd", "/api/documents/doc-3f2a9c1b7e4d5a60/../../x",
                                 "/%2e%2e/%2e%2e/etc/passwd", "/api//documents", "/app.js%00.png", "/api/documents/..\\..\\x"}) {
    const auto r = request("GET", path);
    EXPECT_GE(r.status, 400) << path;
    EXPECT_LT(r.status, 500) << path;
    EXPECT_EQ(r.body.find("root:"), std::string::npos) << path;
  }
  EXPECT_EQ(request("GET", "/api/documents/not-an-id").status, 404);
  EXPECT_EQ(request("GET", "/etc/passwd").status, 404);
  EXPECT_EQ(request("GET", "/api/session", "", {{"Host", "attacker.example:80"}}).status, 421);  // DNS rebinding
  const std::string decisions = "/api/documents/" + kDocId + "/decisions";
  EXPECT_EQ(request("POST", decisions, std::string(2u << 20, ' '), {{"X-CSRF-Token", csrf}}).status, 413);
  EXPECT_EQ(request("POST", decisions, "{\"action\": ", {{"X-CSRF-Token", csrf}}).status, 400);
  EXPECT_EQ(request("POST", decisions, "[1,2,3]", {{"X-CSRF-Token", csrf}}).status, 400);
  EXPECT_EQ(request("POST", decisions, std::string(100000, '[') , {{"X-CSRF-Token", csrf}}).status, 400);
  EXPECT_EQ(request("DELETE", decisions).status, 405);
  EXPECT_EQ(request("GET", "/api/codes?q=" + std::string(300, 'a')).status, 400);
  EXPECT_TRUE(store_->all().empty());
}

TEST_F(ServerTest, UsersSignInWithHashedPasswordsAndReadersCannotChangeAnything) {
  review::ServerOptions options;
  options.users = {{"coder1", review::Role::coder, review::hash_password("coder one password", 2000)},
                   {"auditor", review::Role::reader, review::hash_password("auditor password", 2000)}};
  start(options);
  EXPECT_EQ(request("GET", "/api/session").status, 401);
  auto wrong = request("POST", "/api/login", R"({"user":"coder1","password":"guess"})");
  EXPECT_EQ(wrong.status, 401);
  EXPECT_TRUE(wrong.cookie.empty());
  auto reader = request("POST", "/api/login", R"({"user":"auditor","password":"auditor password"})");
  ASSERT_EQ(reader.status, 200);
  cookie_ = reader.cookie;
  const std::string csrf = json::parse(reader.body)["csrf"];
  EXPECT_EQ(json::parse(reader.body)["role"], "reader");
  EXPECT_EQ(request("GET", "/api/documents/" + kDocId).status, 200);
  EXPECT_EQ(request("POST", "/api/documents/" + kDocId + "/decisions", R"({"action":"accept","key":"ICD-10-CM|C50.912"})",
                    {{"X-CSRF-Token", csrf}}).status, 403);
  EXPECT_TRUE(store_->all().empty());
  EXPECT_EQ(request("POST", "/api/logout", "{}", {{"X-CSRF-Token", csrf}}).status, 200);
  EXPECT_EQ(request("GET", "/api/documents").status, 401);
  // Audited: a failed and a good sign-in, a chart view, a sign-out; never a password.
  std::string events;
  for (const auto& a : store_->audit_log()) events += a.event + ":" + a.user + " " + a.detail + ";";
  EXPECT_NE(events.find("login_failed:coder1"), std::string::npos) << events;
  EXPECT_NE(events.find("login:auditor"), std::string::npos);
  EXPECT_NE(events.find("view_chart:auditor"), std::string::npos);
  EXPECT_EQ(events.find("password"), std::string::npos);
}

TEST_F(ServerTest, ServesHttpsWithASecureCookieWhenGivenACertificate) {
  const fs::path cert = dir_.path() / "cert.pem", key = dir_.path() / "key.pem";
  const std::string make = "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 -keyout '" + key.string() +
                           "' -out '" + cert.string() + "' >/dev/null 2>&1";
  ASSERT_EQ(std::system(make.c_str()), 0) << "openssl is needed (scripts/install-deps.sh installs it)";
  review::ServerOptions options;
  options.tls_cert = cert;
  options.tls_key = key;
  start(options);
  // The test trusts exactly this certificate.
  Poco::Net::Context::Ptr trust = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "", "", cert.string(), Poco::Net::Context::VERIFY_RELAXED);
  Poco::Net::HTTPSClientSession session("127.0.0.1", static_cast<Poco::UInt16>(server_->port()), trust);
  Poco::Net::HTTPRequest req("GET", "/api/session", Poco::Net::HTTPMessage::HTTP_1_1);
  session.sendRequest(req);
  Poco::Net::HTTPResponse res;
  std::string body;
  Poco::StreamCopier::copyToString(session.receiveResponse(res), body);
  EXPECT_EQ(res.getStatus(), Poco::Net::HTTPResponse::HTTP_OK) << body;
  std::vector<Poco::Net::HTTPCookie> cookies;
  res.getCookies(cookies);
  ASSERT_EQ(cookies.size(), 1u);
  EXPECT_TRUE(cookies[0].getSecure());
  EXPECT_TRUE(cookies[0].getHttpOnly());
  EXPECT_EQ(server_->url().rfind("https://", 0), 0u);
  // Plain HTTP to the HTTPS port gets nothing usable.
  EXPECT_ANY_THROW(request("GET", "/api/session"));
}

TEST(ServerOptions, ListeningBeyondTheLoopbackNeedsUsersAndTls) {
  review::ServerOptions o;
  EXPECT_NO_THROW(review::check_server_options(o));
  o.bind = "0.0.0.0";
  EXPECT_THROW(review::check_server_options(o), std::invalid_argument);
  o.users = {{"coder1", review::Role::coder, "pbkdf2-sha256$1000$00$00"}};
  EXPECT_THROW(review::check_server_options(o), std::invalid_argument);
  o.insecure_http = true;
  EXPECT_NO_THROW(review::check_server_options(o));
  o.insecure_http = false;
  o.tls_cert = "cert.pem";
  EXPECT_THROW(review::check_server_options(o), std::invalid_argument);  // a certificate without its key
  o.tls_key = "key.pem";
  EXPECT_NO_THROW(review::check_server_options(o));
}

}  // namespace
}  // namespace chartflow::test
