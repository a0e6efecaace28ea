#include "queue/broker_settings.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <map>

namespace chartflow::queue {
namespace {

std::string url_error(const std::string& url) {
  try {
    parse_broker_url(url);
  } catch (const BrokerSettingError& e) {
    return e.what();
  }
  return "";
}

EnvLookup env(std::map<std::string, std::string> values) {
  return [values](const char* name) -> std::optional<std::string> {
    const auto it = values.find(name);
    return it == values.end() ? std::nullopt : std::optional(it->second);
  };
}

std::string login_error(std::map<std::string, std::string> values) {
  try {
    broker_login_from(env(std::move(values)));
  } catch (const BrokerSettingError& e) {
    return e.what();
  }
  return "";
}

TEST(BrokerUrl, NamesHostPortAndVirtualHost) {
  auto url = parse_broker_url("amqp://rabbit.example:5673/charts");
  EXPECT_FALSE(url.tls);
  EXPECT_EQ(url.host, "rabbit.example");
  EXPECT_EQ(url.port, 5673);
  EXPECT_EQ(url.vhost, "charts");
  url = parse_broker_url("amqps://rabbit/%2f");
  EXPECT_TRUE(url.tls);
  EXPECT_EQ(url.port, 5671) << "amqps defaults to 5671";
  EXPECT_EQ(url.vhost, "/");
  EXPECT_EQ(parse_broker_url("amqp://127.0.0.1").vhost, "/");
  EXPECT_EQ(parse_broker_url("amqp://127.0.0.1").port, 5672);
}

TEST(BrokerUrl, ALoginInTheUrlIsRefused) {
  EXPECT_NE(url_error("amqp://guest:guest@127.0.0.1/").find("every user of this machine could read"), std::string::npos);
  EXPECT_NE(url_error("amqp://user@127.0.0.1/").find("CHARTFLOW_BROKER_USER"), std::string::npos);
}

TEST(BrokerUrl, BadUrlsAreNamed) {
  EXPECT_NE(url_error("http://127.0.0.1/").find("must start with amqp://"), std::string::npos);
  EXPECT_NE(url_error("amqp://127.0.0.1:0/").find("port must be a number from 1 to 65535"), std::string::npos);
  EXPECT_NE(url_error("amqp://127.0.0.1:99999/").find("port"), std::string::npos);
  EXPECT_NE(url_error("amqp://127.0.0.1:x/").find("port"), std::string::npos);
  EXPECT_NE(url_error("amqp:///vhost").find("names no host"), std::string::npos);
  EXPECT_NE(url_error("amqp://h/%zz").find("percent-encoding"), std::string::npos);
  EXPECT_NE(url_error("amqp://h/%2").find("percent-encoding"), std::string::npos);
  EXPECT_EQ(url_error(""), "broker URL '' must start with amqp:// or amqps://");
}

TEST(BrokerLogin, ComesFromTheEnvironmentOrAFile) {
  EXPECT_EQ(broker_login_from(env({})).user, "guest");
  const auto login = broker_login_from(env({{"CHARTFLOW_BROKER_USER", "chartflow"}, {"CHARTFLOW_BROKER_PASSWORD", "p:w"}}));
  EXPECT_EQ(login.user, "chartflow");
  EXPECT_EQ(login.password, "p:w");
  test::TempDir dir;
  test::write_file(dir / "login", "worker:secret:with:colons\r\n");
  const auto from_file = broker_login_from(env({{"CHARTFLOW_BROKER_CREDENTIALS_FILE", (dir / "login").string()}}));
  EXPECT_EQ(from_file.user, "worker");
  EXPECT_EQ(from_file.password, "secret:with:colons");
}

TEST(BrokerLogin, HalfASettingIsAnError) {
  EXPECT_NE(login_error({{"CHARTFLOW_BROKER_USER", "x"}}).find("both CHARTFLOW_BROKER_USER and CHARTFLOW_BROKER_PASSWORD"), std::string::npos);
  EXPECT_NE(login_error({{"CHARTFLOW_BROKER_CREDENTIALS_FILE", "/nonexistent"}}).find("not a readable file"), std::string::npos);
  EXPECT_NE(login_error({{"CHARTFLOW_BROKER_CREDENTIALS_FILE", "/etc/hostname"}, {"CHARTFLOW_BROKER_USER", "x"}}).find("not both"),
            std::string::npos);
  EXPECT_NE(login_error({{"CHARTFLOW_BROKER_CERT_FILE", "/etc/hostname"}}).find("needs both"), std::string::npos);
  EXPECT_NE(login_error({{"CHARTFLOW_BROKER_CA_FILE", "/nonexistent/ca.pem"}}).find("CHARTFLOW_BROKER_CA_FILE names /nonexistent/ca.pem"),
            std::string::npos);
  test::TempDir dir;
  test::write_file(dir / "login", "no colon here\n");
  EXPECT_NE(login_error({{"CHARTFLOW_BROKER_CREDENTIALS_FILE", (dir / "login").string()}}).find("one line user:password"), std::string::npos);
}

}  // namespace
}  // namespace chartflow::queue
