// chartflow binary items (ABI 1.1): the compact form annotation items take between the host and
// stages, so that no stage boundary serialises JSON text and parses it back.
//
// A value is a tag byte and its payload, little-endian, unaligned:
//   0 null | 1 false | 2 true | 3 int64 | 4 uint64 | 5 double (8 bytes each)
//   6 string: u32 byte length, UTF-8 bytes
//   7 array:  u32 bytes of the elements, u32 count, the elements
//   8 object: u32 bytes of the members, u32 count, then per member: u32 key length, key bytes, value
// A field's items travel as `count` object values one after another. Containers carry their byte
// size, so a reader skips any value in O(1) and reads without allocating: `Value` is a view.
// Readers check bounds: malformed bytes throw binary::FormatError, never read out of range.
#pragma once

#include <nlohmann/json.hpp>

#include <array>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace chartflow::binary {

enum class Tag : std::uint8_t { null = 0, false_ = 1, true_ = 2, int64 = 3, uint64 = 4, double_ = 5, string = 6, array = 7, object = 8 };

class FormatError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

namespace detail {
inline std::uint32_t read_u32(const char* p) {
  std::uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}
inline void put_u32(std::string& out, std::uint32_t v) { out.append(reinterpret_cast<const char*>(&v), 4); }
inline void patch_u32(std::string& out, std::size_t at, std::uint32_t v) { std::memcpy(out.data() + at, &v, 4); }
}  // namespace detail

// A read-only view of one value inside a buffer that outlives it.
class Value {
 public:
  Value() = default;
  // The value starting at `data`, which must lie within [data, end).
  Value(const char* data, const char* end) : p_(data), end_(end) {
    if (p_ >= end_) throw FormatError("binary value: truncated");
    if (static_cast<std::uint8_t>(*p_) > static_cast<std::uint8_t>(Tag::object)) throw FormatError("binary value: unknown tag");
    if (byte_size() > static_cast<std::size_t>(end_ - p_)) throw FormatError("binary value: truncated");
  }

  Tag tag() const noexcept { return static_cast<Tag>(*p_); }
  bool is_null() const noexcept { return tag() == Tag::null; }
  bool is_bool() const noexcept { return tag() == Tag::false_ || tag() == Tag::true_; }
  bool is_number() const noexcept { return tag() == Tag::int64 || tag() == Tag::uint64 || tag() == Tag::double_; }
  bool is_integer() const noexcept { return tag() == Tag::int64 || tag() == Tag::uint64; }
  bool is_unsigned() const noexcept { return tag() == Tag::uint64; }
  bool is_string() const noexcept { return tag() == Tag::string; }
  bool is_array() const noexcept { return tag() == Tag::array; }
  bool is_object() const noexcept { return tag() == Tag::object; }

  // Total bytes of the value, its tag included.
  std::size_t byte_size() const {
    switch (tag()) {
      case Tag::null: case Tag::false_: case Tag::true_: return 1;
      case Tag::int64: case Tag::uint64: case Tag::double_: return 9;
      case Tag::string: return 5 + header_u32(1);
      case Tag::array: case Tag::object: return 9 + header_u32(1);
    }
    return 1;
  }

  bool as_bool() const { return expect(tag() == Tag::true_ || tag() == Tag::false_, "a boolean"), tag() == Tag::true_; }
  std::int64_t as_int() const {
    expect(is_integer(), "an integer");
    std::int64_t v;
    std::memcpy(&v, p_ + 1, 8);
    return v;  // a uint64 above INT64_MAX wraps, as with a cast
  }
  std::uint64_t as_uint() const {
    expect(is_integer(), "an integer");
    std::uint64_t v;
    std::memcpy(&v, p_ + 1, 8);
    if (tag() == Tag::int64 && static_cast<std::int64_t>(v) < 0) throw FormatError("binary value: negative where unsigned expected");
    return v;
  }
  double as_double() const {
    if (tag() == Tag::int64) return static_cast<double>(as_int());
    if (tag() == Tag::uint64) return static_cast<double>(as_uint());
    expect(tag() == Tag::double_, "a number");
    double v;
    std::memcpy(&v, p_ + 1, 8);
    return v;
  }
  std::string_view as_string() const {
    expect(is_string(), "a string");
    return {p_ + 5, header_u32(1)};
  }
  // Elements of an array or members of an object.
  std::size_t size() const { return is_array() || is_object() ? header_u32(5) : 0; }

