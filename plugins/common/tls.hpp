// The TLS client context the delivery sinks connect with (Poco::NetSSL over OpenSSL): the
// server's certificate chain is verified against the system's CAs, or only those of a given PEM
// file, and the session checks the host name. Shared by the FHIR and HL7 v2 sinks.
#pragma once

#include <Poco/Net/Context.h>

#include <string>

namespace chartflow::delivery {

// Throws Poco::Exception when the CA file cannot be read.
Poco::Net::Context::Ptr tls_client_context(const std::string& ca_file);

}  // namespace chartflow::delivery
