// CMS DRG/HAC logic formulas ("MCC & (PDX:dxc0403 | d468) & ~steril") parsed once at load into a small
// tree, then evaluated per claim against the claim's attribute sets without touching any string.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "attributes.hpp"

namespace chartflow::drg::detail {

// Where an atom looks: any code (bare name or ANY:), the principal diagnosis (PDX:), some secondary
// diagnosis (SDX:), or every diagnosis (ONLY:, e.g. ONLY:incident).
enum class AtomScope : std::uint8_t { any, pdx, sdx, only };
inline constexpr int kScopeCount = 4;

// CC/MCC level of a set of secondary diagnoses.
enum class CcLevel : std::uint8_t { none, cc, mcc };

// Per scope and attribute, the MDCs in which the attribute is suppressed (bit m = MDC m); all bits set
// means the claim does not have it at all. Procedure attributes can be suppressed in the MDCs a procedure
// cluster names, so "has attribute" depends on the MDC whose logic is being evaluated.
struct AtomView {
  const std::uint32_t* scope[kScopeCount] = {};
  bool has(AtomScope s, AttrId attr, int mdc) const {
    return ((scope[static_cast<int>(s)][attr] >> mdc) & 1U) == 0;
  }
};

struct EvalContext {
  AtomView atoms;
  int mdc = 0;                     // MDC whose logic is evaluated (selects suppressed attributes)
  CcLevel severity = CcLevel::none;  // value of the MCC / CC atoms for the row being evaluated
};

enum class NodeOp : std::uint8_t { atom, mcc, cc, never, and_op, or_op, not_op };

// An atom that made a formula true, as the marking logic sees it.
struct MatchedAtom {
  NodeOp op = NodeOp::atom;  // atom, mcc or cc
  AtomScope scope = AtomScope::any;
  bool prefixed = false;  // written with a scope prefix (PDX:, SDX:, ANY:, ONLY:) rather than bare
  AttrId attr = kNoAttr;
  bool operator==(const MatchedAtom&) const = default;
};

class Formula {
 public:
  // Throws std::invalid_argument describing the syntax error.
  static Formula parse(std::string_view text, AttrRegistry& registry);

  bool eval(const EvalContext& context) const { return eval_node(root_, context); }
  // Evaluates like CMS's marking evaluator does: left to right with short circuits, appending (without
  // duplicates, in visiting order) every atom found true on the way -- also inside an AND that then fails
  // or under a NOT. Returns the formula's value.
  bool collect(const EvalContext& context, std::vector<MatchedAtom>& out) const {
    return collect_node(root_, context, out);
  }
  // Whether some atom of the formula names `attr` (any scope).
  bool mentions(AttrId attr) const;

 private:
  struct Node {
    NodeOp op = NodeOp::never;
    AtomScope scope = AtomScope::any;
    bool prefixed = false;
    AttrId attr = kNoAttr;
    std::uint16_t left = 0, right = 0;
  };
  friend class FormulaParser;

  bool eval_node(std::uint16_t index, const EvalContext& context) const;
  bool collect_node(std::uint16_t index, const EvalContext& context, std::vector<MatchedAtom>& out) const;

  std::vector<Node> nodes_;
  std::uint16_t root_ = 0;
};

}  // namespace chartflow::drg::detail
