#include "commands.hpp"

#include "../export/naaccr_export.hpp"

#include <iostream>

namespace chartflow::cli {

int export_command(const Args& args) {
  if (args.words.size() > 1) throw UsageError("export takes one format word, got '" + args.words[1] + "' too");
  const std::string format = args.words.empty() ? std::string() : args.words.front();
  if (format != "naaccr") throw UsageError(format.empty() ? "export needs a format: `chartflow export naaccr ...`" : "unknown export format '" + format + "' (known: naaccr)");
  if (!args.has("records") || !args.has("output")) throw UsageError("export naaccr needs --records DIR and --output FILE.xml");
  exporting::NaaccrExportOptions options;
  options.records = args.value("records");
  options.xml = args.value("output");
  options.case_list = args.value("case-list");
  options.record_type = args.value("record-type", "A");
  options.registry_id = args.value("registry-id");
  options.include_review = args.has("include-review");
  const auto s = exporting::export_naaccr(options);
  std::cout << "NAACCR XML v26: " << options.xml.string() << "\n"
            << "  records      " << s.records << (s.unreadable ? " (" + std::to_string(s.unreadable) + " unreadable, skipped)" : "") << "\n"
            << "  patients     " << s.patients << "\n"
            << "  tumours      " << s.tumors << " (" << s.merged << " reports merged into a tumour another report described)\n"
            << "  not reportable " << s.not_reportable << ", needing review " << s.review
            << (options.include_review ? " (exported)" : " (not exported; --include-review exports them)") << "\n";
  if (s.items_left_out) std::cout << "  items left out " << s.items_left_out << " (not valid for the v26 dictionary or record type " << options.record_type << ")\n";
  if (!options.case_list.empty()) std::cout << "case list: " << options.case_list.string() << "\n";
  return 0;
}

}  // namespace chartflow::cli
