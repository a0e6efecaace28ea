#include "stable_id.hpp"

#include <Poco/Base64Encoder.h>
#include <Poco/DigestEngine.h>
#include <Poco/SHA1Engine.h>
#include <Poco/SHA2Engine.h>

#include <array>
#include <sstream>

namespace chartflow::delivery {

std::string stable_uuid(std::string_view seed) {
  Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
  engine.update(seed.data(), static_cast<unsigned>(seed.size()));
  auto digest = engine.digest();
  digest[6] = static_cast<unsigned char>((digest[6] & 0x0F) | 0x80);  // version 8
  digest[8] = static_cast<unsigned char>((digest[8] & 0x3F) | 0x80);  // variant 10
  static constexpr char kHex[] = "0123456789abcdef";
  std::string uuid;
  for (std::size_t i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) uuid += '-';
    uuid += kHex[digest[i] >> 4];
    uuid += kHex[digest[i] & 0x0F];
  }
  return uuid;
}

std::string stable_hex(std::string_view seed, std::size_t digits) {
  Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
  engine.update(seed.data(), static_cast<unsigned>(seed.size()));
  return Poco::DigestEngine::digestToHex(engine.digest()).substr(0, digits);
}

std::string base64(std::string_view bytes) {
  std::ostringstream out;
  Poco::Base64Encoder encoder(out);
  encoder.rdbuf()->setLineLength(0);  // one line: FHIR JSON wants no line breaks in base64Binary
  encoder.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  encoder.close();
  return out.str();
}

std::string sha1_base64(std::string_view bytes) {
  Poco::SHA1Engine engine;
  engine.update(bytes.data(), static_cast<unsigned>(bytes.size()));
  const auto& digest = engine.digest();
  return base64(std::string_view(reinterpret_cast<const char*>(digest.data()), digest.size()));
}

}  // namespace chartflow::delivery
