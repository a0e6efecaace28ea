// Reportability rules one by one: every SEER ambiguous term in the shipped list, each exclusion,
// behaviour, assertion; and the abstraction helpers.
#include "cancer-registry/registry_rules.hpp"
#include "cancer-registry/stated_primary.hpp"
#include "shipped_tables.hpp"
#include "test_support.hpp"

#include <chartflow/tsv.hpp>

#include <gtest/gtest.h>

namespace chartflow::registry {
namespace {

const test::fs::path kRules = test::kSourceDir / "plugins/cancer-registry/rules";

const RegistryTables& tables() { return test_tables::shipped(); }

Decision decide_sentence(const std::string& sentence, const std::string& assertion = "affirmed", std::string histology = "8140",
                         char behavior = '3', std::string site = "C18.7") {
  return decide(Finding{assertion, std::move(histology), behavior, std::move(site), normalise(sentence), false}, tables());
}

TEST(Reportability, EverySeerAmbiguousTermInTheList) {
  int terms = 0;
  sdk::read_tsv((kRules / "ambiguous_terms.tsv").string(), "terms", [&](const std::vector<std::string>& f, const std::string&) {
    const std::string sentence = "Sigmoid colon, biopsy: " + f[0] + " adenocarcinoma.";
    const auto d = decide_sentence(sentence, "uncertain");
    EXPECT_EQ(d.verdict, f[1] == "yes" ? Verdict::reportable : Verdict::not_reportable) << f[0];
    ++terms;
  });
  EXPECT_GE(terms, 40);
}

TEST(Reportability, AssertionsThatAreNoNewCase) {
  EXPECT_EQ(decide_sentence("Negative for malignancy.", "negated").verdict, Verdict::not_reportable);
  EXPECT_EQ(decide_sentence("History of colon cancer.", "historical").verdict, Verdict::not_reportable);
  EXPECT_EQ(decide_sentence("Mother had colon cancer.", "family").verdict, Verdict::not_reportable);
  EXPECT_EQ(decide_sentence("Screen for colon cancer.", "hypothetical").verdict, Verdict::not_reportable);
  EXPECT_EQ(decide_sentence("Adenocarcinoma.").verdict, Verdict::reportable);
  EXPECT_EQ(decide_sentence("Findings concerning for carcinoma.", "uncertain").verdict, Verdict::not_reportable);
  EXPECT_EQ(decide_sentence("Perhaps carcinoma.", "uncertain").verdict, Verdict::needs_review) << "uncertain, on neither SEER list";
}

// A previously diagnosed cancer is reported while there is evidence of disease or it is still
// treated; a cancer only in the history is not.
TEST(Reportability, APastCancerStillPresentOrTreatedIsReportable) {
  const auto past = [](const std::string& sentence) { return decide_sentence(sentence, "historical", "8140", '3', "C61.9").verdict; };
  EXPECT_EQ(past("History of stage D2 prostate adenocarcinoma with multiple bone metastases who had received chemotherapy."), Verdict::reportable);
  EXPECT_EQ(past("History of prostate adenocarcinoma treated with LHRH analogues, maintaining adequate biochemical control of the disease."),
            Verdict::reportable);
  EXPECT_EQ(past("History of prostate adenocarcinoma 7 years ago (T2a N0 M0) was treated with radiotherapy."), Verdict::not_reportable);
  EXPECT_EQ(past("History of prostate cancer, with no evidence of metastases."), Verdict::not_reportable);
  EXPECT_EQ(past("History of prostate cancer, currently without evidence of disease."), Verdict::not_reportable);
  EXPECT_EQ(past("History of prostate cancer, currently in remission."), Verdict::not_reportable);
}

TEST(Reportability, AnAmbiguousDiagnosisLaterConfirmedIsReportable) {
  EXPECT_EQ(decide_sentence("Nodules suggestive of bilateral hypernephroma (later confirmed after left radical nephrectomy).", "uncertain", "8312",
                            '3', "C64.9")
                .verdict,
            Verdict::reportable);
  EXPECT_EQ(decide_sentence("Findings suggestive of carcinoma, not confirmed on biopsy.", "uncertain").verdict, Verdict::not_reportable);
  EXPECT_EQ(decide_sentence("Findings suggestive of carcinoma, to be confirmed by biopsy.", "uncertain").verdict, Verdict::not_reportable);
  // A diagnosis made after the suspicion ends it: the haematologists' diagnosis stands.
  EXPECT_EQ(decide_sentence("The suspicion of a myeloproliferative syndrome is consulted with Hematology, which diagnosed chronic myeloid leukemia.",
                            "affirmed", "9863", '3', "C42.1")
                .verdict,
            Verdict::reportable);
  EXPECT_EQ(decide_sentence("Findings suggestive of lymphoma; we cannot diagnose it on this sample.", "uncertain").verdict, Verdict::not_reportable);
  EXPECT_EQ(decide_sentence("Findings suggestive of lymphoma, to be diagnosed on the excision.", "uncertain").verdict, Verdict::not_reportable);
}

// A differential diagnosis lists what a finding might be: none of its entries is a case.
TEST(Reportability, AnEntryOfADifferentialDiagnosisIsNoCase) {
  EXPECT_EQ(decide_sentence("This led to a differential diagnosis between small cell lymphoma and a neuroendocrine melanoma.", "affirmed", "8720",
                            '3', "C44.9")
                .verdict,
            Verdict::not_reportable);
  EXPECT_EQ(decide_sentence("The radiological differential diagnoses included metastases, myeloma and hemangioma.", "affirmed", "9732", '3', "C42.1")
                .verdict,
            Verdict::not_reportable);
}

TEST(Reportability, BehaviourAndTheExclusions) {
  EXPECT_EQ(decide_sentence("Basal cell carcinoma.", "affirmed", "8090", '3', "C44.3").verdict, Verdict::not_reportable);
  EXPECT_EQ(decide_sentence("Squamous cell carcinoma.", "affirmed", "8070", '3', "C44.6").verdict, Verdict::not_reportable);
  EXPECT_EQ(decide_sentence("Squamous cell carcinoma of the vulva.", "affirmed", "8070", '3', "C51.9").verdict, Verdict::reportable)
      << "genital skin is not excluded";
  EXPECT_EQ(decide_sentence("Melanoma.", "affirmed", "8720", '3', "C44.5").verdict, Verdict::reportable);
  EXPECT_EQ(decide_sentence("Carcinoma in situ.", "affirmed", "8070", '2', "C53.9").verdict, Verdict::not_reportable);
  EXPECT_EQ(decide_sentence("CIN III.", "affirmed", "8077", '2', "C53.9").verdict, Verdict::not_reportable);
  EXPECT_EQ(decide_sentence("PIN III.", "affirmed", "8148", '2', "C61.9").verdict, Verdict::not_reportable);
  EXPECT_EQ(decide_sentence("DCIS.", "affirmed", "8500", '2', "C50.9").verdict, Verdict::reportable);
  EXPECT_EQ(decide_sentence("Meningioma.", "affirmed", "9530", '0', "C70.0").verdict, Verdict::reportable);
  EXPECT_EQ(decide_sentence("Pituitary adenoma.", "affirmed", "8272", '0', "C75.1").verdict, Verdict::reportable);
  EXPECT_EQ(decide_sentence("Tubular adenoma.", "affirmed", "8211", '0', "C18.7").verdict, Verdict::not_reportable);
  EXPECT_EQ(decide_sentence("Borderline serous tumour.", "affirmed", "8442", '1', "C56.9").verdict, Verdict::not_reportable);
}

// A benign tumour is reportable only in the brain and CNS: when its CNS site is only the organ
// the report names most, a registrar checks it, unless the histology is the CNS's own.
TEST(Reportability, ABenignTumourWithAGuessedCnsSiteNeedsReview) {
  const auto guessed = [](std::string histology, std::string site) {
    return decide(Finding{"affirmed", std::move(histology), '0', std::move(site), normalise("A small angioma was seen."), true}, tables()).verdict;
  };
  EXPECT_EQ(guessed("9120", "C71.1"), Verdict::needs_review) << "a hemangioma in a report that names the frontal lobe";
  EXPECT_EQ(decide_sentence("Hemangioma of the frontal lobe.", "affirmed", "9120", '0', "C71.1").verdict, Verdict::reportable)
      << "stated with the diagnosis";
  EXPECT_EQ(guessed("9530", "C70.0"), Verdict::reportable) << "a meningioma's site is the meninges";
  EXPECT_EQ(guessed("8272", "C75.1"), Verdict::reportable) << "a pituitary adenoma's the pituitary";
  EXPECT_EQ(guessed("9120", "C18.7"), Verdict::not_reportable) << "outside the CNS, as before";
}

TEST(Abstraction, SiteLateralityGradeTnm) {
  const auto site = tables().site(normalise("Left breast, upper outer quadrant, lumpectomy:"));
  ASSERT_TRUE(site.has_value());
  EXPECT_EQ(site->topography, "C50.4");
  EXPECT_TRUE(tables().is_paired("C50.4"));
  EXPECT_FALSE(tables().is_paired("C61.9"));
  EXPECT_EQ(laterality_in(normalise("Left breast")), '2');
  EXPECT_EQ(laterality_in(normalise("bilateral ovaries")), '4');
  EXPECT_FALSE(laterality_in(normalise("prostate")).has_value());
  EXPECT_EQ(grade_in(normalise("Nottingham grade 2")), "2");
  EXPECT_EQ(grade_in(normalise("poorly differentiated")), "3");
  EXPECT_FALSE(grade_in(normalise("no grade stated")).has_value());
  const auto tnm = tnm_in(normalise("Pathologic stage: pT2 pN1a M0, AJCC stage IIB."));
  EXPECT_EQ(tnm.t, "pT2");
  EXPECT_EQ(tnm.n, "pN1a");
  EXPECT_EQ(tnm.m, "M0");
  EXPECT_EQ(tnm.stage_group, "2B");
  EXPECT_TRUE(tables().valid_combination("C61.9", "8140"));
  EXPECT_FALSE(tables().valid_combination("C61.9", "9530"));
  EXPECT_EQ(tables().histology_site("8170"), "C22.0");
  const auto organ = tables().document_site(normalise("Stomach, gastrectomy. Gastric adenocarcinoma. Lymph nodes 3/14 lymph node lymph node."), false, false);
  ASSERT_TRUE(organ.has_value());
  EXPECT_EQ(organ->topography.substr(0, 3), "C16") << "lymph nodes are never the organ of a carcinoma";
}

TEST(Abstraction, WhereTheCancerReachesIsNoPrimarySite) {
  EXPECT_FALSE(tables().site(normalise("Tumor extent: Adjacent structures (specify) - Esophagus")).has_value());
  EXPECT_FALSE(tables().site(normalise("carcinoma invading into the esophagus")).has_value());
  const auto site = tables().site(normalise("Stomach, cardia: adenocarcinoma. Tumor extent: adjacent structures - esophagus"));
  ASSERT_TRUE(site.has_value());
  EXPECT_EQ(site->topography.substr(0, 3), "C16") << "the organ named as the tumour's own stays";
  const auto junction = tables().site(normalise("TUMOR SITE: Esophagogastric junction (EGJ) region"));
  ASSERT_TRUE(junction.has_value());
  EXPECT_EQ(junction->topography, "C16.0");
}

TEST(Abstraction, WhereTheCancerSpreadToIsNoPrimarySite) {
  for (const char* spread : {"Liver metastases were resected.", "He underwent a liver metastasectomy.", "Multiple lung mets.",
                             "CT showed metastatic liver lesions.", "Biopsy confirmed metastases to the bone.", "Adenocarcinoma metastatic to the lung."})
    EXPECT_FALSE(tables().site(normalise(spread)).has_value()) << spread;
  for (const char* primary : {"Metastatic prostate cancer.", "Metastasis of prostatic adenocarcinoma to the sinus."})
    EXPECT_EQ(tables().site(normalise(primary))->topography.substr(0, 3), "C61") << primary;
  // Nor a vote for the organ the report names most.
  const auto organ = tables().document_site(normalise("Colon adenocarcinoma. Liver metastases on CT; liver metastasectomy; metastatic liver lesions persist."),
                                            false, false, "8140");
  ASSERT_TRUE(organ.has_value());
  EXPECT_EQ(organ->topography.substr(0, 3), "C18") << organ->phrase;
  const auto liver = tables().document_site(normalise("Colon adenocarcinoma. The liver was enlarged; liver enzymes; liver biopsy."), false, false, "8140");
  EXPECT_EQ(liver->topography.substr(0, 3), "C22") << "the same words without the spread still vote";
}

// The site in the tumour's own name: a synthetic specimen line names every organ the
// resection took, the words next to the diagnosis name the tumour's.
std::optional<SiteTerm> own_site(const std::string& text, const std::string& mention) {
  const std::string lower = normalise(text);
  const std::size_t at = lower.find(normalise(mention));
  return tables().site(lower, SiteAnchor{at, at + mention.size()});
}

TEST(Abstraction, TheSiteInTheTumoursOwnNameBeatsTheSpecimenLine) {
  const auto bladder = own_site("Prostate gland, seminal vesicles and bladder, cystoprostatectomy: Bladder: invasive urothelial carcinoma.",
                                "invasive urothelial carcinoma");
  ASSERT_TRUE(bladder.has_value());
  EXPECT_EQ(bladder->topography.substr(0, 3), "C67") << "not the longer 'prostate gland' of the specimen line";
  const auto corpus = own_site("Uterus, cervix, both ovaries and left fallopian tube, hysterectomy: - Endometrial adenocarcinoma, grade 2.",
                               "adenocarcinoma");
  ASSERT_TRUE(corpus.has_value());
  EXPECT_EQ(corpus->topography, "C54.1") << "not the more specific fallopian tube (C57.0) of the specimen line";
  const auto cecum = own_site("Right colon and terminal ileum with liver nodule: adenocarcinoma of the cecum.", "adenocarcinoma");
  ASSERT_TRUE(cecum.has_value());
  EXPECT_EQ(cecum->topography, "C18.0");
  const auto line = own_site("Left breast, upper outer quadrant, lumpectomy: invasive ductal carcinoma.", "invasive ductal carcinoma");
  ASSERT_TRUE(line.has_value());
  EXPECT_EQ(line->topography, "C50.4") << "without a site in the tumour's name, the most specific of the window";
  EXPECT_EQ(tables().site(normalise("Bladder, prostate gland: carcinoma"))->topography, "C61.9") << "no anchor: the longer phrase, as before";
}

TEST(Abstraction, AJoiningFindingRefinesAnUnnamedOrSameKindHistology) {
  EXPECT_EQ(histology_specificity("8010"), 1);
  EXPECT_EQ(histology_specificity("8140"), 2);
  EXPECT_EQ(histology_specificity("8480"), 3);
  EXPECT_TRUE(refines_histology({"8010", '3'}, {"8140", '3'})) << "'carcinoma' led, 'adenocarcinoma of the rectosigmoid' joins";
  EXPECT_TRUE(refines_histology({"8000", '3'}, {"8170", '3'}));
  EXPECT_TRUE(refines_histology({"8070", '3'}, {"8071", '3'})) << "keratinizing is a subtype of squamous cell carcinoma";
  EXPECT_FALSE(refines_histology({"8070", '3'}, {"8341", '3'})) << "a named kind is never replaced by another kind";
  EXPECT_FALSE(refines_histology({"8010", '3'}, {"8500", '2'})) << "in situ never replaces invasive";
  EXPECT_FALSE(refines_histology({"8500", '3'}, {"8010", '3'})) << "less specific adds nothing";
  EXPECT_TRUE(refines_histology({"8140", '3'}, {"8461", '3'})) << "adenocarcinoma led, 'papillary serous carcinoma' joins: a glandular subtype";
  EXPECT_TRUE(refines_histology({"8140", '3'}, {"8380", '3'})) << "endometrioid adenocarcinoma";
  EXPECT_FALSE(refines_histology({"8140", '3'}, {"8070", '3'})) << "squamous cell carcinoma is no adenocarcinoma";
  EXPECT_FALSE(refines_histology({"8140", '3'}, {"8120", '3'})) << "nor is urothelial carcinoma";
}

std::string stated_group(const std::string& text) {
  const auto stated = stated_primary_site(tables(), normalise(text));
  return stated ? stated->term.topography.substr(0, 3) : "none";
}

TEST(Abstraction, ThePrimarySiteAReportStates) {
  // A synthetic debulking report: the colon and the omentum are named first, the ovary as origin.
  EXPECT_EQ(stated_group("Sigmoid colon, resection: serous carcinoma. Omentum: serous carcinoma. Comment: the findings favor an ovarian primary."),
            "C56");
  EXPECT_EQ(stated_group("SYNOPTIC - PRIMARY OVARIAN TUMORS. Histologic type: serous."), "C56");
  EXPECT_EQ(stated_group("The location of the primary tumor is the right ovary."), "C56");
  EXPECT_EQ(stated_group("LOCATION(S) OF THE PRIMARY TUMOR(S) is/are: Left ovary only."), "C56");
  EXPECT_EQ(stated_group("Primary site: stomach (gastroesophageal junction)."), "C16");
  EXPECT_EQ(stated_group("Adenocarcinoma arising in the endometrium."), "C54");
  EXPECT_EQ(stated_group("Metastatic adenocarcinoma, no evidence of a lung primary."), "none") << "negated";
  EXPECT_EQ(stated_group("Serous carcinoma, ovarian vs endometrial primary."), "none") << "a differential states nothing";
  EXPECT_EQ(stated_group("Favor ovarian primary. Consistent with a primary in the endometrium."), "none") << "two sites decide nothing";
  EXPECT_EQ(stated_group("Primary tumor (pT): pT2. Regional lymph nodes: pN1."), "none");
  EXPECT_EQ(stated_group("Lymph node primary."), "none") << "lymph nodes are where a carcinoma spreads";
}

TEST(Abstraction, AMetastasisNamedByItsCancerStatesThePrimary) {
  // Synthetic sentences of case reports.
  EXPECT_EQ(stated_group("Orbital mass. Metastasis of prostatic adenocarcinoma in the right maxillary sinus was diagnosed."), "C61");
  EXPECT_EQ(stated_group("A perirenal mass: metastasis from renal carcinoma."), "C64");
  EXPECT_EQ(stated_group("Bone metastases from the kidney were treated."), "C64") << "'from' names the origin without a cancer word";
  EXPECT_EQ(stated_group("Metastatic breast cancer to the spine."), "C50");
  EXPECT_EQ(stated_group("Metastasis of the liver was resected. Adenocarcinoma."), "none") << "'of' an organ names where it spread";
  EXPECT_EQ(stated_group("Metastatic liver lesions."), "none");
  EXPECT_EQ(stated_group("No metastasis from lung cancer was found."), "none") << "negated";
  EXPECT_EQ(stated_group("Metastasis of gastric carcinoma; favor an ovarian primary."), "none") << "two sites decide nothing";
  EXPECT_EQ(stated_group("Biopsy: primary lung adenocarcinoma rather than metastatic breast carcinoma."), "C34") << "a differential set aside";
}

TEST(Abstraction, TheOrganVoteCountsOnlyOrgansWhereTheHistologyArises) {
  // A synthetic radical hysterectomy: the endometrium is named more often than the cervix.
  const std::string hysterectomy = normalise(
      "Uterus, radical hysterectomy. Endometrium: proliferative endometrium. Endometrium, lower segment: unremarkable. Cervix: "
      "tumour 3 cm. Squamous cell carcinoma.");
  EXPECT_EQ(tables().document_site(hysterectomy, false, false)->topography.substr(0, 3), "C54") << "without a histology: the organ named most";
  EXPECT_EQ(tables().document_site(hysterectomy, false, false, "8070")->topography.substr(0, 3), "C53")
      << "squamous cell carcinoma arises in the cervix, not the endometrium";
  const std::string laryngectomy = normalise("Larynx and left thyroid lobe. Thyroid: nodular hyperplasia. Thyroid gland unremarkable. Carcinoma.");
  EXPECT_EQ(tables().document_site(laryngectomy, false, false, "8071")->topography.substr(0, 3), "C32");
  EXPECT_EQ(tables().document_site(normalise("Cystoprostatectomy. Prostate, prostate, bladder."), false, false, "8120")->topography.substr(0, 3), "C67");
  EXPECT_FALSE(tables().document_site(normalise("Thyroid, thyroidectomy."), false, false, "8070").has_value())
      << "no organ where the histology arises: none (the site is then left blank and flagged)";
  EXPECT_EQ(tables().histology_organ_row("8140"), -1) << "adenocarcinoma arises everywhere: every organ votes";
  EXPECT_EQ(tables().document_site(normalise("Nodule in the left kidney. Hemangioblastomas of the cord and pancreas. Pancreatic cysts."), false, false,
                                   "8312")->topography.substr(0, 3),
            "C64")
      << "a renal cell carcinoma is the kidney's";
}

TEST(Abstraction, AMeningiomaNeverTakesAnotherOrgan) {
  // A synthetic case report naming the lung more than anything else.
  const std::string text = normalise("Lung nodules, lung biopsy, lung function normal. A transitional meningioma was resected.");
  EXPECT_FALSE(tables().document_site(text, false, false, "9530").has_value()) << "then the usual site of a meningioma, the meninges";
  EXPECT_EQ(tables().histology_site("9530"), "C70.0");
  EXPECT_EQ(tables().document_site(normalise("Spinal meninges, spinal cord, lung."), false, false, "9530")->topography.substr(0, 3), "C70");
}

TEST(Abstraction, OrgansNamedByTheirPartsAndProcedures) {
  EXPECT_EQ(tables().site(normalise("Epiglottis, biopsy: invasive squamous cell carcinoma."))->topography, "C32.1");
  EXPECT_EQ(tables().site(normalise("Adrenalectomy: adrenocortical carcinoma."))->topography, "C74.0");
  EXPECT_EQ(tables().site(normalise("Right partial glossectomy: squamous cell carcinoma."))->topography.substr(0, 3), "C02");
  EXPECT_EQ(tables().site(normalise("Carcinoma of the lingual border."))->topography, "C02.1");
  EXPECT_EQ(tables().histology_site("8520"), "C50.9") << "lobular carcinoma with no site stated: the breast, flagged";
}

}  // namespace
}  // namespace chartflow::registry
