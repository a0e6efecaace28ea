// Loading of the label, chronic, ICD-10-CM -> HCC, age/sex edit and hierarchy tables. Labels are
// loaded first: they define the payment HCCs every other table is checked against.
#include "conditions.hpp"
#include "csv.hpp"
#include "tables.hpp"

#include <algorithm>

namespace chartflow::hcc {

std::optional<int> parse_hcc_name(std::string_view text) {
  if (!text.starts_with("HCC")) return std::nullopt;
  auto number = parse_int(text.substr(3));
  if (!number || *number < 1 || *number >= kHccLimit) return std::nullopt;
  return number;
}

namespace {

int payment_hcc(const CsvTable& table, const CsvRow& row, std::size_t column, const Tables& tables) {
  auto number = parse_int(row.cells[column]);
  if (!number || *number < 1 || *number >= kHccLimit || !tables.payment[*number]) {
    table.fail(row.line, "'" + row.cells[column] + "' is not a V28 payment HCC number");
  }
  return *number;
}

std::string checked_code(const CsvTable& table, const CsvRow& row, std::size_t column) {
  const std::string& code = row.cells[column];
  auto normal = normalize_code(code);
  if (!normal || *normal != code) table.fail(row.line, "'" + code + "' is not an ICD-10-CM code without dot");
  return code;
}

std::optional<int> optional_age(const CsvTable& table, const CsvRow& row, std::size_t column) {
  const std::string& text = row.cells[column];
  if (text.empty()) return std::nullopt;
  auto age = parse_int(text);
  if (!age || *age < 0) table.fail(row.line, "'" + text + "' is not an age");
  return age;
}

DxEdit parse_edit(const CsvTable& table, const CsvRow& row, const Tables& tables) {
  DxEdit edit;
  const std::string& type = row.cells[table.column("edit_type")];
  const std::string& sex = row.cells[table.column("sex")];
  const std::string& action = row.cells[table.column("action")];
  edit.age_min = optional_age(table, row, table.column("age_min"));
  edit.age_max = optional_age(table, row, table.column("age_max"));
  edit.description = row.cells[table.column("description")];
  if (type == "sex") {
    edit.trigger = DxEdit::Trigger::Sex;
    if (sex != "1" && sex != "2") table.fail(row.line, "a sex edit needs sex 1 or 2, not '" + sex + "'");
    edit.sex = sex == "1" ? Sex::Male : Sex::Female;
  } else if (type == "age") {
    edit.trigger = DxEdit::Trigger::Age;
    if (!edit.age_min && !edit.age_max) table.fail(row.line, "an age edit needs age_min or age_max");
  } else {
    table.fail(row.line, "unknown edit_type '" + type + "'");
  }
  if (action == "invalid") {
    edit.action = DxEdit::Action::Invalid;
  } else if (action == "override") {
    edit.action = DxEdit::Action::Override;
    edit.override_hcc = payment_hcc(table, row, table.column("hcc_override"), tables);
  } else {
    table.fail(row.line, "unknown action '" + action + "'");
  }
  return edit;
}

}  // namespace

bool DxEdit::fires(int age, Sex beneficiary_sex) const {
  if (trigger == Trigger::Sex) return beneficiary_sex == sex;
  return (!age_min || age >= *age_min) && (!age_max || age <= *age_max);
}

void load_labels(const std::filesystem::path& file, Tables& tables) {
  CsvTable table = read_csv(file);
  const std::size_t hcc = table.column("hcc");
  const std::size_t label = table.column("label");
  tables.labels.assign(kHccLimit, std::string{});
  for (const CsvRow& row : table.rows) {
    auto number = parse_hcc_name(row.cells[hcc]);
    if (!number) table.fail(row.line, "'" + row.cells[hcc] + "' is not an HCC name (HCCnnn)");
    if (tables.payment[*number]) table.fail(row.line, row.cells[hcc] + " is listed twice");
    if (row.cells[label].empty()) table.fail(row.line, row.cells[hcc] + " has no label");
    tables.payment.set(*number);
    tables.labels[*number] = row.cells[label];
  }
  if (tables.payment.none()) table.fail(1, "no HCC labels");
}

void load_chronic(const std::filesystem::path& file, Tables& tables) {
  CsvTable table = read_csv(file);
  const std::size_t hcc = table.column("hcc");
  const std::size_t flag = table.column("is_chronic");
  for (const CsvRow& row : table.rows) {
    auto number = parse_hcc_name(row.cells[hcc]);
    if (!number) table.fail(row.line, "'" + row.cells[hcc] + "' is not an HCC name (HCCnnn)");
    const std::string& value = row.cells[flag];
    if (value != "Y" && !value.empty()) table.fail(row.line, "is_chronic must be Y or empty, not '" + value + "'");
    tables.chronic.set(*number, value == "Y");
  }
}

void load_dx_to_hcc(const std::filesystem::path& file, Tables& tables) {
  CsvTable table = read_csv(file);
  const std::size_t code_column = table.column("icd10_cm");
  const std::size_t hcc_column = table.column("hcc");
  tables.dx_to_hcc.reserve(table.rows.size());
  for (const CsvRow& row : table.rows) {
    std::string code = checked_code(table, row, code_column);
    auto hcc = static_cast<std::uint16_t>(payment_hcc(table, row, hcc_column, tables));
    auto& hccs = tables.dx_to_hcc[std::move(code)];
    if (std::find(hccs.begin(), hccs.end(), hcc) == hccs.end()) hccs.push_back(hcc);
  }
}

void load_edits(const std::filesystem::path& file, Tables& tables) {
  CsvTable table = read_csv(file);
  const std::size_t code_column = table.column("icd10_cm");
  for (const CsvRow& row : table.rows) {
    std::string code = checked_code(table, row, code_column);
    tables.edits[std::move(code)].push_back(parse_edit(table, row, tables));
  }
}

void load_hierarchies(const std::filesystem::path& file, Tables& tables) {
  CsvTable table = read_csv(file);
  const std::size_t parent_column = table.column("hcc_parent");
  const std::size_t child_column = table.column("hcc_child");
  for (const CsvRow& row : table.rows) {
    int parent = payment_hcc(table, row, parent_column, tables);
    int child = payment_hcc(table, row, child_column, tables);
    if (parent == child) table.fail(row.line, "an HCC cannot be its own child");
    // Rows of one parent form one statement of the CMS macro; statements keep the file's order,
    // which is the macro's (it matters: a parent dropped earlier no longer drops its children).
    auto rule = std::find_if(tables.hierarchy.begin(), tables.hierarchy.end(),
                             [&](const HierarchyRule& r) { return r.parent == parent; });
    if (rule == tables.hierarchy.end()) rule = tables.hierarchy.insert(tables.hierarchy.end(), {parent, {}});
    if (std::find(rule->children.begin(), rule->children.end(), child) == rule->children.end()) {
      rule->children.push_back(child);
    }
  }
}

}  // namespace chartflow::hcc
