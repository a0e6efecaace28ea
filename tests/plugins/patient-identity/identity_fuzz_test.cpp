// Fuzz-style test of the identity stage's reading: random chart headers, mutated byte by byte as
// record_fuzz_test.cpp mutates records, must never crash; every item must lie inside the text,
// be what its span says (checking the span's text again gives the same value), keep the conflict
// rule, and pass the host's own checks of the identity field (schema, spans, ids) with
// diagnostics that carry no value.
#include "patient-identity/identity.hpp"
#include "patient-identity/identity_items.hpp"
#include "record/fields.hpp"
#include "record/stage_output.hpp"

#include <chartflow/utf8.hpp>
#include <chartflow_plugin.h>
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <random>

namespace chartflow::identity {
namespace {

const std::vector<std::string> kLines = {
    "PATIENT: Synthetic Patient 0001          MRN: 00-000-0001",
    "ADMISSION DATE: 03/02/2026               DISCHARGE DATE: 03/06/2026",
    "ATTENDING: Dr. A. Example, MD",
    "Medical Record Number: 12345678",
    "Medical Record #: 12345678",
    "Acct #: A123456",
    "Visit/Encounter No.: V-0012345",
    "DOB: 01/02/1955",
    "Date of Birth: March 7, 1950",
    "Sex: F",
    "Gender: Female",
    "Name: O'Brien, Mary-Kate    Room: 12",
    "Patient Name: Jos\xC3\xA9 \xC3\x81lvarez",
    "Accession #: S26-01234",
    "MRN: ACCESSIONED",
    "medical record number AND name were verified",
    "The patient is a 71-year-old woman.",
    "DOB: 02/30/1955   Sex: unknown",
    "Admit Date: 2026-03-02 14:30",
    "MRN:        99-1",
    "Date of Discharge: 3/6/26",
    "\tAttending Physician: B. Imaginary, MD, FACP",
};

std::string random_header(std::mt19937& rng) {
  static const std::vector<std::string> joins = {"\n", "\n", "  ", "\t", " ", "\n\f", "\r\n"};
  std::string text;
  const int lines = 1 + static_cast<int>(rng() % 8);
  for (int i = 0; i < lines; ++i) text += kLines[rng() % kLines.size()] + joins[rng() % joins.size()];
  return text;
}

std::string mutate(std::string text, std::mt19937& rng) {
  static constexpr std::string_view kLabelSyntax = ":#/.- \n\t0aZ";
  std::uniform_int_distribution<int> op(0, 4), byte(0, 255);
  const int edits = static_cast<int>(rng() % 5);
  for (int e = 0; e < edits && !text.empty(); ++e) {
    const std::size_t at = rng() % text.size();
    switch (op(rng)) {
      case 0: text[at] = static_cast<char>(byte(rng)); break;                                  // flip a byte
      case 1: text.erase(at, 1 + rng() % 8); break;                                            // delete a few
      case 2: text.insert(at, std::string(1 + rng() % 3, kLabelSyntax[rng() % kLabelSyntax.size()])); break;  // inject label syntax
      case 3: text.resize(at); break;                                                          // truncate
      default: text.insert(at, text.substr(rng() % text.size(), 16)); break;                   // duplicate a slice
    }
  }
  return text;
}

// Each item is what its span says, whatever the text around it.
void expect_items_follow_their_spans(std::string_view text, const IdentityFindings& f) {
  std::array<int, kKindCount> per_kind{};
  for (const auto& item : f.items) {
    ASSERT_LE(item.begin, item.end);
    ASSERT_LE(item.end, text.size());
    EXPECT_LT(item.begin, item.end);
    const CheckedValue again = check_value(item.kind, text.substr(item.begin, item.end - item.begin), item.begin, test::kTodayIso);
    ASSERT_FALSE(again.rejected) << kind_name(item.kind) << " '" << item.value << "'";
    EXPECT_EQ(again.value, item.value);
    EXPECT_FALSE(item.label.empty());
    ++per_kind[static_cast<std::size_t>(item.kind)];
  }
  for (const auto& item : f.items)
    EXPECT_EQ(item.conflict, is_single_valued(item.kind) && per_kind[static_cast<std::size_t>(item.kind)] > 1) << kind_name(item.kind);
}

// The host's checks of what the stage adds, as it runs them on every document.
void expect_host_accepts(const std::string& text, const IdentityFindings& f, ValuePolicy policy) {
  record::Record r;
  r.views.push_back({"normalized", text, "derived", std::nullopt, std::nullopt, {}, "normalize", std::nullopt});
  record::StageOutput out(r, record::FieldRegistry::builtin(), "identity", {"identity"});
  binary::Writer items;
  write_items(f, policy, items);
  if (items.count() > 0) {
    ASSERT_EQ(out.add_binary_items("identity", items.bytes(), items.count()), "");
  }
  for (const auto& notice : notices_for(f)) {
    const int severity = notice.severity == Severity::warning ? CF_SEVERITY_WARNING : CF_SEVERITY_INFO;
    ASSERT_EQ(out.add_diagnostic(severity, notice.code, notice.message), "");
    for (const auto& item : f.items) {
      // (A sex's values are words the reasons themselves use: "not F, M, female, male, ...".)
      if (item.value.size() >= 3 && item.kind != IdentityKind::sex) {
        EXPECT_EQ(notice.message.find(item.value), std::string::npos) << "a value in a diagnostic";
      }
    }
  }
  ASSERT_EQ(out.commit(r), "");
}

TEST(IdentityFuzz, MutatedHeadersNeverCrashAndEveryItemPassesTheHost) {
  std::mt19937 rng(20261201);
  std::size_t items = 0, checked_by_host = 0;
  for (int i = 0; i < 10000; ++i) {
    const std::string text = mutate(random_header(rng), rng);
    IdentityFindings f;
    ASSERT_NO_THROW(f = find_identity(text, test::kTodayIso)) << "case " << i;
    expect_items_follow_their_spans(text, f);
    items += f.items.size();
    // Views are valid UTF-8 by the time a stage sees them.
    if (utf8::is_valid(text)) {
      expect_host_accepts(text, f, i % 2 ? ValuePolicy::hash : ValuePolicy::keep);
      ++checked_by_host;
    }
    if (HasFatalFailure()) FAIL() << "case " << i << ": " << nlohmann::json(text).dump();
  }
  EXPECT_GT(items, 10000u) << "the headers should mostly still read";
  EXPECT_GT(checked_by_host, 5000u);
}

TEST(IdentityFuzz, RandomBytesNeverCrash) {
  static constexpr std::string_view kAlphabet = "MRN:# 0123456789DOBSexNamePatient/.-\n\t\f\r\xC3\xA9";
  std::mt19937 rng(7);
  for (int i = 0; i < 500; ++i) {
    std::string bytes(rng() % 4096, '\0');
    for (auto& b : bytes) b = kAlphabet[rng() % kAlphabet.size()];
    IdentityFindings f;
    ASSERT_NO_THROW(f = find_identity(bytes, test::kTodayIso));
    expect_items_follow_their_spans(bytes, f);
  }
}

}  // namespace
}  // namespace chartflow::identity
