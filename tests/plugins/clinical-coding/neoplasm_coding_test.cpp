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

}  // namespace
}  // namespace chartflow::coding