  // Iterates an array's elements, or an object's members as (key, value).
  template <class Visit>
  void for_each_element(Visit&& visit) const {
    expect(is_array(), "an array");
    const char* q = p_ + 9;
    const char* stop = p_ + byte_size();
    for (std::size_t i = 0, n = size(); i < n; ++i) {
      Value v(q, stop);
      visit(v);
      q += v.byte_size();
    }
  }
  template <class Visit>
  void for_each_member(Visit&& visit) const {
    expect(is_object(), "an object");
    walk_members([&](std::string_view key, const Value& v) {
      visit(key, v);
      return false;
    });
  }
  // The member `key` of an object (nullopt when absent or not an object).
  std::optional<Value> find(std::string_view key) const {
    std::optional<Value> found;
    if (is_object())
      walk_members([&](std::string_view k, const Value& v) {
        if (k == key) found = v;
        return found.has_value();
      });
    return found;
  }
  bool contains(std::string_view key) const { return find(key).has_value(); }
  // The members `keys` of an object in one walk (the first of each; nullopt when absent or not an
  // object): reading a dozen members one find() at a time walks the object a dozen times.
  template <std::size_t N>
  std::array<std::optional<Value>, N> find_all(const std::array<std::string_view, N>& keys) const {
    std::array<std::optional<Value>, N> found;
    if (is_object())
      walk_members([&](std::string_view k, const Value& v) {
        for (std::size_t i = 0; i < N; ++i)
          if (!found[i] && k == keys[i]) {
            found[i] = v;
            break;
          }
        return false;
      });
    return found;
  }
  // The member `key`; throws when it is missing.
  Value operator[](std::string_view key) const {
    auto v = find(key);
    if (!v) throw FormatError("binary value: no member '" + std::string(key) + "'");
    return *v;
  }
  // Convenience readers with a default for an absent member.
  std::string_view string_or(std::string_view key, std::string_view fallback = {}) const {
    auto v = find(key);
    return v && v->is_string() ? v->as_string() : fallback;
  }
  std::uint64_t uint_or(std::string_view key, std::uint64_t fallback = 0) const {
    auto v = find(key);
    return v && v->is_integer() ? v->as_uint() : fallback;
  }
  bool bool_or(std::string_view key, bool fallback = false) const {
    auto v = find(key);
    return v && v->is_bool() ? v->as_bool() : fallback;
  }
  std::string_view bytes() const { return {p_, byte_size()}; }

 private:
  // Visits an object's members in order until `visit` returns true; checks every bound.
  template <class Visit>
  void walk_members(Visit&& visit) const {
    const char* q = p_ + 9;
    const char* stop = p_ + byte_size();
    for (std::size_t i = 0, n = size(); i < n; ++i) {
      if (stop - q < 4) throw FormatError("binary value: truncated key");
      const std::uint32_t length = detail::read_u32(q);
      if (static_cast<std::size_t>(stop - q - 4) < length) throw FormatError("binary value: truncated key");
      const Value v(q + 4 + length, stop);
      if (visit(std::string_view(q + 4, length), v)) return;
      q += 4 + length + v.byte_size();
    }
  }
  std::size_t header_u32(std::size_t offset) const {
    if (static_cast<std::size_t>(end_ - p_) < offset + 4) throw FormatError("binary value: truncated");
    return detail::read_u32(p_ + offset);
  }
  void expect(bool ok, const char* what) const {
    if (!ok) throw FormatError(std::string("binary value: expected ") + what);
  }
  const char* p_ = nullptr;
  const char* end_ = nullptr;
};

// Items: `count` values laid one after another (a field's items on the wire).
class Items {
 public:
  Items() = default;
  Items(std::string_view bytes, std::size_t count) : bytes_(bytes), count_(count) {}
  std::size_t size() const noexcept { return count_; }
  bool empty() const noexcept { return count_ == 0; }
  std::string_view bytes() const noexcept { return bytes_; }

  class iterator {
   public:
    iterator(const char* p, const char* end, std::size_t left) : p_(p), end_(end), left_(left) {}
    Value operator*() const { return Value(p_, end_); }
    iterator& operator++() {
      p_ += Value(p_, end_).byte_size();
      --left_;
      return *this;
    }
    bool operator!=(const iterator& other) const { return left_ != other.left_; }

   private:
    const char* p_;
    const char* end_;
    std::size_t left_;
  };
  iterator begin() const { return {bytes_.data(), bytes_.data() + bytes_.size(), count_}; }
  iterator end() const { return {nullptr, nullptr, 0}; }

 private:
  std::string_view bytes_;
  std::size_t count_ = 0;
};

