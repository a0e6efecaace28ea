// The Neoplasm Table as shipped: columns by behaviour, sites by the words a chart uses.
#include "clinical-coding/neoplasm_table.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <fstream>

namespace chartflow::coding {
namespace {

const NeoplasmTable& table() {
  static const NeoplasmTable t = [] {
    NeoplasmTable loaded;
    loaded.load((test::fs::path(CHARTFLOW_PLUGIN_DIR) / "clinical-coding/codesets/icd10cm/FY2026/neoplasm.tsv").string());
    return loaded;
  }();
  return t;
}

std::string code_for(NeoplasmColumn column, const std::string& words) {
  const auto row = table().read(column, WordBag(words));
  return row ? row->code : "none";
}

TEST(NeoplasmTable, TheBehaviourPicksTheColumn) {
  EXPECT_EQ(table_column_of("ICD-O-3", "8140/3"), NeoplasmColumn::malignant_primary);
  EXPECT_EQ(table_column_of("ICD-O-3", "8140/6"), NeoplasmColumn::malignant_secondary);
  EXPECT_EQ(table_column_of("ICD-O-3", "8500/2"), NeoplasmColumn::in_situ);
  EXPECT_EQ(table_column_of("ICD-10-CM", "C80.1"), NeoplasmColumn::malignant_primary);
  EXPECT_EQ(table_column_of("ICD-10-CM", "C79.9"), NeoplasmColumn::malignant_secondary);
}

TEST(NeoplasmTable, MorphologiesWithCodesOfTheirOwnStayOutOfTheTable) {
  EXPECT_FALSE(table_column_of("ICD-O-3", "9680/3")) << "diffuse large B-cell lymphoma: C83.3-";
  EXPECT_FALSE(table_column_of("ICD-O-3", "8720/3")) << "melanoma: C43";
  EXPECT_FALSE(table_column_of("ICD-O-3", "9050/3")) << "mesothelioma: C45";
  EXPECT_FALSE(table_column_of("ICD-O-3", "8240/3")) << "carcinoid: C7A";
  EXPECT_FALSE(table_column_of("ICD-O-3", "8140/0")) << "adenoma: many index entries of its own";
  EXPECT_FALSE(table_column_of("ICD-10-CM", "C50.919")) << "a code that names its site already";
  EXPECT_FALSE(table_column_of("ICD-O-3", "81x0/3"));
}

TEST(NeoplasmTable, TheSiteWordsReachTheRow) {
  EXPECT_EQ(code_for(NeoplasmColumn::malignant_primary, "adenocarcinoma of the head of the pancreas"), "C25.0");
  EXPECT_EQ(code_for(NeoplasmColumn::malignant_secondary, "liver metastases"), "C78.7");
  EXPECT_EQ(code_for(NeoplasmColumn::malignant_primary, "carcinoma of the right upper lobe of the lung"), "C34.1-");
  EXPECT_EQ(code_for(NeoplasmColumn::in_situ, "carcinoma in situ of the breast"), "D05.-");
  EXPECT_EQ(code_for(NeoplasmColumn::malignant_primary, "ductal carcinoma of the left breast"), "C50.9-")
      << "\"salivary gland or duct\" is no duct of any kind";
  EXPECT_EQ(code_for(NeoplasmColumn::malignant_primary, "adenocarcinoma of the prostate"), "C61") << "not the prostatic utricle";
  EXPECT_EQ(code_for(NeoplasmColumn::malignant_primary, "adenocarcinoma primary unknown"), "C80.1");
  EXPECT_EQ(code_for(NeoplasmColumn::malignant_primary, "adenocarcinoma"), "none") << "no site: no row";
  EXPECT_EQ(code_for(NeoplasmColumn::benign, "ascending colon"), "D12.2") << "colon - see Neoplasm, intestine, large";
  EXPECT_EQ(code_for(NeoplasmColumn::malignant_primary, "adenocarcinoma of the ascending colon"), "C18.2")
      << "colon's own C18.9 says less than the reference it prints";
  EXPECT_EQ(code_for(NeoplasmColumn::malignant_primary, "adenocarcinoma of the colon"), "C18.9");
}

TEST(NeoplasmTable, ABrokenTableIsAStartUpErrorNamingTheFile) {
  const auto path = test::fs::temp_directory_path() / "chartflow-neoplasm-bad.tsv";
  std::ofstream(path) << "site_path\tmalignant_primary\n";
  NeoplasmTable t;
  try {
    t.load(path.string());
    FAIL() << "a table without its main entry loaded";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(path.string()), std::string::npos) << e.what();
  }
  test::fs::remove(path);
}

// "stomach > antrum (pyloric)" and "stomach > pylorus, pyloric" are reached alike by "stomach,
// pyloric antrum": the chart's words also fill the first's parenthesis.
TEST(NeoplasmTable, ARowWhoseParenthesisTheChartFillsWinsATie) {
  EXPECT_EQ(code_for(NeoplasmColumn::malignant_primary, "stomach pyloric antrum"), "C16.3");
  EXPECT_EQ(code_for(NeoplasmColumn::malignant_primary, "stomach antrum"), "C16.3");
  EXPECT_EQ(code_for(NeoplasmColumn::malignant_primary, "stomach pyloric"), "C16.4");
}

}  // namespace
}  // namespace chartflow::coding
