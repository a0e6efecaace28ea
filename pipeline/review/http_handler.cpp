#include "http_handler.hpp"

#include "host/logging.hpp"

#include <Poco/Net/HTMLForm.h>
#include <Poco/Net/HTTPCookie.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/URI.h>

#include <chrono>
#include <istream>
#include <limits>
#include <thread>

namespace chartflow::review {
namespace web {
const std::vector<std::pair<std::string_view, std::string_view>>& embedded_files();
}
namespace {

using nlohmann::json;
using Poco::Net::HTTPServerRequest;
using Poco::Net::HTTPServerResponse;

constexpr const char* kCookie = "cf_session";
constexpr std::size_t kMaxBody = 1u << 20, kMaxDrained = 32u << 20;
constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; connect-src 'self'; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> parts;
  std::size_t start = 1;
  while (start <= path.size()) {
    const std::size_t slash = std::min(path.find('/', start), path.size());
    parts.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return parts;
}

// A request path that tries to leave its route: dot segments, backslashes, NULs, encoded or not.
bool is_hostile_path(const std::string& raw, const std::string& decoded) {
  for (const auto* p : {&raw, &decoded})
    if (p->find("..") != std::string::npos || p->find('\\') != std::string::npos || p->find('\0') != std::string::npos ||
        p->find("//") != std::string::npos)
      return true;
  return false;
}

class Handler : public Poco::Net::HTTPRequestHandler {
 public:
  explicit Handler(HandlerContext& context) : context_(context) {}

  void handleRequest(HTTPServerRequest& request, HTTPServerResponse& response) override {
    const auto started = std::chrono::steady_clock::now();
    Reply reply;
    std::string route = "?";
    try {
      reply = handle(request, response, route);
    } catch (const std::exception& e) {
      // The exception's text may quote a request; the log gets the route and the kind only.
      host::log::error("review.request_failed", {{"method", request.getMethod()}, {"route", route}});
      (void)e;
      reply = error_reply(500, "the server could not answer this request; see the server's log");
    }
    send(response, reply, route);
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    host::log::info("review.request", {{"method", request.getMethod()}, {"route", route}, {"status", reply.status}, {"ms", ms}});
  }

 private:
  Reply handle(HTTPServerRequest& request, HTTPServerResponse& response, std::string& route) {
    const std::string raw = request.getURI();
    if (raw.size() > 2048) return error_reply(414, "the request line is too long");
    Poco::URI uri;
    try {
      uri = Poco::URI(raw);
    } catch (const std::exception&) {
      return error_reply(400, "the request's address is malformed");
    }
    const std::string path = uri.getPath();
    if (is_hostile_path(raw.substr(0, raw.find('?')), path)) return error_reply(400, "the request's path is not allowed");
    if (!host_allowed(request)) return error_reply(421, "this server answers only to the address it listens on");
    std::string body;
    if (Reply r = read_body(request, body); r.status != 200) return r;
    if (!path.starts_with("/api/")) {
      route = "static";
      return static_file(request, path);
    }
    const auto parts = split_path(path);
    route = parts.size() > 1 ? "api/" + parts[1] : "api";
    const bool post = request.getMethod() == "POST";
    if (!post && request.getMethod() != "GET") return error_reply(405, "only GET and POST are used");
    if (post && request.getContentType().find("application/json") != 0) return error_reply(415, "send JSON (Content-Type: application/json)");
    json parsed;
    if (post) {
      parsed = json::parse(body, nullptr, false);
      if (parsed.is_discarded()) return error_reply(400, "the request body is not valid JSON");
    }
    if (parts == std::vector<std::string>{"api", "session"}) return session(request, response);
    if (parts == std::vector<std::string>{"api", "login"} && post) return login(parsed, response);
    const auto session = current_session(request);
    if (!session) return json_reply(401, {{"error", "sign in first"}, {"login_required", true}});
    if (post && !equal_secret(request.get("X-CSRF-Token", ""), session->csrf))
      return error_reply(403, "missing or wrong CSRF token (X-CSRF-Token): reload the page");
    const Actor actor{session->user, session->role};
    if (parts == std::vector<std::string>{"api", "logout"} && post) {
      context_.sessions.close(session->token);
      context_.store.audit(AuditEvent::logout, actor.user);
      return json_reply(200, {{"signed_out", true}});
    }
    return route_api(parts, uri, parsed, post, actor, route);
  }

