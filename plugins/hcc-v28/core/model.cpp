// Model loading and scoring: demographics, then conditions, then the segment's factors summed
// into the raw score, each one kept as a term so the score can be explained line by line.
#include "conditions.hpp"
#include "demographics.hpp"
#include "interactions.hpp"
#include "tables.hpp"

#include <cmath>

namespace chartflow::hcc {

namespace {

// Appends terms and keeps the sums in millionths, exact whatever the number of terms.
class TermSum {
 public:
  TermSum(Segment segment, std::vector<Term>& terms) : prefix_(std::string(to_string(segment)) + "_"), terms_(terms) {}

  void add(std::string_view suffix, TermKind kind, Micros value, std::vector<int> hccs = {}) {
    terms_.push_back({prefix_ + std::string(suffix), kind, static_cast<double>(value) / 1e6, std::move(hccs)});
    total_ += value;
    if (kind == TermKind::AgeSex || kind == TermKind::NewEnrolleeCell || kind == TermKind::OriginallyDisabled ||
        kind == TermKind::Medicaid) {
      demographic_ += value;
    }
  }
  std::string variable(std::string_view suffix) const { return prefix_ + std::string(suffix); }
  Micros total() const { return total_; }
  Micros demographic() const { return demographic_; }

 private:
  std::string prefix_;
  std::vector<Term>& terms_;
  Micros total_ = 0;
  Micros demographic_ = 0;
};

// The demographic cell, and the originally-disabled and Medicaid factors where the segment has
// them. False (with a message) when the table lacks the beneficiary's cell.
bool add_demographic_terms(const SegmentFactors& f, const Demographics& d, TermSum& sum, std::string& message) {
  const bool new_enrollee = is_new_enrollee_segment(d.segment);
  std::string cell = new_enrollee ? new_enrollee_variable(d) : age_sex_cell(d.sex, d.age);
  auto found = f.cells.find(cell);
  if (found == f.cells.end()) {
    message = "the coefficient table has no factor " + sum.variable(cell);
    return false;
  }
  sum.add(cell, new_enrollee ? TermKind::NewEnrolleeCell : TermKind::AgeSex, found->second);
  const auto& by_sex = d.sex == Sex::Female ? f.originally_disabled_female : f.originally_disabled_male;
  if (d.originally_disabled && by_sex) {
    sum.add(d.sex == Sex::Female ? "OriginallyDisabled_Female" : "OriginallyDisabled_Male",
            TermKind::OriginallyDisabled, *by_sex);
  }
  if (d.originally_disabled && f.origds) sum.add("ORIGDS", TermKind::OriginallyDisabled, *f.origds);
  if (d.medicaid && f.ltimcaid) sum.add("LTIMCAID", TermKind::Medicaid, *f.ltimcaid);
  return true;
}

// HCCs, interactions and the count factor. A variable the segment's regression does not have
// (e.g. HF_HCC238_V28 in INS) is simply not part of its score, as in the CMS macro.
void add_disease_terms(const SegmentFactors& f, const Demographics& d, const HccSet& kept, TermSum& sum, Score& out) {
  for (int hcc : out.payment_hccs) {
    if (const auto& value = f.hcc[hcc]) sum.add("HCC" + std::to_string(hcc), TermKind::Hcc, *value, {hcc});
  }
  for (ActiveInteraction& active : active_interactions(kept, d.disabled)) {
    const auto& value = f.interaction[static_cast<std::size_t>(active.which)];
    if (!value) continue;
    out.interactions.emplace_back(interaction_name(active.which));
    sum.add(interaction_name(active.which), TermKind::Interaction, *value, std::move(active.hccs));
  }
  if (auto slot = count_slot(out.payment_hcc_count); slot && f.count[*slot]) {
    out.count_variable = count_name(*slot);
    sum.add(out.count_variable, TermKind::HccCount, *f.count[*slot]);
  }
}

bool check_adjustments(const PaymentAdjustments& a, std::string& message) {
  if (a.normalization_factor && !(std::isfinite(*a.normalization_factor) && *a.normalization_factor > 0)) {
    message = "the normalization factor must be a number greater than 0";
    return false;
  }
  if (a.coding_adjustment && !(std::isfinite(*a.coding_adjustment) && *a.coding_adjustment >= 0 && *a.coding_adjustment < 1)) {
    message = "the MA coding adjustment must be at least 0 and less than 1 (e.g. 0.059)";
    return false;
  }
  return true;
}

void apply_adjustments(const PaymentAdjustments& a, Score& out) {
  double score = out.raw_score;
  if (a.normalization_factor) {
    score /= *a.normalization_factor;
    out.normalized_score = score;
  }
  if (a.coding_adjustment) out.payment_score = score * (1 - *a.coding_adjustment);
}

}  // namespace

Model::Model(std::shared_ptr<const Tables> tables) : tables_(std::move(tables)) {}

Model Model::load(const std::filesystem::path& data_dir, const ModelFiles& files) {
  auto tables = std::make_shared<Tables>();
  load_labels(data_dir / files.labels, *tables);  // first: defines the payment HCCs
  load_chronic(data_dir / files.chronic, *tables);
  load_dx_to_hcc(data_dir / files.dx_to_hcc, *tables);
  load_edits(data_dir / files.dx_edits, *tables);
  load_hierarchies(data_dir / files.hierarchies, *tables);
  load_coefficients(data_dir / files.coefficients, *tables);
  return Model(std::move(tables));
}

Score Model::score(const Request& request) const {
  Score out;
  Demographics d;
  out.error = resolve_demographics(request.beneficiary, d, out.message);
  if (out.error == InputError::None && !check_adjustments(request.adjustments, out.message)) {
    out.error = InputError::InvalidAdjustment;
  }
  if (out.error != InputError::None) return out;
  out.segment = d.segment;
  out.age = d.age;
  out.disabled = d.disabled;
  out.originally_disabled = d.originally_disabled;
  out.uses_diagnoses = !is_new_enrollee_segment(d.segment);

  Conditions conditions = assign_conditions(*tables_, request.diagnoses, d.age, d.sex);
  out.codes = std::move(conditions.codes);
  out.hccs = std::move(conditions.hccs);
  for (const HccOutcome& hcc : out.hccs) {
    if (hcc.fate == HccFate::Kept) out.payment_hccs.push_back(hcc.hcc);
  }
  out.payment_hcc_count = static_cast<int>(out.payment_hccs.size());

  const SegmentFactors& factors = tables_->segments[index_of(d.segment)];
  TermSum sum(d.segment, out.terms);
  if (!add_demographic_terms(factors, d, sum, out.message)) {
    Score error;
    error.error = InputError::MissingFactor;
    error.message = std::move(out.message);
    return error;
  }
  if (out.uses_diagnoses) add_disease_terms(factors, d, conditions.kept, sum, out);
  out.raw_score = static_cast<double>(sum.total()) / 1e6;
  out.demographic_score = static_cast<double>(sum.demographic()) / 1e6;
  out.disease_score = static_cast<double>(sum.total() - sum.demographic()) / 1e6;
  apply_adjustments(request.adjustments, out);
  return out;
}

std::optional<double> Model::coefficient(std::string_view variable) const {
  auto found = tables_->by_variable.find(variable);
  if (found == tables_->by_variable.end()) return std::nullopt;
  return static_cast<double>(found->second) / 1e6;
}

std::string_view Model::label(int hcc) const {
  if (hcc < 1 || hcc >= kHccLimit) return {};
  return tables_->labels[hcc];
}

Segment community_segment(DualStatus dual, int age) {
  const bool aged = age >= 65;
  switch (dual) {
    case DualStatus::FullDual: return aged ? Segment::CommunityFullDualAged : Segment::CommunityFullDualDisabled;
    case DualStatus::PartialDual: return aged ? Segment::CommunityPartialDualAged : Segment::CommunityPartialDualDisabled;
    case DualStatus::NonDual: break;
  }
  return aged ? Segment::CommunityNonDualAged : Segment::CommunityNonDualDisabled;
}

}  // namespace chartflow::hcc
