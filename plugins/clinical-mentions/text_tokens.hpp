// Tokens for dictionary and trigger matching: runs of letters and digits, lower-cased, plurals
// folded ("effusions" -> "effusion"), with their byte offsets in the text.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace chartflow::mentions {

struct Token {
  std::size_t begin = 0, end = 0;
  std::string key;  // lower case, plural folded
};

std::vector<Token> tokenize(std::string_view text, std::size_t begin = 0, std::size_t end = std::string_view::npos);

// The keys of a phrase joined by single spaces ("Pleural Effusions" -> "pleural effusion").
std::string phrase_key(std::string_view phrase);

}  // namespace chartflow::mentions
