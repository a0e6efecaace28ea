// An output folder with one record (the schema's full example: a scanned pathology report with
// OCR words, two ICD-10-CM codes and a tumour) and the workstation's service over it, with the
// real code sets the clinical-coding plugin ships.
#pragma once

#include "test_support.hpp"

#include "review/code_lookup.hpp"
#include "review/review_service.hpp"

#include <gtest/gtest.h>

#include <memory>

namespace chartflow::test {

inline const std::string kDocId = "doc-3f2a9c1b7e4d5a60";

inline nlohmann::json example_record() {
  return nlohmann::json::parse(read_file(kSourceDir / "schemas/examples/valid/record/full-record.json"));
}

inline const review::CodeLookup& shared_code_sets() {
  static const review::CodeLookup codes(kPluginDir / "clinical-coding/codesets/codesets.json");
  return codes;
}

class ReviewFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(dir_.path() / "records");
    write_record(example_record());
    records_ = std::make_unique<review::RecordFolder>(dir_.path());
    store_ = std::make_unique<review::DecisionStore>(dir_.path() / "review.sqlite");
    pages_ = std::make_unique<review::PageImages>(dir_.path(), review::default_page_image_tool(), std::vector<fs::path>{});
    service_ = std::make_unique<review::ReviewService>(*records_, *store_, &shared_code_sets(), *pages_, review::builtin_query_templates());
  }

  void write_record(const nlohmann::json& record) { write_file(dir_.path() / "records" / (kDocId + ".json"), record.dump()); }

  nlohmann::json decide(const nlohmann::json& body, int expected_status = 200, review::Role role = review::Role::coder) {
    const auto reply = service_->decide(kDocId, body, {"coder1", role});
    EXPECT_EQ(reply.status, expected_status) << body.dump() << " -> " << reply.body;
    return nlohmann::json::parse(reply.body);
  }

  static const nlohmann::json* code(const nlohmann::json& review, const std::string& key) {
    for (const auto& c : review["codes"])
      if (c["key"] == key) return &c;
    return nullptr;
  }

  TempDir dir_;
  std::unique_ptr<review::RecordFolder> records_;
  std::unique_ptr<review::DecisionStore> store_;
  std::unique_ptr<review::PageImages> pages_;
  std::unique_ptr<review::ReviewService> service_;
};

}  // namespace chartflow::test
