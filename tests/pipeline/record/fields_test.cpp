// The field registry: built-in fields come from record.schema.json; plugins declare namespaced
// fields, and every bad declaration is refused with one line naming the plugin and the field.
#include "record/fields.hpp"

#include <gtest/gtest.h>

namespace chartflow::record {
namespace {

nlohmann::json medications() {
  return {{"ext.medications",
           {{"description", "Medications."},
            {"item_schema",
             {{"type", "object"},
              {"required", {"id", "name"}},
              {"additionalProperties", false},
              {"properties", {{"id", {{"$ref", "common.schema.json#/definitions/id"}}}, {"name", {{"type", "string"}}}}}}}}}};
}

std::string declare_error(FieldRegistry& registry, const std::string& plugin, const nlohmann::json& fields) {
  try {
    registry.declare(plugin, fields);
  } catch (const FieldError& e) {
    return e.what();
  }
  return "";
}

TEST(FieldRegistry, BuiltInFieldsComeFromTheRecordSchema) {
  const auto& builtin = FieldRegistry::builtin();
  for (const char* name : {"pages", "words", "sections", "sentences", "document_types", "identity", "mentions", "codes", "tumors"}) {
    const FieldSpec* f = builtin.find(name);
    ASSERT_NE(f, nullptr) << name;
    EXPECT_EQ(f->declared_by, "record schema");
  }
  EXPECT_EQ(builtin.find("views"), nullptr) << "views and diagnostics are the host's, not annotation fields";
  EXPECT_EQ(builtin.find("diagnostics"), nullptr);
  EXPECT_EQ(builtin.all().size(), 9u);
}

TEST(FieldRegistry, PluginFieldsAreRegisteredBesideTheBuiltIns) {
  FieldRegistry registry;
  EXPECT_EQ(declare_error(registry, "acme-meds", medications()), "");
  const FieldSpec* f = registry.find("ext.medications");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->declared_by, "acme-meds");
  EXPECT_EQ(f->local_name, "medications");
  EXPECT_NE(registry.find("mentions"), nullptr);
  EXPECT_EQ(registry.all().size(), 10u);
  EXPECT_TRUE(f->schema->validate(nlohmann::json{{"id", "x1"}, {"name", "aspirin"}, {"producer", "meds"}}).empty())
      << "the host adds producer to a declared schema";
  EXPECT_FALSE(f->schema->validate(nlohmann::json{{"id", "x1"}}).empty());
}

TEST(FieldRegistry, ReferencesAreNamedAfterTheFieldTheyPointInto) {
  FieldRegistry registry;
  registry.declare("acme-meds", medications());
  ASSERT_EQ(registry.referenced_fields("medication_id").size(), 1u);
  EXPECT_EQ(registry.referenced_fields("medication_ids")[0]->name, "ext.medications");
  EXPECT_EQ(registry.referenced_fields("section_id")[0]->name, "sections");
  EXPECT_EQ(registry.referenced_fields("mention_ids")[0]->name, "mentions");
  EXPECT_TRUE(registry.referenced_fields("patient_id").empty()) << "a key that names no field is a plain value";
  EXPECT_TRUE(registry.referenced_fields("category").empty());
}

TEST(FieldRegistry, BadDeclarationsNameThePluginAndTheField) {
  FieldRegistry registry;
  registry.declare("acme-meds", medications());
  const auto clash = declare_error(registry, "other-vendor", medications());
  EXPECT_NE(clash.find("plugin 'other-vendor' declares field 'ext.medications'"), std::string::npos) << clash;
  EXPECT_NE(clash.find("plugin 'acme-meds' declares too"), std::string::npos) << clash;

  auto builtin = medications();
  builtin["codes"] = builtin["ext.medications"];
  builtin.erase("ext.medications");
  const auto shadow = declare_error(registry, "sneaky", builtin);
  EXPECT_NE(shadow.find("'codes'"), std::string::npos) << shadow;
  EXPECT_NE(shadow.find("namespace"), std::string::npos) << shadow;

  const nlohmann::json bad_schema = {{"ext.broken", {{"description", "x"}, {"item_schema", {{"type", 12}}}}}};
  const auto invalid = declare_error(registry, "broken-plugin", bad_schema);
  EXPECT_NE(invalid.find("plugin 'broken-plugin' declares field 'ext.broken'"), std::string::npos) << invalid;
  EXPECT_NE(invalid.find("not valid JSON Schema"), std::string::npos) << invalid;
  EXPECT_EQ(invalid.find('\n'), std::string::npos) << "one line";
}

TEST(FieldNames, SyntaxOfManifestFieldNames) {
  EXPECT_TRUE(is_namespaced_field_name("ext.medications"));
  EXPECT_TRUE(is_namespaced_field_name("acme-corp.med_flags"));
  EXPECT_FALSE(is_namespaced_field_name("views.raw"));
  EXPECT_FALSE(is_namespaced_field_name("medications"));
  EXPECT_FALSE(is_namespaced_field_name("Ext.medications"));
  EXPECT_FALSE(is_namespaced_field_name("ext."));
  EXPECT_EQ(parse_field("views.normalized")->kind, FieldKind::view);
  EXPECT_EQ(parse_field("ext.medications")->kind, FieldKind::items);
  EXPECT_EQ(parse_field("document")->kind, FieldKind::document);
  EXPECT_FALSE(parse_field("views.Bad").has_value());
  EXPECT_FALSE(parse_field("").has_value());
}

}  // namespace
}  // namespace chartflow::record
