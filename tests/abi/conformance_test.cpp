// ABI conformance, run against every plugin the build produces (product and test plugins
// alike, except the deliberately broken ones): its manifest is valid, its library exports
// only the entry point, the handshake works and refuses a foreign major version, every kind of
// input gives a documented status (never a crash, an escaped exception or a refused emission),
// shared instances survive concurrent use, and instances are destroyed cleanly.
#include "host/manifest.hpp"
#include "host/pipeline.hpp"
#include "host/pipeline_config.hpp"
#include "host/plugin_library.hpp"
#include "host/runner.hpp"
#include "host/sink.hpp"
#include "host/stage.hpp"
#include "record/record_json.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <chartflow/utf8.hpp>

#include <dlfcn.h>

#include <random>
#include <sstream>
#include <thread>

namespace chartflow::test {
namespace {

std::vector<fs::path> plugin_manifests() {
  std::vector<fs::path> found;
  for (const auto& root : {kPluginDir, kTestPluginDir})
    for (const auto& e : fs::directory_iterator(root))
      if (fs::exists(e.path() / "plugin.json") && !e.path().filename().string().starts_with("broken-"))
        found.push_back(e.path() / "plugin.json");
  std::sort(found.begin(), found.end());
  return found;
}

// A record holding every view the plugin reads, filled with `text`.
record::Record record_for(const host::Manifest& m, const std::string& text) {
  record::Record r;
  r.document = {"doc-0123456789abcdef", {"x.txt", std::string(64, '0'), text.size()}, "text/plain", std::nullopt};
  for (const auto& field : m.reads)
    if (field.starts_with("views.")) r.views.push_back({field.substr(6), text, "file", "utf-8", std::nullopt, {}, "test", std::nullopt});
  return r;
}

// A synthetic chart taken through the product's text stages (read, normalise, sections, mentions,
// coding), so that stages which read sections, mentions or codes get real ones to work on.
const record::Record& realistic_record() {
  static const record::Record record = [] {
    TempDir dir;
    const auto config = host::read_pipeline_config(write_config(dir.path(),
        R"([{"id": "read", "plugin": "text-reader"}, {"id": "normalize", "plugin": "text-normalizer"},
            {"id": "sections", "plugin": "clinical-sections"}, {"id": "document-type", "plugin": "document-type"},
            {"id": "identity", "plugin": "patient-identity"}, {"id": "mentions", "plugin": "clinical-mentions"},
            {"id": "coding", "plugin": "clinical-coding"}])"));
    const host::Pipeline pipeline(config, 1);
    const std::string chart = read_file(kSourceDir / "tests/fixtures/charts/discharge-summary-chf.txt");
    auto result = host::process_document(pipeline, chart, "chart.txt", 0);
    if (result.failure) throw std::runtime_error("the realistic chart failed: " + result.failure->reason);
    return result.record;
  }();
  return record;
}

// The realistic record as the plugin would find it: without what the plugin itself writes.
record::Record realistic_record_for(const host::Manifest& m) {
  record::Record r = realistic_record();
  for (const auto& field : m.writes) {
    if (field.starts_with("views.")) std::erase_if(r.views, [&](const auto& v) { return "views." + v.name == field; });
    r.items.erase(field);
    std::erase_if(r.item_ids, [&](const auto& entry) { return entry.second == field; });
  }
  return r;
}

// The built-in fields and those the plugin declares, as in any pipeline that holds the plugin.
record::FieldRegistry fields_for(const host::Manifest& m) {
  record::FieldRegistry fields;
  fields.declare(m.name, m.fields);
  return fields;
}

// Views are valid UTF-8 by construction, so binary samples reach view readers as empty text.
std::string utf8_or_empty(const std::string& s) { return utf8::is_valid(s) ? s : std::string(); }

std::vector<std::string> sample_inputs() {
  std::vector<std::string> inputs = {"", "Fever.\n", "caf\xC3\xA9 \xE2\x80\x94 r\xC3\xA9sum\xC3\xA9\n", std::string(100000, 'a') + "\n",
                                     "line one\r\nline two\r\n", "hyper-\ntension"};
  std::mt19937 rng(3);
  std::string binary(512, '\0');
  for (auto& b : binary) b = static_cast<char>(rng());
  inputs.push_back(binary);
  return inputs;
}

class Conformance : public ::testing::TestWithParam<fs::path> {};

TEST_P(Conformance, ManifestIsValidAndLibraryExportsOnlyTheEntryPoint) {
  const host::Manifest m = host::read_manifest(GetParam());
  const auto symbols = run_command("nm -D --defined-only " + quote(m.library_path()));
  ASSERT_EQ(symbols.exit_code, 0) << symbols.err;
  std::vector<std::string> exported;
  std::istringstream lines(symbols.out);
  for (std::string address, type, name; lines >> address >> type >> name;) exported.push_back(name);
  EXPECT_EQ(exported, std::vector<std::string>{"chartflow_plugin_entry_v1"}) << m.name << " exports more than its entry point:\n" << symbols.out;
}

TEST_P(Conformance, HandshakeAcceptsThisHostAndRefusesAnotherMajor) {
  const host::Manifest m = host::read_manifest(GetParam());
  const cf_plugin_v1& api = host::load_plugin(m);
  EXPECT_GE(api.struct_size, CHARTFLOW_PLUGIN_V1_0_SIZE);
  if (api.abi_minor >= 1) {
    EXPECT_GE(api.struct_size, sizeof(cf_plugin_v1));
  }
  EXPECT_EQ(api.abi_major, CHARTFLOW_ABI_VERSION_MAJOR);
  void* handle = ::dlopen(m.library_path().c_str(), RTLD_NOW | RTLD_LOCAL | RTLD_NOLOAD);
  ASSERT_NE(handle, nullptr) << "the library should already be loaded";
  auto entry = reinterpret_cast<cf_plugin_entry_v1>(::dlsym(handle, CHARTFLOW_PLUGIN_ENTRY_SYMBOL));
  ASSERT_NE(entry, nullptr);
  EXPECT_EQ(entry(CHARTFLOW_ABI_VERSION_MAJOR + 1, 0), nullptr) << "a plugin must refuse a host of another major version";
  EXPECT_EQ(entry(CHARTFLOW_ABI_VERSION_MAJOR, CHARTFLOW_ABI_VERSION_MINOR), &api);
}

TEST_P(Conformance, EveryInputGivesADocumentedStatus) {
  const host::Manifest m = host::read_manifest(GetParam());
  if (m.is_sink()) {
    GTEST_SKIP() << "sinks take records, not inputs: SinksDeliverRealisticRecordsConcurrently";
  }
  const record::FieldRegistry fields = fields_for(m);
  const host::Stage stage("under-test", m, host::load_plugin(m), nlohmann::json::object(), 2, fields);
  for (const auto& input : sample_inputs()) {
    record::Record r = record_for(m, utf8_or_empty(input));
    const auto failure = stage.run(r, input, 0);
    if (!failure) continue;
    EXPECT_TRUE(failure->status == "invalid-input" || failure->status == "unsupported" || failure->status == "limit")
        << m.name << " gave '" << failure->status << "': " << failure->reason;
    EXPECT_FALSE(failure->reason.empty());
  }
}

TEST_P(Conformance, SharedInstancesSurviveConcurrentUseOnRealisticRecords) {
  const host::Manifest m = host::read_manifest(GetParam());
  if (m.is_sink()) {
    GTEST_SKIP() << "see SinksDeliverRealisticRecordsConcurrently";
  }
  const record::FieldRegistry fields = fields_for(m);
  const host::Stage stage("under-test", m, host::load_plugin(m), nlohmann::json::object(), 4, fields);
  const std::string chart = read_file(kSourceDir / "tests/fixtures/charts/discharge-summary-chf.txt");
  const record::Record realistic = realistic_record_for(m);
  std::atomic<int> failures{0};
  std::atomic<std::size_t> added{0};
  std::vector<std::thread> threads;
  for (unsigned w = 0; w < 4; ++w)
    threads.emplace_back([&, w] {
      for (int i = 0; i < 25; ++i) {
        // Readers get the chart's bytes; later stages get the chart with everything upstream of
        // them (views, sections, sentences, mentions, codes), so coding and registry do real work.
        record::Record r = realistic;
        const auto failure = stage.run(r, chart, w);
        // A reader given bytes of another kind may refuse them; what must never happen under
        // concurrency is an internal error or a refused emission.
        if (failure && (failure->status == "internal" || failure->status == "rejected")) {
          ++failures;
          ADD_FAILURE() << m.name << ": " << failure->status << ": " << failure->reason;
        }
        if (!failure)
          for (const auto& field : m.writes) added += r.count(field) + (field.starts_with("views.") ? 1 : 0);
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0) << m.name;
  if (m.name == "clinical-coding" || m.name == "clinical-mentions" || m.name == "clinical-sections") {
    EXPECT_GT(added.load(), 100u) << m.name << " should have annotated the realistic chart on every call";
  }
}

TEST_P(Conformance, SinksDeliverRealisticRecordsConcurrently) {
  const host::Manifest m = host::read_manifest(GetParam());
  if (!m.is_sink()) {
    GTEST_SKIP() << "not a sink";
  }
  TempDir dir;
  nlohmann::json config = nlohmann::json::object();
  // Sinks that write files take them from their config; give each a file or folder in a scratch
  // folder, and every other required text a placeholder (an identifier system, a name).
  const nlohmann::json properties = m.config_schema.contains("properties") ? m.config_schema["properties"] : nlohmann::json::object();
  const nlohmann::json required = m.config_schema.value("required", nlohmann::json::array());
  for (const auto& [key, schema] : properties.items()) {
    if (schema.value("type", "") != "string") continue;
    if (key == "output" || key == "file" || key == "case_list") config[key] = (dir / (key + ".out")).string();
    else if (key.ends_with("_dir")) config[key] = dir.path().string();
    else if (std::find(required.begin(), required.end(), key) != required.end()) config[key] = "urn:conformance:" + key;
  }
  const host::Sink sink("under-test", m, host::load_plugin(m), config);
  ASSERT_EQ(sink.begin_batch({{"pipeline", "conformance"}}), "");
  const std::string record_text = record::dump_record(realistic_record());
  std::atomic<int> failed{0};
  std::vector<std::thread> threads;
  for (unsigned w = 0; w < 4; ++w)
    threads.emplace_back([&] {
      for (int i = 0; i < 25; ++i)
        if (sink.deliver(record_text).status == host::DeliveryStatus::failed) ++failed;
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(failed.load(), 0) << m.name;
  EXPECT_EQ(sink.end_batch({{"inputs", 100}}).first, "") << m.name;
}

INSTANTIATE_TEST_SUITE_P(AllBuiltPlugins, Conformance, ::testing::ValuesIn(plugin_manifests()), [](const auto& info) {
  std::string name = info.param.parent_path().filename().string();
  for (auto& c : name) c = c == '-' ? '_' : c;
  return name;
});

}  // namespace
}  // namespace chartflow::test
