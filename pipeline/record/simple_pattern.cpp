// SimplePattern: the anchored patterns of chartflow's schemas, matched without std::regex
// (fast_schema.hpp says why).
#include "fast_schema.hpp"

#include <string_view>

namespace chartflow::record {

namespace {

// Parses one character-class body after '[' up to the closing ']'; false if unsupported.
bool parse_class(std::string_view p, std::size_t& i, bool (&set)[256]) {
  bool negate = false;
  if (i < p.size() && p[i] == '^') negate = true, ++i;
  bool any = false;
  while (i < p.size() && p[i] != ']') {
    unsigned char c = static_cast<unsigned char>(p[i]);
    if (c == '\\') {
      if (++i >= p.size()) return false;
      c = static_cast<unsigned char>(p[i]);
      if (std::isalnum(c)) return false;  // \d, \w, \s ...: not needed by our schemas
    } else if (c == '[') {
      return false;  // [:alpha:] and friends
    }
    ++i;
    if (i + 1 < p.size() && p[i] == '-' && p[i + 1] != ']') {
      unsigned char hi = static_cast<unsigned char>(p[i + 1]);
      if (hi == '\\' || hi < c) return false;
      for (unsigned x = c; x <= hi; ++x) set[x] = true;
      i += 2;
    } else {
      set[c] = true;
    }
    any = true;
  }
  if (i >= p.size() || !any) return false;
  ++i;  // ']'
  if (negate)
    for (auto& b : set) b = !b;
  return true;
}

bool parse_count(std::string_view p, std::size_t& i, std::size_t& out) {
  std::size_t start = i, value = 0;
  while (i < p.size() && p[i] >= '0' && p[i] <= '9') value = value * 10 + static_cast<std::size_t>(p[i++] - '0');
  out = value;
  return i > start && value < 100000;
}

}  // namespace

std::optional<SimplePattern> SimplePattern::compile(std::string_view p) {
  if (p.size() < 2 || p.front() != '^' || p.back() != '$') return std::nullopt;
  p = p.substr(1, p.size() - 2);
  SimplePattern out;
  for (std::size_t i = 0; i < p.size();) {
    Atom atom;
    const char c = p[i];
    if (c == '(' || c == ')' || c == '|' || c == '^' || c == '$' || c == '{' || c == '}' || c == '?' || c == '*' || c == '+')
      return std::nullopt;
    if (c == '[') {
      ++i;
      if (!parse_class(p, i, atom.set)) return std::nullopt;
    } else if (c == '\\') {
      if (i + 1 >= p.size() || std::isalnum(static_cast<unsigned char>(p[i + 1]))) return std::nullopt;
      atom.set[static_cast<unsigned char>(p[i + 1])] = true;
      i += 2;
    } else if (c == '.') {
      for (auto& b : atom.set) b = true;
      atom.set[static_cast<unsigned char>('\n')] = false;
      ++i;
    } else {
      atom.set[static_cast<unsigned char>(c)] = true;
      ++i;
    }
    if (i < p.size()) {
      if (p[i] == '?') atom.min = 0, atom.max = 1, ++i;
      else if (p[i] == '*') atom.min = 0, atom.max = SIZE_MAX, ++i;
      else if (p[i] == '+') atom.min = 1, atom.max = SIZE_MAX, ++i;
      else if (p[i] == '{') {
        ++i;
        if (!parse_count(p, i, atom.min)) return std::nullopt;
        atom.max = atom.min;
        if (i < p.size() && p[i] == ',') {
          ++i;
          if (!parse_count(p, i, atom.max) || atom.max < atom.min) return std::nullopt;
        }
        if (i >= p.size() || p[i] != '}') return std::nullopt;
        ++i;
      }
      if (i < p.size() && (p[i] == '?' || p[i] == '*' || p[i] == '+' || p[i] == '{')) return std::nullopt;  // lazy/possessive
    }
    out.atoms_.push_back(atom);
  }
  out.ascii_only_ = std::none_of(out.atoms_.begin(), out.atoms_.end(),
                                 [](const Atom& atom) { return std::find(atom.set + 0x80, atom.set + 256, true) != atom.set + 256; });
  // Backtracking only helps when an atom gives back a byte that a later atom can take. When no
  // atom of variable length shares a byte with any atom after it, the greedy pass is the answer
  // (every id, view, producer and code pattern of chartflow's schemas).
  out.greedy_ = true;
  for (std::size_t a = 0; a < out.atoms_.size() && out.greedy_; ++a) {
    if (out.atoms_[a].min == out.atoms_[a].max) continue;
    for (std::size_t later = a + 1; later < out.atoms_.size() && out.greedy_; ++later)
      for (std::size_t c = 0; c < 256 && out.greedy_; ++c) out.greedy_ = !(out.atoms_[a].set[c] && out.atoms_[later].set[c]);
  }
  return out;
}

bool SimplePattern::match_from(std::size_t a, std::string_view text, std::size_t pos) const {
  if (a == atoms_.size()) return pos == text.size();
  const Atom& atom = atoms_[a];
  std::size_t n = 0;
  while (n < atom.max && pos + n < text.size() && atom.set[static_cast<unsigned char>(text[pos + n])]) ++n;
  if (n < atom.min) return false;
  if (a + 1 == atoms_.size()) return pos + n == text.size();
  for (std::size_t k = n + 1; k-- > atom.min;)  // greedy, then back off
    if (match_from(a + 1, text, pos + k)) return true;
  return false;
}

bool SimplePattern::matches(std::string_view text) const {
  if (!greedy_) return match_from(0, text, 0);
  std::size_t pos = 0;
  for (const Atom& atom : atoms_) {
    const std::size_t start = pos, stop = text.size() - start < atom.max ? text.size() : start + atom.max;
    while (pos < stop && atom.set[static_cast<unsigned char>(text[pos])]) ++pos;
    if (pos - start < atom.min) return false;
  }
  return pos == text.size();
}

}  // namespace chartflow::record
