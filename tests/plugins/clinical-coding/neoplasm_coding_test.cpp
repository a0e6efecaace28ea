// Tumours coded from the Neoplasm Table: the site a chart names, in the column its histology gives.
#include "coder_fixture.hpp"

#include <gtest/gtest.h>

namespace chartflow::coding {
namespace {

using namespace testing_fixture;

TEST(NeoplasmCoding, ASkinCancerTakesTheSiteItsPathologyLineNames) {
  const Chart bcc("A. Skin, left nasal ala, shave biopsy: BASAL CELL CARCINOMA, nodular type.", {{"BASAL CELL CARCINOMA", "C44.91"}},
                  "pathology_final_diagnosis");
  EXPECT_EQ(bcc.codes(Policy::outpatient), std::vector<std::string>{"C44.311"}) << "basal cell carcinoma of skin of nose";
  const Chart scc("Skin, right forearm, excision: squamous cell carcinoma, well differentiated.", {{"squamous cell carcinoma", "C44.92"}},
                  "pathology_final_diagnosis");
  EXPECT_EQ(scc.codes(Policy::outpatient), std::vector<std::string>{"C44.622"}) << "squamous cell carcinoma of skin of right upper limb";
  const Chart unsited("Basal cell carcinoma.", {{"Basal cell carcinoma", "C44.91"}}, "pathology_final_diagnosis");
  EXPECT_EQ(unsited.codes(Policy::outpatient), std::vector<std::string>{"C44.91"}) << "no site named: the skin's own code";
}

TEST(NeoplasmCoding, ACancerUnderAdjuvantTherapyIsCurrentThoughNoRecurrenceIsSeen) {
  const Chart chart(
      "Left breast cancer s/p lumpectomy and radiation, now in year 2 of planned 5 years of adjuvant anastrozole; no evidence of recurrence.",
      {{"breast cancer", "C50.912"}}, "clinical_history");
  const auto codes = chart.codes(Policy::outpatient);
  EXPECT_TRUE(has(codes, "C50.912") && !has(codes, "Z85.3")) << "I.C.2.d: " << testing::PrintToString(codes);
}

}  // namespace
}  // namespace chartflow::coding
