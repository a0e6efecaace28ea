// Which findings of one report are one primary (one_primary.cpp), on synthetic report lines.
#include "cancer-registry/one_primary.hpp"
#include "cancer-registry/registry_rules.hpp"

#include <gtest/gtest.h>

namespace chartflow::registry {
namespace {

// Whether the finding `mention` of `text` is a part of another tumour.
bool component(const std::string& text, const std::string& mention) {
  const std::string lower = normalise(text);
  const std::size_t at = lower.rfind(normalise(mention));
  EXPECT_NE(at, std::string::npos) << mention;
  return names_a_component(lower, at, at + mention.size());
}

Candidate finding(std::string histology, std::string topography) {
  Candidate c;
  c.histology = std::move(histology), c.topography = std::move(topography);
  return c;
}

TEST(OnePrimary, ADifferentiationOrAComponentIsPartOfItsTumour) {
  EXPECT_TRUE(component("More than 75% showed differentiation to osteochondroma and chondrosarcoma.", "chondrosarcoma"));
  EXPECT_TRUE(component("Sarcomatoid carcinoma with heterologous malignant differentiation (osteo and chondrosarcoma).", "chondrosarcoma"));
  EXPECT_TRUE(component("Carcinosarcoma; the sarcomatous component of rhabdomyosarcoma.", "rhabdomyosarcoma"));
  EXPECT_TRUE(component("Adenocarcinoma with squamous differentiation.", "squamous")) << "a kind named before 'differentiation'";
  EXPECT_FALSE(component("Bladder, cystoprostatectomy: urothelial carcinoma. Prostate: incidental foci of adenocarcinoma.", "adenocarcinoma"))
      << "an incidental prostate cancer is a second primary";
  EXPECT_FALSE(component("Poorly differentiated adenocarcinoma of the colon.", "adenocarcinoma"));
}

TEST(OnePrimary, AComponentOrAGermCellTumourJoinsTheOtherFinding) {
  Candidate chondrosarcoma = finding("9220", "C49.9");
  const Candidate renal = finding("8310", "C64.9");
  EXPECT_FALSE(same_primary(renal, chondrosarcoma)) << "two sites, two histology groups";
  chondrosarcoma.component = true;
  EXPECT_TRUE(same_primary(renal, chondrosarcoma));
  EXPECT_TRUE(same_primary(finding("9081", "C22.0"), finding("9070", "C62.9"))) << "teratocarcinoma and embryonal carcinoma: one mixed germ cell tumour";
  EXPECT_FALSE(same_primary(finding("8550", "C61.9"), finding("8120", "C67.9"))) << "an acinar prostate cancer beside a bladder cancer";
}

TEST(OnePrimary, ANosHistologyJoinsOnlyItsOwnKind) {
  EXPECT_FALSE(same_primary(finding("8140", "C61.9"), finding("8120", "C67.9")))
      << "a cystoprostatectomy's incidental prostatic adenocarcinoma is a second primary";
  EXPECT_FALSE(same_primary(finding("8070", "C32.9"), finding("8260", "C73.9"))) << "a laryngectomy's incidental thyroid carcinoma";
  EXPECT_TRUE(same_primary(finding("8140", "C18.7"), finding("8480", "C20.9"))) << "adenocarcinoma NOS beside a mucinous one";
  EXPECT_TRUE(same_primary(finding("8010", "C34.9"), finding("8070", "C44.9"))) << "'carcinoma' is any carcinoma";
  Candidate guessed = finding("8140", "C47.1");
  guessed.site_from_document = true;
  EXPECT_TRUE(same_primary(guessed, finding("8070", "C02.1"))) << "a NOS finding whose site is only the report's guess joins";
}

}  // namespace
}  // namespace chartflow::registry
