// A fast validator for the subset of JSON Schema draft-07 that chartflow's own schemas use.
//
// Why: the host validates every item a stage adds. valijson (the reference validator) costs
// about 16 us per mention, mostly in std::regex and per-property bookkeeping; that alone capped
// the clinical NLP stages near 1 MB/s. This validator compiles a schema once into a small tree
// and checks a document without allocating on the success path, with anchored patterns matched
// by a tiny backtracking matcher instead of std::regex.
//
// It refuses (FastSchema::compile returns nullptr) any schema using a keyword or pattern it does
// not implement, and CompiledSchema then falls back to valijson, so a plugin's config schema may
// use all of draft-07. Tests check that both validators agree on every example in schemas/.
#pragma once

#include "schema_validator.hpp"

#include <chartflow/binary.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <string_view>

namespace chartflow::record {

// Told of every value a binary schema walk reaches, so that the host's other checks of an item
// (UTF-8, nesting, spans) ride on the schema's walk instead of walking the item again. Values the
// schema does not describe (free-form members, arrays without `items`) are handed over whole.
class ItemObserver {
 public:
  // The members of one object that make a span, the first of each (as a lookup would find them).
  struct SpanParts {
    std::optional<binary::Value> view, begin, end;
    void note(std::string_view key, const binary::Value& value) {
      if (key == "view" && !view) view = value;
      if (key == "begin" && !begin) begin = value;
      if (key == "end" && !end) end = value;
    }
  };
  virtual ~ItemObserver() = default;
  virtual void string(std::string_view text) = 0;
  virtual void key(std::string_view key) = 0;
  virtual void container(unsigned level) = 0;  // an array or object nested `level` deep (the item is 0)
  virtual void object_done(const SpanParts& parts) = 0;
  virtual void unwalked(const binary::Value& value, unsigned level) = 0;
};

class FastSchema {
 public:
  // `resolve` returns the parsed schema document named by a $ref's file part (or nullptr).
  using Resolver = std::function<const json*(const std::string& file)>;
  static std::unique_ptr<FastSchema> compile(const json& schema, const Resolver& resolve);
  ~FastSchema();

  // Appends every error found to `errors`; returns true when the document is valid.
  bool validate(const json& document, std::vector<SchemaError>& errors) const;
  // The same checks on a binary value (annotation items), without converting it.
  bool validate(const binary::Value& document, std::vector<SchemaError>& errors) const;
  // The same, telling `observer` of every value on the way.
  bool validate(const binary::Value& document, std::vector<SchemaError>& errors, ItemObserver& observer) const;

  struct Node;

 private:
  FastSchema();
  std::vector<std::unique_ptr<Node>> nodes_;  // owns every node; nodes_[0] is the root
  friend class FastSchemaCompiler;
};

// Whole-string match of an anchored pattern built from literals, escapes, character classes
// and the quantifiers ?, *, +, {n}, {m,n}. Returns false from `compile` for anything else.
class SimplePattern {
 public:
  static std::optional<SimplePattern> compile(std::string_view pattern);
  bool matches(std::string_view text) const;
  // Whether every text it matches is ASCII (and so valid UTF-8 without a look).
  bool ascii_only() const { return ascii_only_; }

 private:
  struct Atom {
    bool set[256] = {};
    std::size_t min = 1, max = 1;
  };
  bool match_from(std::size_t atom, std::string_view text, std::size_t pos) const;
  std::vector<Atom> atoms_;
  bool greedy_ = false;  // one left-to-right pass decides (see compile)
  bool ascii_only_ = false;
};

}  // namespace chartflow::record