// Builds values: begin_object().key("id").value("m1").end_object(). Each top-level value counts
// as one item. Sizes and counts are patched when a container closes.
class Writer {
 public:
  Writer& null() { return scalar(Tag::null); }
  Writer& value(bool b) { return scalar(b ? Tag::true_ : Tag::false_); }
  Writer& value(std::string_view s) {
    element();
    out_ += static_cast<char>(Tag::string);
    detail::put_u32(out_, static_cast<std::uint32_t>(s.size()));
    out_.append(s);
    return *this;
  }
  Writer& value(const char* s) { return value(std::string_view(s)); }
  Writer& value(const std::string& s) { return value(std::string_view(s)); }
  Writer& value(double d) { return fixed(Tag::double_, &d); }
  template <class I>
    requires std::is_integral_v<I> && (!std::is_same_v<I, bool>)
  Writer& value(I i) {
    if constexpr (std::is_signed_v<I>) {
      const std::int64_t v = i;
      return fixed(Tag::int64, &v);
    } else {
      const std::uint64_t v = i;
      return fixed(Tag::uint64, &v);
    }
  }
  Writer& key(std::string_view k) {
    if (open_.empty() || !open_.back().object || open_.back().expect_value) throw std::logic_error("binary writer: key outside an object");
    ++open_.back().count;
    open_.back().expect_value = true;
    detail::put_u32(out_, static_cast<std::uint32_t>(k.size()));
    out_.append(k);
    return *this;
  }
  // key(k).value(v) in one call.
  template <class V>
  Writer& member(std::string_view k, const V& v) {
    return key(k).value(v);
  }
  Writer& begin_object() { return open(Tag::object); }
  Writer& begin_array() { return open(Tag::array); }
  Writer& end_object() { return close(true); }
  Writer& end_array() { return close(false); }

  std::size_t count() const noexcept { return top_count_; }  // top-level values written
  const std::string& bytes() const noexcept { return out_; }
  bool complete() const noexcept { return open_.empty(); }
  void clear() {
    out_.clear();
    open_.clear();
    top_count_ = 0;
  }

 private:
  struct Open {
    std::size_t header = 0;
    std::uint32_t count = 0;
    bool object = false;
    bool expect_value = false;
  };
  void element() {
    if (open_.empty()) {
      ++top_count_;
    } else if (open_.back().object) {
      if (!open_.back().expect_value) throw std::logic_error("binary writer: value without a key in an object");
      open_.back().expect_value = false;
    } else {
      ++open_.back().count;
    }
  }
  Writer& scalar(Tag t) {
    element();
    out_ += static_cast<char>(t);
    return *this;
  }
  Writer& fixed(Tag t, const void* eight_bytes) {
    element();
    out_ += static_cast<char>(t);
    out_.append(static_cast<const char*>(eight_bytes), 8);
    return *this;
  }
  Writer& open(Tag t) {
    element();
    out_ += static_cast<char>(t);
    open_.push_back({out_.size(), 0, t == Tag::object, false});
    out_.append(8, '\0');  // payload size and count, patched by close()
    return *this;
  }
  Writer& close(bool object) {
    if (open_.empty() || open_.back().object != object || open_.back().expect_value)
      throw std::logic_error("binary writer: unbalanced container");
    const Open o = open_.back();
    open_.pop_back();
    detail::patch_u32(out_, o.header, static_cast<std::uint32_t>(out_.size() - o.header - 8));  // the elements' bytes
    detail::patch_u32(out_, o.header + 4, o.count);
    return *this;
  }
  std::string out_;
  std::vector<Open> open_;
  std::size_t top_count_ = 0;
};

// Conversions to and from nlohmann::json, for stages that prefer a DOM and for the host's JSON
// boundary (record files, ABI 1.0 plugins).
inline void write_json(Writer& w, const nlohmann::json& j) {
  switch (j.type()) {
    case nlohmann::json::value_t::null: w.null(); break;
    case nlohmann::json::value_t::boolean: w.value(j.get<bool>()); break;
    case nlohmann::json::value_t::number_integer: w.value(j.get<std::int64_t>()); break;
    case nlohmann::json::value_t::number_unsigned: w.value(j.get<std::uint64_t>()); break;
    case nlohmann::json::value_t::number_float: w.value(j.get<double>()); break;
    case nlohmann::json::value_t::string: w.value(j.get_ref<const std::string&>()); break;
    case nlohmann::json::value_t::array:
      w.begin_array();
      for (const auto& e : j) write_json(w, e);
      w.end_array();
      break;
    case nlohmann::json::value_t::object:
      w.begin_object();
      for (const auto& [k, v] : j.items()) {
        w.key(k);
        write_json(w, v);
      }
      w.end_object();
      break;
    default: throw std::invalid_argument("binary writer: JSON value of an unsupported type (binary or discarded)");
  }
}

inline nlohmann::json to_json(const Value& v) {
  switch (v.tag()) {
    case Tag::null: return nullptr;
    case Tag::false_: return false;
    case Tag::true_: return true;
    case Tag::int64: return v.as_int();
    case Tag::uint64: return v.as_uint();
    case Tag::double_: return v.as_double();
    case Tag::string: return std::string(v.as_string());
    case Tag::array: {
      nlohmann::json a = nlohmann::json::array();
      v.for_each_element([&](const Value& e) { a.push_back(to_json(e)); });
      return a;
    }
    case Tag::object: {
      nlohmann::json o = nlohmann::json::object();
      v.for_each_member([&](std::string_view k, const Value& e) { o[std::string(k)] = to_json(e); });
      return o;
    }
  }
  return nullptr;
}

inline nlohmann::json to_json(const Items& items) {
  nlohmann::json a = nlohmann::json::array();
  for (const Value v : items) a.push_back(to_json(v));
  return a;
}

}  // namespace chartflow::binary
