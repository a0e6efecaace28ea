#include "tls.hpp"

#include <Poco/Net/SSLManager.h>

#include <mutex>

namespace chartflow::delivery {

Poco::Net::Context::Ptr tls_client_context(const std::string& ca_file) {
  static std::once_flag ssl_ready;
  std::call_once(ssl_ready, [] { Poco::Net::initializeSSL(); });  // never uninitialised: plugins stay loaded
  // VERIFY_RELAXED on a client verifies the server's chain (there is nothing laxer about it on
  // this side); the default CAs are loaded only when no CA file replaces them.
  return new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "", "", ca_file, Poco::Net::Context::VERIFY_RELAXED, 9,
                                ca_file.empty());
}

}  // namespace chartflow::delivery
