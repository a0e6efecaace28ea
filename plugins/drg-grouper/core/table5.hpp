// CMS's IPPS Table 5 ("List of MS-DRGs, Relative Weighting Factors, and Geometric and Arithmetic
// Mean Length of Stay"), read from the file a user saves from CMS's spreadsheet: CSV or
// tab-separated text, a header row naming the columns, one row per MS-DRG. chartflow does not ship
// it (docs/drg.md); users bring their own, so every way the file can be wrong is an error naming
// the file and line and saying what to do.
#pragma once

#include <cstddef>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace chartflow::drg {

struct Table5Row {
  int drg = 0;               // 0: the table has no row for this number
  bool post_acute = false;   // subject to the post-acute care transfer policy (42 CFR 412.4(c), (d))
  bool special_pay = false;  // paid by the special method when transferred to post-acute care (42 CFR 412.4(f))
  double weight = 0;         // relative weight
  double gmlos = 0;          // geometric mean length of stay, days
  double amlos = 0;          // arithmetic mean length of stay, days
  std::size_t line = 0;      // where the file gives the row
};

// A Table 5 file that cannot be used; what() is one line, "<file>[:<line>]: what is wrong ...".
class Table5Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Table5 {
 public:
  // Reads and checks the file. Throws Table5Error.
  static Table5 read(const std::filesystem::path& file);

  const Table5Row* find(int drg) const;  // nullptr when the file has no row for `drg`
  std::size_t size() const { return count_; }
  const std::string& name() const { return name_; }

  // The DRGs of `drgs` the file has no row for; the error DRGs 998 and 999 (which pay nothing)
  // are never missing.
  std::vector<int> missing(const std::vector<int>& drgs) const;
  // Throws Table5Error "<file>: missing 47 MS-DRGs ...: 001, 002, ..." when missing() is not empty.
  void require(const std::vector<int>& drgs) const;

 private:
  std::string name_;
  std::vector<Table5Row> rows_ = std::vector<Table5Row>(1000);  // by DRG number
  std::size_t count_ = 0;
};

// MS-DRGs 998 (principal diagnosis invalid as discharge diagnosis) and 999 (ungroupable): no
// weight, no payment.
bool is_error_drg(int drg);

}  // namespace chartflow::drg
