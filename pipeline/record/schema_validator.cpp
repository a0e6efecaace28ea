#include "schema_validator.hpp"

#include "fast_schema.hpp"

#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include <algorithm>
#include <map>
#include <mutex>

namespace chartflow::record {
namespace embedded {
const std::vector<std::pair<std::string_view, std::string_view>>& embedded_files();
}

namespace {

std::string_view base_name(std::string_view path) {
  const auto slash = path.find_last_of('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

// Schema files have unique base names, so a `$ref` such as "../common.schema.json" resolves by
// its base name wherever the referring file sits.
const json* fetch_builtin(const std::string& uri) {
  const std::string document = uri.substr(0, uri.find('#'));
  const std::string_view wanted = base_name(document);
  for (const auto& [path, text] : embedded::embedded_files())
    if (base_name(path) == wanted) return new json(json::parse(text));
  return nullptr;
}

void free_fetched(const json* document) { delete document; }

// The built-in schema documents parsed once, for the fast validator's $ref resolution.
const json* builtin_document(const std::string& file) {
  static const std::map<std::string, json, std::less<>> documents = [] {
    std::map<std::string, json, std::less<>> out;
    for (const auto& [path, text] : embedded::embedded_files()) out.emplace(std::string(base_name(path)), json::parse(text));
    return out;
  }();
  auto it = documents.find(base_name(file));
  return it == documents.end() ? nullptr : &it->second;
}

// valijson context ["<root>", "[stages]", "[1]", "[config]"] -> "stages[1].config"
std::string format_context(const std::vector<std::string>& context) {
  std::string out;
  for (const auto& part : context) {
    if (part == "<root>" || part.size() < 2) continue;
    const std::string inner = part.substr(1, part.size() - 2);
    const bool index = !inner.empty() && std::all_of(inner.begin(), inner.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (index) {
      out += "[" + inner + "]";
    } else {
      if (!out.empty()) out += ".";
      out += inner;
    }
  }
  return out;
}

}  // namespace

struct CompiledSchema::Impl {
  valijson::Schema schema;             // the reference validator, complete draft-07
  std::unique_ptr<FastSchema> fast;    // the same schema for the fast path, when it fits
};

CompiledSchema::CompiledSchema() : impl_(std::make_unique<Impl>()) {}
CompiledSchema::~CompiledSchema() = default;

std::shared_ptr<const CompiledSchema> CompiledSchema::compile(const json& schema) {
  std::shared_ptr<CompiledSchema> compiled(new CompiledSchema());
  try {
    valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
    valijson::adapters::NlohmannJsonAdapter adapter(schema);
    parser.populateSchema(adapter, compiled->impl_->schema, fetch_builtin, free_fetched);
  } catch (const std::exception& e) {
    throw SchemaCompileError(std::string("invalid JSON Schema: ") + e.what());
  }
  compiled->impl_->fast = FastSchema::compile(schema, builtin_document);
  return compiled;
}

bool CompiledSchema::uses_fast_path() const { return impl_->fast != nullptr; }

std::vector<SchemaError> CompiledSchema::validate(const json& document) const {
  if (!impl_->fast) return validate_reference(document);
  std::vector<SchemaError> errors;
  impl_->fast->validate(document, errors);
  return errors;
}

std::vector<SchemaError> CompiledSchema::validate(const binary::Value& document) const {
  if (!impl_->fast) return validate_reference(binary::to_json(document));
  std::vector<SchemaError> errors;
  impl_->fast->validate(document, errors);
  return errors;
}

bool CompiledSchema::valid_observed(const binary::Value& document, ItemObserver& observer) const {
  if (!impl_->fast) return false;
  std::vector<SchemaError> errors;
  return impl_->fast->validate(document, errors, observer);
}

std::vector<SchemaError> CompiledSchema::validate_reference(const json& document) const {
  // The validator caches compiled regular expressions; one per thread keeps that cache warm
  // without locking.
  thread_local valijson::Validator validator;
  valijson::ValidationResults results;
  valijson::adapters::NlohmannJsonAdapter adapter(document);
  if (validator.validate(impl_->schema, adapter, &results)) return {};
  std::vector<std::pair<std::size_t, SchemaError>> found;
  valijson::ValidationResults::Error error;
  while (results.popError(error)) found.push_back({error.context.size(), {format_context(error.context), error.description}});
  // Deepest first: "stages[1].plugin: pattern" says more than "stages: item #1 failed".
  std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<SchemaError> errors;
  for (auto& [depth, e] : found) errors.push_back(std::move(e));
  return errors;
}

std::string_view builtin_schema_text(std::string_view file) {
  for (const auto& [path, text] : embedded::embedded_files())
    if (path == file) return text;
  throw std::out_of_range("no built-in schema named '" + std::string(file) + "'");
}

std::vector<std::string> builtin_schema_files() {
  std::vector<std::string> files;
  for (const auto& entry : embedded::embedded_files()) files.emplace_back(entry.first);
  return files;
}

const CompiledSchema& builtin_schema(std::string_view file) {
  static std::mutex mutex;
  static std::map<std::string, std::shared_ptr<const CompiledSchema>, std::less<>> cache;
  std::lock_guard lock(mutex);
  if (auto it = cache.find(file); it != cache.end()) return *it->second;
  auto compiled = CompiledSchema::compile(json::parse(builtin_schema_text(file)));
  return *cache.emplace(std::string(file), std::move(compiled)).first->second;
}

std::string describe_errors(const std::vector<SchemaError>& errors, std::size_t max_errors) {
  std::string out;
  for (std::size_t i = 0; i < errors.size() && i < max_errors; ++i) {
    if (i) out += "; ";
    out += (errors[i].path.empty() ? std::string("(top level)") : errors[i].path) + ": " + errors[i].message;
  }
  if (errors.size() > max_errors) out += "; and " + std::to_string(errors.size() - max_errors) + " more";
  return out;
}

}  // namespace chartflow::record