  Reply route_api(const std::vector<std::string>& p, const Poco::URI& uri, const json& body, bool post, const Actor& actor, std::string& route) {
    auto& s = context_.service;
    const auto query = uri.getQueryParameters();
    const auto param = [&](const char* name) {
      for (const auto& [k, v] : query)
        if (k == name) return v;
      return std::string();
    };
    if (!post && p.size() == 2 && p[1] == "documents") return s.worklist();
    if (!post && p.size() == 2 && p[1] == "codes") return s.search_codes(param("q"), param("system"), param("limit"));
    if (!post && p.size() == 3 && p[1] == "codes" && p[2] == "check") return s.check_code(param("system"), param("code"), param("doc"));
    if (!post && p.size() == 2 && p[1] == "export") return s.export_decisions(param("format") == "json" ? "json" : "csv", actor);
    if (!post && p.size() == 2 && p[1] == "agreement") return s.agreement();
    if (p.size() < 3 || p[1] != "documents" || !is_record_id(p[2])) return error_reply(404, "no such resource");
    const std::string& id = p[2];
    route = "api/documents/" + (p.size() > 3 ? p[3] : std::string("{id}"));
    if (!post && p.size() == 3) return s.chart(id, actor);
    if (!post && p.size() == 5 && p[3] == "pages") return s.page(id, p[4], actor);
    if (post && p.size() == 4 && p[3] == "decisions") return s.decide(id, body, actor);
    if (!post && p.size() == 4 && p[3] == "query-suggestions") return s.query_suggestions(id);
    if (post && p.size() == 4 && p[3] == "queries") return s.create_query(id, body, actor);
    if (post && p.size() == 5 && p[3] == "queries") return s.update_query(id, p[4], body, actor);
    if (!post && p.size() == 5 && p[3] == "queries") {
      const auto dot = p[4].rfind('.');
      const std::string format = dot == std::string::npos ? "" : p[4].substr(dot + 1);
      if (format != "txt" && format != "pdf") return error_reply(404, "a query is exported as .txt or .pdf");
      return s.query_file(id, p[4].substr(0, dot), format);
    }
    return error_reply(404, "no such resource");
  }

  bool host_allowed(const HTTPServerRequest& request) const {
    if (!context_.loopback_only) return true;
    const std::string host = request.getHost();
    const std::string port = ":" + std::to_string(context_.port);
    for (const std::string allowed : {"127.0.0.1", "localhost", "[::1]"})
      if (host == allowed || host == allowed + port) return true;
    return false;
  }

  Reply read_body(HTTPServerRequest& request, std::string& body) const {
    std::istream& in = request.stream();
    if (request.hasContentLength() && request.getContentLength64() > static_cast<std::int64_t>(kMaxBody)) {
      // Read (and drop) a moderately large body so the client gets its 413 rather than a reset.
      if (request.getContentLength64() <= static_cast<std::int64_t>(kMaxDrained)) in.ignore(std::numeric_limits<std::streamsize>::max());
      return error_reply(413, "the request body is larger than 1 MB");
    }
    char buffer[8192];
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
      body.append(buffer, static_cast<std::size_t>(in.gcount()));
      if (body.size() > kMaxBody) return error_reply(413, "the request body is larger than 1 MB");
    }
    return {};
  }

