// MceEditor: validates the claim (discharge date, codes, sex, age, discharge status), then runs the code edits
// of mce_rules.cpp on the principal diagnosis, the secondary diagnoses and the procedures, as CMS does.
#include "mce.hpp"

#include "mce_rules.hpp"
#include "mce_tables.hpp"

#include <vector>

namespace chartflow::drg {

namespace {

using mce_detail::ClaimFacts;
using mce_detail::CodeVersion;
using mce_detail::Date;
using mce_detail::EditRecorder;
using mce_detail::MceTables;

constexpr int kMaxAge = 124;

// CMS accepts discharge dates from the first DRG year up to the MCE version's termination date; a date outside
// that window (or not a calendar date) gets edit type INVALID_DISCHARGE_DATE and no edits.
bool valid_discharge_date(int date) {
  if (date < static_cast<int>(mce_detail::kFirstDischargeDate) || date > static_cast<int>(mce_detail::kLastDischargeDate))
    return false;
  const int month = date / 100 % 100, day = date % 100;
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

bool valid_sex(MceSex sex, Date date) {
  switch (sex) {
    case MceSex::male:
    case MceSex::female: return true;
    case MceSex::unknown: return date >= mce_detail::kUnknownSexValidFrom;
  }
  return false;  // a value outside the enum
}

// Each code's master row in force on the discharge date (nullptr: INVALID_CODE).
struct ClaimCodes {
  const CodeVersion* pdx = nullptr;
  std::vector<const CodeVersion*> sdx;
  std::vector<const CodeVersion*> procedures;
};

ClaimCodes look_up_codes(const MceTables& tables, const MceClaim& claim, Date date) {
  ClaimCodes codes;
  codes.pdx = tables.dx.find(claim.pdx, date);
  codes.sdx.reserve(claim.sdx.size());
  for (const std::string& code : claim.sdx) codes.sdx.push_back(tables.dx.find(code, date));
  codes.procedures.reserve(claim.procedures.size());
  for (const std::string& code : claim.procedures) codes.procedures.push_back(tables.sg.find(code, date));
  return codes;
}

// The validation edits: unknown codes, then the claim fields.
void validate(const MceTables& tables, const MceClaim& claim, const ClaimCodes& codes, Date date, MceResult& result) {
  EditRecorder recorder(result);
  if (codes.pdx == nullptr) recorder.add(result.pdx, MceEdit::invalid_code);
  for (std::size_t i = 0; i < codes.sdx.size(); ++i)
    if (codes.sdx[i] == nullptr) recorder.add(result.sdx[i], MceEdit::invalid_code);
  for (std::size_t i = 0; i < codes.procedures.size(); ++i)
    if (codes.procedures[i] == nullptr) recorder.add(result.procedures[i], MceEdit::invalid_code);
  if (!valid_sex(claim.sex, date)) recorder.add_claim(MceEdit::invalid_sex);
  if (!tables.valid_discharge_status(claim.discharge_status, date)) recorder.add_claim(MceEdit::invalid_discharge_status);
  if (claim.age < 0 || claim.age > kMaxAge) recorder.add_claim(MceEdit::invalid_age);
}

ClaimFacts claim_facts(const MceTables& tables, const MceClaim& claim, const ClaimCodes& codes, Date date) {
  ClaimFacts facts;
  facts.date = date;
  facts.age = claim.age;
  facts.sex = claim.sex;
  facts.length_of_stay = claim.length_of_stay;
  facts.has_sdx = !claim.sdx.empty();
  for (std::size_t g = 0; g < mce_detail::kAgeGroupCount; ++g)
    facts.age_fits[g] = tables.age_in_group(static_cast<mce_detail::AgeGroup>(g), claim.age, date);
  for (const CodeVersion* sdx : codes.sdx)
    if (sdx != nullptr) facts.sdx_flags |= sdx->flags;
  facts.dx_flags = facts.sdx_flags;
  if (codes.pdx != nullptr) facts.dx_flags |= codes.pdx->flags;
  for (const CodeVersion* procedure : codes.procedures)
    if (procedure != nullptr) facts.procedure_flags |= procedure->flags;
  return facts;
}

void run_code_edits(const MceClaim& claim, const ClaimCodes& codes, const ClaimFacts& facts, MceResult& result) {
  EditRecorder recorder(result);
  if (codes.pdx != nullptr) mce_detail::edit_principal(*codes.pdx, facts, recorder, result.pdx);
  for (std::size_t i = 0; i < codes.sdx.size(); ++i) {
    const bool duplicate = !claim.pdx.empty() && claim.sdx[i] == claim.pdx;
    mce_detail::edit_secondary(codes.sdx[i], duplicate, facts, recorder, result.sdx[i]);
  }
  for (std::size_t i = 0; i < codes.procedures.size(); ++i)
    if (codes.procedures[i] != nullptr)
      mce_detail::edit_procedure(*codes.procedures[i], facts, recorder, result.procedures[i]);
}

// Every edit the 43.1 tables can raise is a prepayment edit (see MceEdit).
MceEditType edit_type_of(const MceResult& result) {
  for (const std::uint16_t count : result.counts)
    if (count != 0) return MceEditType::prepayment;
  return MceEditType::none;
}

}  // namespace

MceEditor::MceEditor(const std::filesystem::path& data_folder)
    : tables_(std::make_unique<const MceTables>(MceTables::load(data_folder / "mce"))) {}

MceEditor::~MceEditor() = default;
MceEditor::MceEditor(MceEditor&&) noexcept = default;
MceEditor& MceEditor::operator=(MceEditor&&) noexcept = default;

MceResult MceEditor::edit(const MceClaim& claim) const {
  MceResult result;
  result.sdx.resize(claim.sdx.size());
  result.procedures.resize(claim.procedures.size());
  if (!valid_discharge_date(claim.discharge_date)) {
    result.edit_type = MceEditType::invalid_discharge_date;
    return result;
  }
  const auto date = static_cast<Date>(claim.discharge_date);
  const ClaimCodes codes = look_up_codes(*tables_, claim, date);
  validate(*tables_, claim, codes, date, result);
  run_code_edits(claim, codes, claim_facts(*tables_, claim, codes, date), result);
  result.edit_type = edit_type_of(result);
  return result;
}

}  // namespace chartflow::drg
