// The site under a report's labels ("Tumor Site:", "Primary site:") against the words near the
// diagnosis (labelled_site.cpp), on synthetic report lines.
#include "cancer-registry/labelled_site.hpp"
#include "cancer-registry/site_locator.hpp"
#include "shipped_tables.hpp"

#include <gtest/gtest.h>

namespace chartflow::registry {
namespace {

// The site of the finding `mention` (histology `histology`) in `text`, after the report's label
// (the whole text one section, the mention's sentence its context), as its topography.
std::string site_with_label(const std::string& text, const std::string& mention, const std::string& histology) {
  const std::string lower = normalise(text);
  const std::size_t at = lower.find(normalise(mention));
  EXPECT_NE(at, std::string::npos) << mention;
  Candidate c;
  c.histology = histology;
  c.spans = {Span{at, at + mention.size()}};
  const std::size_t stop = lower.find('.', at);
  c.section = Span{0, lower.size()};
  c.sentence = c.context = Span{lower.rfind('.', at) == std::string::npos ? 0 : lower.rfind('.', at) + 1, stop == std::string::npos ? lower.size() : stop};
  static const std::map<std::string, std::string> no_codes;
  SiteLocator(test_tables::shipped(), no_codes).locate(c, lower);
  std::vector<Candidate> found{c};
  if (const auto labelled = labelled_primary_site(test_tables::shipped(), lower)) apply_labelled_site(*labelled, found, test_tables::shipped(), lower);
  return found.front().topography;
}

TEST(LabelledSite, TheLabelOutranksAnotherOrganOfTheSameSpecimenLine) {
  // A Whipple specimen names the duodenum (C17.0, a subsite) beside the pancreas (C25.9).
  EXPECT_EQ(site_with_label("E: Pancreas, duodenum, pancreaticoduodenectomy: adenocarcinoma, moderately differentiated. "
                            "Tumor Site: Pancreatic head. Tumor size: 3.5 cm.",
                            "adenocarcinoma", "8140")
                .substr(0, 3),
            "C25");
}

TEST(LabelledSite, AnotherSpecimensLabelLeavesTheDiagnosisOrgan) {
  // Two specimens: the label is the prostatectomy's, the carcinoma the kidney's.
  EXPECT_EQ(site_with_label("A. Left kidney mass, partial nephrectomy: papillary renal cell carcinoma, grade 2. "
                            "B. Prostatectomy. Tumor site: right and left prostate lobes.",
                            "papillary renal cell carcinoma", "8260")
                .substr(0, 3),
            "C64");
}

}  // namespace
}  // namespace chartflow::registry