  Reply static_file(const HTTPServerRequest& request, const std::string& path) const {
    if (request.getMethod() != "GET" && request.getMethod() != "HEAD") return error_reply(405, "only GET");
    std::string type;
    const std::string_view* file = web_file(path, type);
    if (!file) return error_reply(404, "no such page");
    return {200, type, std::string(*file), ""};
  }

  std::optional<Session> current_session(const HTTPServerRequest& request) const {
    Poco::Net::NameValueCollection cookies;
    request.getCookies(cookies);
    const std::string token = cookies.get(kCookie, "");
    return token.empty() ? std::nullopt : context_.sessions.find(token);
  }

  json session_json(const Session& s) const {
    return {{"user", s.user}, {"role", role_name(s.role)}, {"csrf", s.csrf}, {"login_required", !context_.users.empty()},
            {"records", context_.records}};
  }

  void set_cookie(HTTPServerResponse& response, const std::string& token) const {
    Poco::Net::HTTPCookie cookie(kCookie, token);
    cookie.setPath("/");
    cookie.setHttpOnly(true);
    cookie.setSecure(context_.https);
    cookie.setSameSite(Poco::Net::HTTPCookie::SAME_SITE_STRICT);
    response.addCookie(cookie);
  }

  Reply session(const HTTPServerRequest& request, HTTPServerResponse& response) {
    if (const auto s = current_session(request)) return json_reply(200, session_json(*s));
    if (!context_.users.empty()) return json_reply(401, {{"error", "sign in first"}, {"login_required", true}});
    const Session s = context_.sessions.open("local", Role::coder);
    set_cookie(response, s.token);
    return json_reply(200, session_json(s));
  }

  Reply login(const json& body, HTTPServerResponse& response) {
    if (context_.users.empty()) return error_reply(400, "this server has no users to sign in as");
    const std::string name = body.value("user", ""), password = body.value("password", "");
    for (const auto& u : context_.users)
      if (u.name == name && verify_password(password, u.password)) {
        const Session s = context_.sessions.open(u.name, u.role);
        set_cookie(response, s.token);
        context_.store.audit(AuditEvent::login, u.name);
        return json_reply(200, session_json(s));
      }
    context_.store.audit(AuditEvent::login_failed, name.size() <= 64 ? name : name.substr(0, 64));
    std::this_thread::sleep_for(std::chrono::milliseconds(300));  // slows guessing
    return error_reply(401, "wrong user name or password");
  }

  void send(HTTPServerResponse& response, const Reply& reply, const std::string& route) const {
    response.setStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(reply.status));
    response.setContentType(reply.content_type);
    response.set("X-Content-Type-Options", "nosniff");
    response.set("Referrer-Policy", "no-referrer");
    response.set("X-Frame-Options", "DENY");
    response.set("Content-Security-Policy", kContentSecurityPolicy);
    response.set("Cache-Control", route == "static" ? "no-cache" : "no-store");
    if (!reply.download_name.empty()) response.set("Content-Disposition", "attachment; filename=\"" + reply.download_name + "\"");
    response.setContentLength64(static_cast<Poco::Int64>(reply.body.size()));
    response.send().write(reply.body.data(), static_cast<std::streamsize>(reply.body.size()));
  }

  HandlerContext& context_;
};

}  // namespace

const std::string_view* web_file(const std::string& path, std::string& content_type) {
  const std::string name = path == "/" ? "index.html" : path.substr(1);
  for (const auto& [file, bytes] : web::embedded_files()) {
    if (file != name) continue;
    content_type = name.ends_with(".html") ? "text/html; charset=utf-8"
                   : name.ends_with(".js") ? "text/javascript; charset=utf-8"
                   : name.ends_with(".css") ? "text/css; charset=utf-8"
                                            : "application/octet-stream";
    return &bytes;
  }
  return nullptr;
}

Poco::Net::HTTPRequestHandler* HandlerFactory::createRequestHandler(const Poco::Net::HTTPServerRequest&) { return new Handler(context_); }

}  // namespace chartflow::review
