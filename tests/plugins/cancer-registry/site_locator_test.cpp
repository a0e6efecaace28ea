// The primary site of one finding (site_locator.cpp), rule by rule, on synthetic report lines.
#include "cancer-registry/site_locator.hpp"
#include "shipped_tables.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace chartflow::registry {
namespace {

// The site the locator gives the finding `mention` (histology `histology`) of a report `text`
// without sections (the mention's sentence is its section), as its topography, or "none".
std::string site_of(const std::string& text, const std::string& mention, const std::string& histology, const std::string& icd10cm = "") {
  const std::string lower = normalise(text);
  const std::size_t at = lower.find(normalise(mention));
  EXPECT_NE(at, std::string::npos) << mention;
  Candidate c;
  c.histology = histology;
  c.icd10cm = icd10cm;
  c.spans = {Span{at, at + mention.size()}};
  // Sentences end with a period before a capital letter (an OCR'd "of the. cecum" goes on).
  const auto sentence_end = [&](std::size_t i) { return text[i] == '.' && (i + 2 >= text.size() || std::isupper(static_cast<unsigned char>(text[i + 2]))); };
  std::size_t begin = at, end = at + mention.size();
  while (begin > 0 && !sentence_end(begin - 1)) --begin;
  while (end < text.size() && !sentence_end(end)) ++end;
  c.sentence = c.section = c.context = Span{begin, std::min(end + 1, text.size())};
  static const std::map<std::string, std::string> no_codes;
  SiteLocator(test_tables::shipped(), no_codes).locate(c, lower);
  return c.topography.empty() ? "none" : c.topography;
}

TEST(SiteLocator, TheIcdO3CatalogAddsSubsitesBelowTheCuratedOrgans) {
  // "Ileocecal valve" is an ICD-O-3 inclusion term of the cecum the curated table lacks.
  EXPECT_EQ(site_of("An exophytic lesion close to the ileocecal valve was identified: adenocarcinoma.", "adenocarcinoma", "8140"), "C18.0");
  // A catalog subsite with its own code (the facial nerve, C72.5) does not beat the curated
  // organ of the same sentence: the parotid tumour is the parotid's.
  EXPECT_EQ(site_of("The tumor was removed by superficial lobectomy of the parotid gland with preservation of the facial nerve.", "tumor", "8000"),
            "C07.9");
}

// A bare category is the dictionary's guess from an index term's coded subterms: it holds where
// the histology usually grows, and elsewhere the report's words decide.
TEST(SiteLocator, AGuessedCategoryGivesWayUnlessItIsTheHistologysUsualSite) {
  EXPECT_EQ(site_of("Orchiectomy was performed. The testicular nodules were teratocarcinomas.", "teratocarcinomas", "9081", "C22"), "C62.9")
      << "'Teratocarcinoma > liver C22.7' is no default";
  EXPECT_EQ(site_of("Resection of an anterior mediastinal mass: thymoma, type B2.", "thymoma", "8580", "C37"), "C37.9");
}

// Where a histology arises (rules/histology_organs.tsv) bounds the organs its words may give.
TEST(SiteLocator, OnlyOrgansWhereTheHistologyArises) {
  EXPECT_EQ(site_of("Gastric biopsy showed a GIST. He entered dialysis for chronic renal failure a year after the finding of GIST.", "finding of GIST",
                    "8936"),
            "C16.9")
      << "a GIST is the digestive tract's, not the kidney's of a later 'renal failure'";
  EXPECT_EQ(site_of("MRI showed thickening of the optic nerve with intact meninges. Optic glioma was diagnosed.", "glioma", "9380"), "C72.3")
      << "a glioma is the brain's or a cranial nerve's, never the meninges'";
  EXPECT_EQ(site_of("The kidneys are normal in size, with good bilateral renal elimination. Diagnosis: neuroblastoma.", "neuroblastoma", "9500"),
            "C74.9")
      << "a neuroblastoma is the adrenal's (its usual site) when the report names no organ where it arises";
  EXPECT_EQ(site_of("Bone scintigraphy showed uptake in the maxillary sinus and nasal bones, suggesting myeloma.", "myeloma", "9732"), "C42.1")
      << "plasma cell myeloma is the bone marrow's";
  EXPECT_EQ(site_of("The urethral catheter could not be placed. Biopsy: urethral squamous cell carcinoma.", "squamous cell carcinoma", "8070"),
            "C68.0");
}

TEST(SiteLocator, AnExaminationOfTheSkeletonIsNoSite) {
  EXPECT_EQ(site_of("CT showed a mass in the left kidney. The study was completed with a bone scintigraphy and arteriography of the malignancy.",
                    "malignancy", "8800"),
            "C64.9")
      << "a bone scan looks for spread";
  EXPECT_EQ(site_of("A bone scan was negative. A skeletal survey showed a lytic lesion of the femur: chondrosarcoma.", "chondrosarcoma", "9220"), "C40.2");
}

TEST(SiteLocator, ARelativesOrganIsNoVote) {
  EXPECT_EQ(site_of("As for family history, his father died of colon cancer. Biopsy of the mass: carcinoma.", "carcinoma", "8010"), "none");
  EXPECT_EQ(site_of("He has no family history of cancer. A colon mass was found. Biopsy of the mass: carcinoma.", "carcinoma", "8010"), "C18.9")
      << "only a sentence naming a relative";
}

TEST(SiteLocator, AdjectivesOfOrgans) {
  EXPECT_EQ(site_of("After examination, she developed uterine cervical carcinoma with involvement of the vagina.", "carcinoma", "8010"), "C53.9")
      << "the cervix's, not the uterus's";
  EXPECT_EQ(site_of("A tumour in the right mandibular angle: well-differentiated grade I chondrosarcoma.", "chondrosarcoma", "9220"), "C41.1");
  EXPECT_EQ(site_of("CT showed a mass that displaces the inferior vena cava. A retroperitoneal liposarcoma was resected.", "liposarcoma", "8850"), "C48.0");
  EXPECT_EQ(site_of("The report concluded that it was a perirenal myxofibrosarcoma, grade 3.", "myxofibrosarcoma", "8811"), "C48.0");
  EXPECT_EQ(site_of("A ureteral sample was sent with suspected ureteral carcinoma.", "carcinoma", "8010"), "C66.9");
  EXPECT_EQ(site_of("Resection of an appendiceal mucinous adenocarcinoma.", "mucinous adenocarcinoma", "8480"), "C18.1");
}

// "Urothelial" only implies the bladder: an organ of the urinary tract the report names says
// where this urothelial carcinoma grew.
TEST(SiteLocator, ATissueWordGivesWayToTheOrganTheReportNames) {
  EXPECT_EQ(site_of("CT showed a mass occupying part of the renal pelvis. Microscopically, it is a high grade urothelial carcinoma.",
                    "urothelial carcinoma", "8120"),
            "C65.9");
  EXPECT_EQ(site_of("Cystoscopy showed a papillary lesion. Microscopically, it is a high grade urothelial carcinoma.", "urothelial carcinoma", "8120"),
            "C67.9")
      << "no organ named: the tissue's usual organ";
}

TEST(SiteLocator, TheCatalogTakesPhrasesNotWordsEnumerationsOrIllDefinedSites) {
  const auto has = [](const std::string& phrase, const std::string& code) {
    const auto& terms = test_tables::shipped().site_terms();
    return std::any_of(terms.begin(), terms.end(), [&](const SiteTerm& t) { return t.phrase == phrase && t.topography == code; });
  };
  EXPECT_TRUE(has("skin of lip", "C44.0")) << "', NOS' is dropped";
  EXPECT_TRUE(has("ileocecal valve", "C18.0"));
  EXPECT_FALSE(has("axis", "C41.2")) << "one word: 'the long axis' is no vertebra";
  EXPECT_FALSE(has("chest wall", "C76.1")) << "ill-defined sites are where a tumour reaches, and the curated table codes the chest wall's skin";
  EXPECT_FALSE(has("rib, sternum, clavicle and associated joints", "C41.3")) << "an enumeration is no phrase of a chart";
}

TEST(SiteLocator, AMalformedCatalogRowNamesItsFileAndLine) {
  test::TempDir dir;
  const auto file = dir / "topography.tsv";
  test::write_file(file, "# comment\ncode\tkind\ttitle\tgroup\tgroup_title\nC18.0\tpreferred\tCecum\tC18\tCOLON\nC18\tsynonym\n");
  RegistryTables t;
  try {
    t.load_site_catalog(file.string());
    FAIL() << "a row without a title was accepted";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("topography.tsv"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("expected code"), std::string::npos) << e.what();
  }
}

TEST(SiteLocator, OnlyOrgansWhereTheHistologyArisesCountAmongTheSiteWords) {
  // "urothelial" names the lining of the urinary tract, not an organ: the specimen line decides,
  // and the prostate a cystoprostatectomy took is no site of a urothelial carcinoma.
  EXPECT_EQ(site_of("Bladder, prostate gland and seminal vesicles, cystoprostatectomy: invasive urothelial carcinoma.",
                    "urothelial carcinoma", "8120"), "C67.9");
  EXPECT_EQ(site_of("Left ureter, ureterectomy: papillary urothelial carcinoma, high grade.", "papillary urothelial carcinoma", "8130"), "C66.9");
  EXPECT_EQ(site_of("Left kidney and renal pelvis, nephroureterectomy: invasive urothelial carcinoma.", "urothelial carcinoma", "8120"),
            "C65.9");
}

TEST(SiteLocator, AWrongKindOfSiteGivesWayToTheReportsOrgan) {
  EXPECT_EQ(site_of("Thyroid and cervical lymph node, thyroidectomy: papillary carcinoma.", "papillary carcinoma", "8050"), "C73.9")
      << "not the more specific cervical lymph node (C77.0): where a carcinoma spread";
  EXPECT_FALSE(wrong_kind_of_site("C77.9", "9680")) << "lymph nodes are a lymphoma's site";
  EXPECT_TRUE(wrong_kind_of_site("C48.2", "8140")) << "the peritoneum is where an adenocarcinoma spreads";
  EXPECT_TRUE(wrong_kind_of_site("C48.2", "8170"));
  EXPECT_FALSE(wrong_kind_of_site("C48.2", "8461")) << "serous carcinoma starts in the peritoneum too";
  EXPECT_FALSE(wrong_kind_of_site("C48.2", "8010")) << "a bare carcinoma says too little";
  EXPECT_FALSE(wrong_kind_of_site("C48.0", "8890")) << "the retroperitoneum is a sarcoma's";
}

TEST(SiteLocator, TheReportsOrganIsOneSeerAcceptsForTheHistology) {
  // The liver is named most, but no seminoma starts there (SEER's site/histology edits).
  EXPECT_EQ(site_of("Histology: seminoma. The liver was enlarged, liver enzymes were high and the liver was biopsied. The left testis was firm.",
                    "seminoma", "9061"), "C62.9");
  // When SEER accepts none of the organs named, the histology read may be the less specific one:
  // the organ named most still stands (flagged for review as every organ vote is).
  EXPECT_EQ(site_of("Histology: oncocytic neoplasm. The kidney was resected; the kidney weighed 300 g.", "oncocytic neoplasm", "8270"),
            "C64.9");
}

TEST(SiteLocator, AWrongKindOfSiteNothingReplacesIsLeftBlank) {
  EXPECT_EQ(site_of("Segmental resection: keratinizing squamous carcinoma eroding the mandible.", "squamous carcinoma", "8070"), "none")
      << "bone is where the carcinoma reached; the line names no site of its own";
}

TEST(SiteLocator, OcrLineBreakPeriodsDoNotPartTheTumourFromItsSite) {
  EXPECT_EQ(site_of("Right hemicolectomy: mucinous adenocarcinoma of the. cecum, tumour penetration of the peritoneum.", "adenocarcinoma", "8140"), "C18.0");
  EXPECT_FALSE(test_tables::shipped().site(normalise("Invasive carcinoma with penetration of the peritoneum.")).has_value())
      << "'penetration of' names where it reached";
}

TEST(SiteLocator, AProcedureWordNamesTheOrganWhenNothingElseDoes) {
  EXPECT_EQ(site_of("Specimen: total gastrectomy; diagnosis: adenocarcinoma, diffuse type.", "adenocarcinoma", "8140"), "C16.9");
  EXPECT_EQ(site_of("Adrenal, adrenalectomy with nephrectomy: adrenal cortical carcinoma.", "carcinoma", "8370"), "C74.9")
      << "an organ's name beats the longer procedure word";
}

TEST(SiteLocator, SkinTumoursTakeTheSkinTheReportNames) {
  EXPECT_TRUE(arises_in_skin("8410")) << "sebaceous carcinoma";
  EXPECT_TRUE(arises_in_skin("8720"));
  EXPECT_TRUE(arises_in_skin("8247")) << "Merkel cell carcinoma";
  EXPECT_FALSE(arises_in_skin("8140"));
  EXPECT_EQ(site_of("Lesion on the left lower eyelid margin. The eyelid lesion was excised. Biopsy: sebaceous carcinoma.", "sebaceous carcinoma", "8410"),
            "C44.1");
}

TEST(SiteLocator, BoneTumoursTakeBonesAndCranialNervesTheirOwnSites) {
  EXPECT_EQ(site_of("Mass of the distal femur, biopsy: osteosarcoma.", "osteosarcoma", "9180"), "C40.2");
  EXPECT_EQ(site_of("Spinal cord compressed by a mass; the spinal cord was decompressed. Resection: chondrosarcoma.", "chondrosarcoma", "9220"),
            "none")
      << "the spinal cord is no site of a chondrosarcoma";
  EXPECT_EQ(site_of("Orbital MRI: right optic nerve glioma, stable.", "glioma", "9380"), "C72.3");
  EXPECT_EQ(site_of("History of hypertension. Oropharyngeal squamous cell carcinoma, T2N0.", "squamous cell carcinoma", "8070"), "C10.9");
}

}  // namespace
}  // namespace chartflow::registry
