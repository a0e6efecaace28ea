#include "formula.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace chartflow::drg::detail {

// Recursive-descent parser: expr := term ('|' term)*, term := factor ('&' factor)*,
// factor := '~' factor | '(' expr ')' | atom. '&' binds tighter than '|', as in the CMS tables.
class FormulaParser {
 public:
  FormulaParser(std::string_view text, AttrRegistry& registry, Formula& out)
      : text_(text), registry_(registry), out_(out) {}

  void run() {
    out_.root_ = expression();
    skip_space();
    if (pos_ != text_.size()) error("unexpected '" + std::string(1, text_[pos_]) + "'");
  }

 private:
  std::uint16_t expression() {
    std::uint16_t left = term();
    while (accept('|')) left = add_binary(NodeOp::or_op, left, term());
    return left;
  }

  std::uint16_t term() {
    std::uint16_t left = factor();
    while (accept('&')) left = add_binary(NodeOp::and_op, left, factor());
    return left;
  }

  std::uint16_t factor() {
    if (accept('~')) {
      const std::uint16_t child = factor();
      return add(Formula::Node{NodeOp::not_op, AtomScope::any, false, kNoAttr, child, 0});
    }
    if (accept('(')) {
      const std::uint16_t inner = expression();
      if (!accept(')')) error("missing ')'");
      return inner;
    }
    return atom();
  }

  std::uint16_t atom() {
    skip_space();
    const std::size_t start = pos_;
    while (pos_ < text_.size() && std::string_view(" \t()&|~").find(text_[pos_]) == std::string_view::npos) {
      ++pos_;
    }
    const std::string_view word = text_.substr(start, pos_ - start);
    if (word.empty()) error("expected an attribute");
    if (word == "MCC") return add(Formula::Node{NodeOp::mcc, AtomScope::any, false, kNoAttr, 0, 0});
    if (word == "CC") return add(Formula::Node{NodeOp::cc, AtomScope::any, false, kNoAttr, 0, 0});
    Formula::Node node{NodeOp::atom, AtomScope::any, false, kNoAttr, 0, 0};
    std::string_view name = word;
    if (const std::size_t colon = word.find(':'); colon != std::string_view::npos) {
      node.scope = scope_of(word.substr(0, colon));
      node.prefixed = true;
      name = word.substr(colon + 1);
    }
    if (name.empty()) error("empty attribute name in '" + std::string(word) + "'");
    node.attr = registry_.intern(name);
    return add(node);
  }

  AtomScope scope_of(std::string_view prefix) const {
    if (prefix == "PDX") return AtomScope::pdx;
    if (prefix == "SDX") return AtomScope::sdx;
    if (prefix == "ANY") return AtomScope::any;
    if (prefix == "ONLY") return AtomScope::only;
    error("unknown scope '" + std::string(prefix) + "'");
  }

  std::uint16_t add_binary(NodeOp op, std::uint16_t left, std::uint16_t right) {
    return add(Formula::Node{op, AtomScope::any, false, kNoAttr, left, right});
  }

  std::uint16_t add(const Formula::Node& node) {
    if (out_.nodes_.size() >= 0xFFFF) error("formula too long");
    out_.nodes_.push_back(node);
    return static_cast<std::uint16_t>(out_.nodes_.size() - 1);
  }

  bool accept(char c) {
    skip_space();
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }

  void skip_space() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t')) ++pos_;
  }

  [[noreturn]] void error(const std::string& why) const {
    throw std::invalid_argument("formula '" + std::string(text_) + "': " + why);
  }

  std::string_view text_;
  AttrRegistry& registry_;
  Formula& out_;
  std::size_t pos_ = 0;
};

Formula Formula::parse(std::string_view text, AttrRegistry& registry) {
  Formula formula;
  FormulaParser(text, registry, formula).run();
  return formula;
}

bool Formula::eval_node(std::uint16_t index, const EvalContext& context) const {
  const Node& node = nodes_[index];
  switch (node.op) {
    case NodeOp::atom: return context.atoms.has(node.scope, node.attr, context.mdc);
    case NodeOp::mcc: return context.severity == CcLevel::mcc;
    case NodeOp::cc: return context.severity == CcLevel::cc;
    case NodeOp::never: return false;
    case NodeOp::and_op: return eval_node(node.left, context) && eval_node(node.right, context);
    case NodeOp::or_op: return eval_node(node.left, context) || eval_node(node.right, context);
    case NodeOp::not_op: return !eval_node(node.left, context);
  }
  return false;
}

bool Formula::collect_node(std::uint16_t index, const EvalContext& context, std::vector<MatchedAtom>& out) const {
  const Node& node = nodes_[index];
  switch (node.op) {
    case NodeOp::and_op: return collect_node(node.left, context, out) && collect_node(node.right, context, out);
    case NodeOp::or_op: return collect_node(node.left, context, out) || collect_node(node.right, context, out);
    case NodeOp::not_op: return !collect_node(node.left, context, out);
    case NodeOp::never: return false;
    case NodeOp::atom:
    case NodeOp::mcc:
    case NodeOp::cc: {
      if (!eval_node(index, context)) return false;
      const MatchedAtom atom{node.op, node.scope, node.prefixed, node.attr};
      if (std::find(out.begin(), out.end(), atom) == out.end()) out.push_back(atom);
      return true;
    }
  }
  return false;
}

bool Formula::mentions(AttrId attr) const {
  return std::any_of(nodes_.begin(), nodes_.end(),
                     [attr](const Node& n) { return n.op == NodeOp::atom && n.attr == attr; });
}

}  // namespace chartflow::drg::detail
