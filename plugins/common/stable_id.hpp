// Identifiers that stay the same when the same chart is delivered again (a FHIR server's
// conditional create, an HL7 v2 message control id), so a receiver recognises a re-delivery;
// and the encodings the delivery sinks share.
#pragma once

#include <string>
#include <string_view>

namespace chartflow::delivery {

// An RFC 9562 version-8 (name-based, custom hash) UUID from the SHA-256 of `seed`.
std::string stable_uuid(std::string_view seed);

// The first `digits` hex digits (at most 64) of the SHA-256 of `seed`.
std::string stable_hex(std::string_view seed, std::size_t digits);

// Standard base64 (RFC 4648, with padding), as FHIR's base64Binary wants it.
std::string base64(std::string_view bytes);

// The base64 of the SHA-1 of `bytes`: FHIR Attachment.hash is defined as SHA-1.
std::string sha1_base64(std::string_view bytes);

}  // namespace chartflow::delivery
