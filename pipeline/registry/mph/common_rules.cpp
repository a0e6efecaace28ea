#include "common_rules.hpp"

#include <algorithm>
#include <array>
#include <optional>

namespace chartflow::mph::detail {

// ---- an in situ and an invasive tumour ----

Tri invasive_after_in_situ_over_60_days(const Pair& p) {
  if (!one_each(p, is_in_situ, is_invasive)) return Tri::no;
  const int later = later_diagnosis(p);
  const Tumor* last = later_tumor(p, later);
  if (later == 0 || (last && !is_invasive(*last))) return Tri::no;
  return days_apart(p, 60);
}

Rule rule_invasive_after_in_situ(std::string step, std::string reason) {
  return rule_when(std::move(step), kMultiple, std::move(reason), invasive_after_in_situ_over_60_days, kNotEnoughDate);
}

namespace {

RuleOutcome in_situ_after_invasive(const Pair& p, Side side) {
  if ((side == Side::same && opposite_sides(p)) || !one_each(p, is_in_situ, is_invasive)) return RuleOutcome::none();
  const int later = later_diagnosis(p);
  const Tumor* last = later_tumor(p, later);
  if (last && is_invasive(*last)) return RuleOutcome::none();
  if (side == Side::same && !both_sides_known(p))
    return RuleOutcome::unable(kSingle, later < 0 ? kUnknownLateralityAndDate : kUnknownLaterality);
  if (later < 0) return RuleOutcome::unable(kSingle, kUnknownDate);
  return last ? RuleOutcome::decided(kSingle) : RuleOutcome::none();
}

RuleOutcome invasive_within_60_days(const Pair& p, Side side) {
  if ((side == Side::same && opposite_sides(p)) || !one_each(p, is_in_situ, is_invasive)) return RuleOutcome::none();
  const Tumor* last = later_tumor(p, later_diagnosis(p));
  const Tri over_60 = days_apart(p, 60);
  if (over_60 == Tri::yes || (last && !is_invasive(*last))) return RuleOutcome::none();
  if (over_60 == Tri::unknown) return RuleOutcome::unable(kSingle, kUnknownDate);
  if (side == Side::same && !both_sides_known(p)) return RuleOutcome::unable(kSingle, kUnknownLaterality);
  return RuleOutcome::decided(kSingle);
}

}  // namespace

Rule rule_in_situ_after_invasive(std::string step, Side side, std::string reason) {
  return Rule{std::move(step), std::move(reason), [side](const Pair& p) { return in_situ_after_invasive(p, side); }};
}

Rule rule_invasive_within_60_days(std::string step, Side side, std::string reason) {
  return Rule{std::move(step), std::move(reason), [side](const Pair& p) { return invasive_within_60_days(p, side); }};
}

std::vector<Rule> rules_in_situ_and_invasive(int first, Side side, std::string in_situ_reason) {
  const auto step = [first](int i) { return "M" + std::to_string(first + i); };
  std::vector<Rule> rules;
  rules.push_back(rule_in_situ_after_invasive(step(0), side, std::move(in_situ_reason)));
  rules.push_back(rule_invasive_within_60_days(step(1), side));
  rules.push_back(rule_invasive_after_in_situ(step(2)));
  return rules;
}

RuleOutcome synchronous_same_side(const Pair& p, Result result) {
  const Tri apart = days_apart(p, 60);
  if (apart == Tri::yes) return RuleOutcome::none();
  if (!both_sides_known(p)) return RuleOutcome::unable(result, apart == Tri::unknown ? kUnknownLateralityAndDate : kUnknownLaterality);
  if (apart == Tri::unknown) return RuleOutcome::unable(result, kUnknownDate);
  return same_side(p) ? RuleOutcome::decided(result) : RuleOutcome::none();
}

// ---- the rows and Column 3 of an Equivalent Terms table ----

namespace {
RuleOutcome by_rows(Rows rows, bool same_row) {
  if (same_row != (rows == Rows::same)) return RuleOutcome::none();
  return RuleOutcome::decided(same_row ? kSingle : kMultiple);
}
}  // namespace

Rule rule_rows(std::string step, std::string reason, Rows rows, const HistologyTable& table) {
  return Rule{std::move(step), std::move(reason), [rows, t = &table](const Pair& p) {
                const auto a = t->row_of(p.a), b = t->row_of(p.b);
                if (!a || !b) return RuleOutcome::unable_final(missing_from_table(p, !a, !b));
                return by_rows(rows, *a == *b);
              }};
}

Rule rule_rows(std::string step, std::string reason, Rows rows, const HistologyTable& (*table_of)(const Tumor&)) {
  return Rule{std::move(step), std::move(reason), [rows, table_of](const Pair& p) {
                const HistologyTable &ta = table_of(p.a), &tb = table_of(p.b);
                const auto a = ta.row_of(p.a), b = tb.row_of(p.b);
                if (!a || !b) return RuleOutcome::unable_final(missing_from_table(p, !a, !b));
                return by_rows(rows, ta.row(*a).label == tb.row(*b).label);
              }};
}

Tri same_row_within_60_days(const Pair& p, const HistologyTable& table) {
  const auto row = table.row_of(p.a);
  if (!row || row != table.row_of(p.b)) return Tri::no;
  return within_days(p, 60);
}

SubtypeColumn::SubtypeColumn(std::initializer_list<std::string_view> codes, std::initializer_list<Head> heads) {
  for (auto code : codes) entries_.push_back({HistologySet{code}, {std::string(code)}});
  for (const auto& head : heads) entries_.push_back({HistologySet{head.code}, {head.stands_for.begin(), head.stands_for.end()}});
}

const SubtypeColumn::Entry* SubtypeColumn::find(const Tumor& t) const {
  const auto it = std::find_if(entries_.begin(), entries_.end(), [&](const Entry& e) { return e.code.contains(t); });
  return it == entries_.end() ? nullptr : &*it;
}

bool SubtypeColumn::different(const Pair& p) const {
  const Entry *a = find(p.a), *b = find(p.b);
  const auto includes = [](const std::vector<std::string>& all, const std::vector<std::string>& some) {
    return std::all_of(some.begin(), some.end(), [&](const std::string& s) { return std::find(all.begin(), all.end(), s) != all.end(); });
  };
  return a && b && !includes(a->subtypes, b->subtypes) && !includes(b->subtypes, a->subtypes);
}

Rule rule_subtypes_differ(std::string step, std::string reason, const SubtypeColumn& column) {
  return rule_if(std::move(step), kMultiple, std::move(reason), [c = &column](const Pair& p) { return c->different(p); });
}

// ---- Breast ----

std::vector<Rule> breast_rules_m4_to_m7(std::string m6_reason) {
  std::vector<Rule> rules;
  rules.push_back(rule_sites_differ("M4"));
  rules.push_back(rule_years_apart("M5", 5));
  rules.push_back(rule_if("M6", kSingle, std::move(m6_reason), [](const Pair& p) {
    auto inflammatory = [](const Tumor& t) { return t.histology == 8530 && is_invasive(t); };
    return inflammatory(p.a) && inflammatory(p.b);
  }));
  // M7: both lateralities must be right or left to tell whether the tumours are in different breasts.
  rules.push_back(rule_when("M7", kMultiple, "Tumors on both sides (right and left breast) are multiple primaries.", on_both_sides,
                            kUnknownLaterality));
  return rules;
}

// ---- MP/H 2007 ----

namespace {
struct NosRow {
  int nos;
  HistologySet specifics;
  const char* statement;
};

const std::array<NosRow, 7>& nos_rows() {
  static const std::array<NosRow, 7> rows{{
      {8000, {"8001-9999"}, "- Cancer/malignant neoplasm, NOS (8000) and another is a specific histology"},
      {8010, {"8011-8015"}, "- Carcinoma, NOS (8010) and another is a specific carcinoma"},
      {8070, {"8071-8078", "8080-8084"}, "- Squamous cell carcinoma, NOS (8070) and another is specific squamous cell carcinoma"},
      {8140, {"8141-8145", "8147-8148"}, "- Adenocarcinoma, NOS (8140) and another is a specific adenocarcinoma"},
      {8312, {"8313-8320"}, "- Renal cell carcinoma, NOS (8312) and the other is a single renal cell type"},
      {8720,
       {"8721-8723", "8726", "8728", "8730", "8740-8746", "8761", "8770-8774", "8780"},
       "- Melanoma, NOS (8720) and another is a specific melanoma"},
      {8800, {"8801-8806"}, "- Sarcoma, NOS (8800) and another is a specific sarcoma"},
  }};
  return rows;
}
}  // namespace

Rule rule_nos_and_specific(std::string step, std::initializer_list<int> nos_codes, std::string_view lead) {
  std::vector<const NosRow*> rows;
  std::string reason(lead);
  for (int code : nos_codes) {
    const auto& all = nos_rows();
    rows.push_back(&*std::find_if(all.begin(), all.end(), [code](const NosRow& r) { return r.nos == code; }));
    reason += (rows.size() > 1 ? " or\n" : "") + std::string(rows.back()->statement);
  }
  return rule_if(std::move(step), kSingle, std::move(reason), [rows](const Pair& p) {
    return std::any_of(rows.begin(), rows.end(), [&](const NosRow* row) {
      auto nos = [row](const Tumor& t) { return t.histology == row->nos; };
      auto specific = [row](const Tumor& t) { return row->specifics.contains(t); };
      return one_each(p, nos, specific);
    });
  });
}

const HistologySet& polyps() {
  static const HistologySet set{"8210-8211", "8213", "8220-8221", "8261-8263"};
  return set;
}

const HistologySet& adenocarcinomas() {
  static const HistologySet set{
      "8140",      "8000-8005", "8010-8011", "8020-8022", "8046",      "8141-8148", "8154",      "8160-8162", "8190",
      "8200-8201", "8210-8211", "8214-8215", "8220-8221", "8230-8231", "8244-8245", "8250-8255", "8260-8263", "8270-8272",
      "8280-8281", "8290",      "8300",      "8310",      "8312-8320", "8322-8323", "8330-8333", "8335",      "8337",
      "8350",      "8370",      "8380-8384", "8390",      "8400-8403", "8407-8409", "8410",      "8413",      "8420",
      "8440-8442", "8450-8453", "8460-8462", "8470-8473", "8480-8482", "8490",      "8500-8504", "8507-8508", "8510",
      "8512-8514", "8520-8525", "8530",      "8540-8543", "8550-8551", "8561-8562", "8570-8576"};
  return set;
}

// ---- Other Sites ----

RuleSet other_sites_rule_set(std::string id, std::string name, std::string_view years, std::vector<std::vector<Rule>> parts) {
  const Scope scope{.histologies_excluded = "9590-9993", .behaviors = "2, 3, 6", .years = years};
  return make_rule_set(std::move(id), std::move(name), scope, std::move(parts));
}

bool both_at(const Pair& p, std::string_view site) { return p.a.site == site && p.b.site == site; }

bool both_in_situ_or_invasive(const Pair& p) { return (is_in_situ(p.a) || is_invasive(p.a)) && (is_in_situ(p.b) || is_invasive(p.b)); }

Rule rule_retinoblastoma(std::string step) {
  return rule_if(std::move(step), kSingle, "Retinoblastoma is always a single primary (unilateral or bilateral).", [](const Pair& p) {
    auto retinoblastoma = [](const Tumor& t) { return t.histology >= 9510 && t.histology <= 9513; };
    return retinoblastoma(p.a) && retinoblastoma(p.b);
  });
}

Rule rule_kaposi_sarcoma(std::string step) {
  return rule_if(std::move(step), kSingle, "Kaposi sarcoma (any site or sites) is always a single primary.",
                 [](const Pair& p) { return p.a.histology == 9140 && p.b.histology == 9140; });
}

Rule rule_polyposis(std::string step, bool (*site)(const Tumor&)) {
  return rule_if(std::move(step), kSingle,
                 "Adenocarcinoma in adenomatous polyposis coli (familial polyposis) with one or more in situ or malignant polyps is a "
                 "single primary.",
                 [site](const Pair& p) {
                   auto fap = [](const Tumor& t) { return t.histology == 8220; };
                   auto polyp = [](const Tumor& t) { return polyps().contains(t); };
                   return site(p.a) && site(p.b) && (is_invasive(p.a) || is_invasive(p.b)) && one_each(p, fap, polyp);
                 });
}

Rule rule_adenocarcinoma_and_polyp(std::string step, std::string reason) {
  return rule_if(std::move(step), kSingle, std::move(reason), [](const Pair& p) {
    auto polyp = [](const Tumor& t) { return polyps().contains(t); };
    auto adenocarcinoma = [](const Tumor& t) { return adenocarcinomas().contains(t); };
    return both_in_situ_or_invasive(p) && !both_in(polyps(), p) && one_each(p, adenocarcinoma, polyp);
  });
}

Rule rule_polyps(std::string step) {
  return rule_if(std::move(step), kSingle, "Multiple in situ and/or malignant polyps are a single primary.",
                 [](const Pair& p) { return both_in_situ_or_invasive(p) && both_in(polyps(), p); });
}

// The rule runs after "sites differ at the second or third character": checking the first tumour's
// site is enough.
Rule rule_sites_differ_at_fourth(std::string step, bool peripheral_nerves) {
  std::string reason =
      "Tumors with ICD-O-3 topography codes that differ only at the fourth character (Cxx?) and are in any one of the following "
      "primary sites are multiple primaries.\n"
      "Anus and anal canal (C21_)\n"
      "Bones, joints, and articular cartilage (C40_- C41_)\n";
  if (peripheral_nerves) reason += "Peripheral nerves and autonomic nervous system (C47_)\n";
  reason += "Connective subcutaneous and other soft tissues (C49_)\nSkin (C44_)";
  Ranges sites(peripheral_nerves ? "C210-C219, C400-C419, C440-C449, C470-C479, C490-C499" : "C210-C219, C400-C419, C440-C449, C490-C499");
  return rule_if(std::move(step), kMultiple, std::move(reason),
                 [sites](const Pair& p) { return sites.contains_site(p.a.site) && site_differs_at(p, {3}); });
}

// ---- Cutaneous melanoma ----

RuleSet melanoma_rule_set(std::string id, std::string name, std::string_view years, std::vector<std::vector<Rule>> parts) {
  const Scope scope{.sites = "C440-C449", .histologies = "8720-8780", .behaviors = "2, 3, 6", .years = years};
  return make_rule_set(std::move(id), std::move(name), scope, std::move(parts));
}

// ---- sites ----

Rule rule_sites_differ_unless(std::string step, std::string reason, std::string_view nos_site) {
  return Rule{std::move(step), std::move(reason), [nos = std::string(nos_site)](const Pair& p) {
                if (p.a.site == nos || p.b.site == nos) return RuleOutcome::unable(kMultiple, "One of the sites is " + nos + ".");
                return p.a.site != p.b.site ? RuleOutcome::decided(kMultiple) : RuleOutcome::none();
              }};
}

namespace {
// Each part is "<this part> AND any other part of CNS": two tumours are in different parts when
// exactly one of them is in one of the parts.
bool different_cns_parts(const Pair& p) {
  static const std::array<Ranges, 7> parts{
      Ranges{"C710-C719"},  // any lobe of the brain
      Ranges{"C721"},       // cauda equina
      Ranges{"C700"},       // cerebral meninges
      Ranges{"C722-C725"},  // cranial nerves
      Ranges{"C709"},       // meninges of cranial (or peripheral) nerves
      Ranges{"C720"},       // spinal cord
      Ranges{"C701"},       // spinal meninges
  };
  return std::any_of(parts.begin(), parts.end(),
                     [&](const Ranges& part) { return part.contains_site(p.a.site) != part.contains_site(p.b.site); });
}

bool both_in_brain(const Pair& p) {
  static const Ranges brain{"C710-C719"};
  return brain.contains_site(p.a.site) && brain.contains_site(p.b.site);
}
}  // namespace

Rule rule_cns_sites(std::string step, bool two_cranial_nerves) {
  std::string reason =
      "Multiple tumors present in the following sites:\n"
      " - Any lobe(s) of the brain C710-C719 AND any other part of CNS\n"
      " - Cauda equina C721 AND any other part of CNS\n"
      " - Cerebral meninges C700 AND spinal meninges C701\n"
      " - Cerebral meninges C700 AND any other part of CNS\n"
      " - Any cranial nerve(s) C722-C725 AND any other part of the CNS\n";
  if (two_cranial_nerves)
    reason += " - Any two or more of the cranial nerves: C722 Olfactory, C723 Optic, C724 Acoustic, C725 Cranial nerves NOS,\n";
  reason +=
      " - Meninges of cranial nerves C709 AND any other part of the CNS\n"
      " - Spinal cord C720 AND any other part of CNS\n"
      " - Spinal meninges C701 AND any other part of CNS\n"
      "are multiple primaries.";
  return rule_if(std::move(step), kMultiple, std::move(reason), [two_cranial_nerves](const Pair& p) {
    static const Ranges cranial_nerves{"C722-C725"};
    const bool two_nerves =
        two_cranial_nerves && cranial_nerves.contains_site(p.a.site) && cranial_nerves.contains_site(p.b.site) && p.a.site != p.b.site;
    return different_cns_parts(p) || two_nerves;
  });
}

Rule rule_same_histology_in_brain(std::string step, std::string reason) {
  return rule_if(std::move(step), kSingle, std::move(reason),
                 [](const Pair& p) { return p.a.histology == p.b.histology && both_in_brain(p); });
}

std::vector<Rule> rules_cns_rows(int first, int table_number, const HistologyTable& (*table_of)(const Tumor&)) {
  const std::string table = "Table " + std::to_string(table_number) + " in the Equivalent Terms and Definitions";
  std::vector<Rule> rules;
  rules.push_back(rule_rows("M" + std::to_string(first),
                            "Separate/non-contiguous tumors on the same row in " + table + " are a single primary.", Rows::same, table_of));
  rules.push_back(rule_rows("M" + std::to_string(first + 1),
                            "Separate/non-contiguous tumors on different rows in " + table + " are multiple primaries.", Rows::different,
                            table_of));
  return rules;
}

}  // namespace chartflow::mph::detail
