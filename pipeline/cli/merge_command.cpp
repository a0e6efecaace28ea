// `chartflow merge --output DIR`: the whole batch's summary and report once its shards (or queue
// workers) have ended.
#include "commands.hpp"

#include "../host/batch_merge.hpp"
#include "../host/errors.hpp"
#include "../host/logging.hpp"
#include "../host/output_store.hpp"
#include "../host/report.hpp"

#include <iostream>

namespace chartflow::cli {

int merge_command(const Args& args) {
  if (!args.has("output")) throw UsageError("merge needs --output DIR (the folder the shards or workers wrote into)");
  std::optional<unsigned> shard_count;
  if (args.has("shard-count")) shard_count = parse_count("shard-count", args.value("shard-count"), 1, 100000);
  if (!std::filesystem::is_directory(args.value("output")))
    throw host::FatalError(args.value("output") + ": no such output folder");
  // The whole folder's lock: refused while any shard or worker still writes into it.
  host::OutputStore store(args.value("output"));
  const host::MergedBatch merged = host::merge_parts(store, shard_count);
  store.write_summary(merged.to_json());
  try {
    host::write_report(store.root(), merged.summary);
  } catch (const std::exception&) {
    host::log::warn("report.write_failed", {});
  }
  const auto& s = merged.summary;
  host::log::info("merge.done", {{"parts", merged.parts.size()}, {"documents", s.documents.size()}, {"problems", merged.problems.size()}});
  std::cout << "chartflow merge: " << merged.parts.size() << " part(s), " << s.documents.size() << " input(s)\n";
  for (const auto& part : merged.parts)
    std::cout << "  " << part["part"].get<std::string>() << ": " << part["inputs"] << " input(s), " << part["written"] << " written, "
              << part["quarantined"] << " quarantined" << (part["complete"].get<bool>() ? "" : ", NOT FINISHED") << "\n";
  std::cout << "  written      " << s.count(host::Outcome::written) << "\n  quarantined  " << s.count(host::Outcome::quarantined)
            << "\n  skipped      " << s.count(host::Outcome::skipped) << "\n  duplicates   " << s.count(host::Outcome::duplicate) << "\n";
  if (const auto pending = s.count(host::Outcome::pending)) std::cout << "  not processed " << pending << "\n";
  for (const auto& name : merged.ignored) std::cout << "  ignored " << name << " (another split of the batch; --shard-count chooses)\n";
  for (const auto& problem : merged.problems) std::cerr << "chartflow merge: " << problem << "\n";
  std::cout << "  summary: " << (store.root() / "summary.json").string() << "\n  report:  " << (store.root() / "report.html").string()
            << "\n";
  return merged.exit_code();
}

}  // namespace chartflow::cli
