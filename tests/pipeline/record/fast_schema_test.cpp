// The fast validator must give the same verdict as valijson (the reference) on everything:
// every example under schemas/examples, thousands of mutants of them, and every pattern in our
// schemas against std::regex on random strings.
#include "record/fast_schema.hpp"
#include "record/schema_validator.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <random>
#include <regex>

namespace chartflow::record {
namespace {


// Every (schema, document) pair the examples give, with items of a record checked against their
// own annotation schema as the host does.
std::vector<std::pair<std::string, json>> example_documents() {
  std::vector<std::pair<std::string, json>> out;
  for (const char* validity : {"valid", "invalid"})
    for (const char* kind : {"record", "plugin-manifest", "pipeline-config"})
      for (const auto& entry : test::fs::directory_iterator(test::kSchemaExamples / validity / kind)) {
        if (entry.path().filename() == "expectations.json") continue;
        json doc = json::parse(test::read_file(entry.path()));
        out.emplace_back(std::string(kind) + ".schema.json", doc);
        if (std::string(kind) != "record" || !doc.is_object()) continue;
        const std::pair<const char*, const char*> fields[] = {
            {"pages", "annotations/page.schema.json"},         {"words", "annotations/ocr-word.schema.json"},
            {"sections", "annotations/section.schema.json"},   {"sentences", "annotations/sentence.schema.json"},
            {"mentions", "annotations/mention.schema.json"},   {"codes", "annotations/code.schema.json"},
            {"tumors", "annotations/tumor.schema.json"},       {"diagnostics", "annotations/diagnostic.schema.json"},
            {"identity", "annotations/identity.schema.json"},
            {"views", "annotations/text-view.schema.json"}};
        for (const auto& [field, schema] : fields)
          if (doc.contains(field) && doc[field].is_array())
            for (const auto& item : doc[field]) out.emplace_back(schema, item);
      }
  return out;
}

void expect_same_verdict(const std::string& schema_file, const json& doc, const std::string& what) {
  const auto& schema = builtin_schema(schema_file);
  const bool fast = schema.validate(doc).empty();
  const auto reference = schema.validate_reference(doc);
  EXPECT_EQ(fast, reference.empty()) << what << " against " << schema_file << ": fast says " << (fast ? "valid" : "invalid")
                                     << ", valijson says " << (reference.empty() ? "valid" : describe_errors(reference)) << "\n"
                                     << doc.dump().substr(0, 600);
}

TEST(FastSchema, EveryBuiltInSchemaUsesTheFastPath) {
  for (const auto& file : builtin_schema_files()) EXPECT_TRUE(builtin_schema(file).uses_fast_path()) << file;
}

TEST(FastSchema, AgreesWithValijsonOnEveryExample) {
  const auto docs = example_documents();
  ASSERT_GT(docs.size(), 30u);
  for (std::size_t i = 0; i < docs.size(); ++i) expect_same_verdict(docs[i].first, docs[i].second, "example " + std::to_string(i));
}

// One random change somewhere in the document: drop a key, add one, change a value's type or
// value (numbers negative or fractional, strings empty, odd characters, long).
void mutate(json& doc, std::mt19937& rng) {
  json* at = &doc;
  for (int depth = 0; depth < 6; ++depth) {
    if (at->is_object() && !at->empty() && rng() % 3) {
      auto it = at->begin();
      std::advance(it, rng() % at->size());
      at = &it.value();
    } else if (at->is_array() && !at->empty() && rng() % 3) {
      at = &(*at)[rng() % at->size()];
    } else {
      break;
    }
  }
  static const std::vector<json> replacements = {
      json(), json(true), json(-1), json(0), json(1.5), json(2), json(7), json(""), json("x"), json("X Y"), json("a-b"), json("doc-0123"),
      json("sections"), json("affirmed"), json(std::string(200, 'a')), json("caf\xc3\xa9"), json::array(), json::object(), json::array({1, 1})};
  switch (rng() % 4) {
    case 0:
      if (at->is_object() && !at->empty()) {
        auto it = at->begin();
        std::advance(it, rng() % at->size());
        at->erase(it);
        return;
      }
      [[fallthrough]];
    case 1:
      if (at->is_object()) {
        (*at)[rng() % 2 ? "unexpected" : "id"] = replacements[rng() % replacements.size()];
        return;
      }
      [[fallthrough]];
    default: *at = replacements[rng() % replacements.size()];
  }
}

TEST(FastSchema, AgreesWithValijsonOnMutants) {
  const auto docs = example_documents();
  std::mt19937 rng(20261125);
  int invalid = 0, total = 0;
  for (int round = 0; round < 12; ++round)
    for (const auto& [schema, original] : docs) {
      json doc = original;
      mutate(doc, rng);
      if (round % 3 == 2) mutate(doc, rng);
      expect_same_verdict(schema, doc, "mutant " + std::to_string(total));
      invalid += builtin_schema(schema).validate(doc).empty() ? 0 : 1;
      ++total;
    }
  EXPECT_GT(invalid, total / 4) << "the mutations should break most documents";
}

TEST(FastSchema, ErrorsNameThePlaceAndNeverQuoteTheValue) {
  const auto& schema = builtin_schema("annotations/mention.schema.json");
  json mention = {{"id", "m 1"},        {"view", "normalized"}, {"begin", 0}, {"end", 4}, {"kind", "diagnosis"},
                  {"producer", "mentions"}, {"assertion", {{"status", "maybe"}, {"negated", false}, {"uncertain", false}, {"hypothetical", false},
                                                           {"historical", false}, {"experiencer", "patient"}}}};
  const auto errors = schema.validate(mention);
  ASSERT_EQ(errors.size(), 2u) << describe_errors(errors);
  const std::string all = describe_errors(errors);
  EXPECT_NE(all.find("id: does not match the pattern"), std::string::npos) << all;
  EXPECT_NE(all.find("assertion.status: must be one of"), std::string::npos) << all;
  EXPECT_EQ(all.find("m 1"), std::string::npos) << "values may be chart text: " << all;
  mention.erase("kind");
  mention["assertion"]["status"] = "affirmed";
  mention["id"] = "m1";
  mention["extra"] = 1;
  const std::string missing = describe_errors(schema.validate(mention));
  EXPECT_NE(missing.find("missing required property 'kind'"), std::string::npos) << missing;
  EXPECT_NE(missing.find("property 'extra' is not allowed"), std::string::npos) << missing;
}

TEST(SimplePattern, MatchesLikeStdRegexOnEverySchemaPattern) {
  std::vector<std::string> patterns;
  const std::function<void(const json&)> collect = [&](const json& j) {
    if (j.is_object()) {
      if (auto p = j.find("pattern"); p != j.end() && p->is_string()) patterns.push_back(*p);
      for (const auto& [k, v] : j.items()) collect(v);
    } else if (j.is_array()) {
      for (const auto& v : j) collect(v);
    }
  };
  for (const auto& file : builtin_schema_files()) collect(json::parse(builtin_schema_text(file)));
  ASSERT_GT(patterns.size(), 10u);
  const std::string alphabet = "aAz09-_.:+/ \xc3\xa9xdoc";
  std::mt19937 rng(7);
  int compiled = 0;
  for (const auto& pattern : patterns) {
    const auto simple = SimplePattern::compile(pattern);
    if (!simple) continue;  // alternations fall back to valijson
    ++compiled;
    const std::regex reference(pattern);
    for (int i = 0; i < 3000; ++i) {
      std::string s;
      const std::size_t n = rng() % (i % 50 == 0 ? 140 : 12);
      for (std::size_t k = 0; k < n; ++k) s += alphabet[rng() % alphabet.size()];
      if (i % 7 == 0) s = "doc-" + std::string(16, "0123456789abcdef"[rng() % 16]);
      ASSERT_EQ(simple->matches(s), std::regex_search(s, reference)) << pattern << " on '" << s << "'";
    }
  }
  EXPECT_GE(compiled, 10);
}

// Patterns where a greedy atom must give bytes back to a later one, beside ones where the single
// greedy pass decides: both kinds must agree with std::regex.
TEST(SimplePattern, BacktracksWhereALaterAtomNeedsTheBytes) {
  const std::string alphabet = "ab.-1";
  std::mt19937 rng(3);
  for (const char* pattern : {"^a*b?a$", "^[ab]*b$", "^a{1,3}a{2}$", "^.*-1$", "^[a-b]+[.][0-9]{1,2}$", "^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$"}) {
    const auto simple = SimplePattern::compile(pattern);
    ASSERT_TRUE(simple.has_value()) << pattern;
    const std::regex reference(pattern);
    for (int i = 0; i < 2000; ++i) {
      std::string s;
      for (std::size_t k = 0, n = rng() % 8; k < n; ++k) s += alphabet[rng() % alphabet.size()];
      ASSERT_EQ(simple->matches(s), std::regex_search(s, reference)) << pattern << " on '" << s << "'";
    }
  }
}

TEST(SimplePattern, RefusesWhatItDoesNotImplement) {
  for (const char* p : {"abc", "^a|b$", "^(ab)+$", "^\\d+$", "^a+?$", "^[[:alpha:]]$", "^a{2,1}$", "^[a$"})
    EXPECT_FALSE(SimplePattern::compile(p).has_value()) << p;
  EXPECT_TRUE(SimplePattern::compile("^[a-z][a-z0-9_]{0,31}$").has_value());
}

}  // namespace
}  // namespace chartflow::record
