#include "batch_merge.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <stdexcept>

namespace chartflow::host {
namespace fs = std::filesystem;
namespace {

Outcome outcome_named(const std::string& name) {
  for (Outcome o : {Outcome::written, Outcome::skipped, Outcome::quarantined, Outcome::duplicate, Outcome::pending})
    if (name == outcome_name(o)) return o;
  throw std::runtime_error("unknown document outcome '" + name + "'");
}

DeliveryStatus delivery_status_named(const std::string& name) {
  for (DeliveryStatus s : {DeliveryStatus::delivered, DeliveryStatus::retry, DeliveryStatus::failed})
    if (name == delivery_status_name(s)) return s;
  throw std::runtime_error("unknown delivery status '" + name + "'");
}

}  // namespace

DocumentOutcome read_document(const nlohmann::json& j) {
  DocumentOutcome d;
  d.input = j.at("input").get<std::string>();
  d.id = j.at("id").get<std::string>();
  d.outcome = outcome_named(j.at("outcome").get<std::string>());
  d.milliseconds = j.value("ms", 0.0);
  d.stage = j.value("stage", ""), d.status = j.value("status", ""), d.reason = j.value("reason", "");
  d.duplicate_of = j.value("duplicate_of", "");
  d.superseded = j.value("superseded", "");
  d.attempts = j.value("attempts", 0u);
  if (const auto it = j.find("deliveries"); it != j.end() && it->is_object())
    for (const auto& [sink, result] : it->items())
      d.deliveries.emplace_back(sink, DeliveryResult{delivery_status_named(result.at("status").get<std::string>()), result.value("message", "")});
  if (const auto it = j.find("stats"); it != j.end()) d.stats = DocumentStats::from_json(*it);
  return d;
}

std::vector<DocumentOutcome> read_document_lines(const fs::path& file) {
  std::vector<DocumentOutcome> out;
  std::ifstream in(file, std::ios::binary);
  std::string line;
  while (std::getline(in, line)) {
    try {
      out.push_back(read_document(nlohmann::json::parse(line)));
    } catch (const std::exception&) {
      // A line cut by a kill mid-write: its document is redelivered and written again.
    }
  }
  return out;
}

namespace {

bool sinks_all_delivered(const nlohmann::json& sinks) {
  for (const auto& [name, totals] : sinks.items())
    if (totals.value("retry", 0) || totals.value("failed", 0) || totals.contains("begin_error") || totals.contains("end_error")) return false;
  return true;
}

void add_sink_totals(nlohmann::json& into, const nlohmann::json& part) {
  for (const auto& [sink, totals] : part.items()) {
    if (!into.contains(sink)) into[sink] = nlohmann::json::object();
    for (const auto& [key, value] : totals.items()) {
      if (value.is_number_unsigned()) into[sink][key] = into[sink].value(key, std::size_t{0}) + value.get<std::size_t>();
      else if (!into[sink].contains(key)) into[sink][key] = value;
    }
  }
}

struct PartSummary {
  std::string name;
  std::optional<Shard> shard;  // from the folder's name
  fs::file_time_type written;
  std::optional<RunSummary> summary;
  std::string error;  // why it has no summary
};

std::optional<Shard> shard_named(const std::string& name) {
  static const std::regex pattern(R"(shard-(\d{1,6})-of-(\d{1,6}))");
  std::smatch m;
  if (!std::regex_match(name, m, pattern)) return std::nullopt;
  return Shard{static_cast<unsigned>(std::stoul(m[1])), static_cast<unsigned>(std::stoul(m[2]))};
}

PartSummary read_part(const fs::path& folder) {
  PartSummary part;
  part.name = folder.filename().string();
  part.shard = shard_named(part.name);
  const fs::path file = folder / "summary.json", lines = folder / "documents.jsonl";
  std::error_code ec;
  part.written = fs::last_write_time(file, ec);
  std::ifstream in(file, std::ios::binary);
  if (!in && fs::exists(lines, ec)) {
    // A queue worker killed before its first summary: its documents are all in the lines.
    part.summary = RunSummary{};
    part.summary->part = part.name;
    part.summary->documents = read_document_lines(lines);
    return part;
  }
  if (!in && part.name.starts_with("worker-")) {
    part.summary = RunSummary{};  // a queue worker that never settled a document
    part.summary->part = part.name;
    part.summary->complete = true;
    return part;
  }
  if (!in) {
    part.error = "has no summary.json (it never ran this far, or was killed before its first checkpoint)";
    return part;
  }
  std::ostringstream text;
  text << in.rdbuf();
  try {
    part.summary = read_run_summary(nlohmann::json::parse(text.str()));
    if (fs::exists(lines, ec)) part.summary->documents = read_document_lines(lines);  // newer than any summary
  } catch (const std::exception& e) {
    part.error = "has an unreadable summary.json (" + std::string(e.what()) + ")";
  }
  return part;
}

std::vector<PartSummary> read_parts(const fs::path& root) {
  std::vector<PartSummary> parts;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(root / "parts", ec))
    if (entry.is_directory(ec)) parts.push_back(read_part(entry.path()));
  std::sort(parts.begin(), parts.end(), [](const PartSummary& a, const PartSummary& b) { return a.name < b.name; });
  return parts;
}

// The split to merge: the one asked for, else that of the newest shard summary.
std::optional<unsigned> chosen_split(const std::vector<PartSummary>& parts, std::optional<unsigned> asked) {
  if (asked) return asked;
  const PartSummary* newest = nullptr;
  for (const auto& p : parts)
    if (p.shard && p.summary && (!newest || p.written > newest->written)) newest = &p;
  if (newest) return newest->shard->count;
  for (const auto& p : parts)
    if (p.shard) return p.shard->count;
  return std::nullopt;
}

// How much an outcome says: a document redelivered after its record was written is "skipped" the
// second time, but the batch wrote it.
int weight(Outcome o) {
  switch (o) {
    case Outcome::written: return 4;
    case Outcome::quarantined: return 3;
    case Outcome::duplicate: return 2;
    case Outcome::skipped: return 1;
    case Outcome::pending: return 0;
  }
  return 0;
}

// A document once: a queue message delivered twice leaves the same input in two parts' summaries.
void add_documents(RunSummary& into, std::map<std::pair<std::string, std::string>, std::size_t>& seen, const RunSummary& part) {
  for (const auto& d : part.documents) {
    const auto [it, fresh] = seen.emplace(std::pair(d.input, d.id), into.documents.size());
    if (fresh) into.documents.push_back(d);
    else if (weight(d.outcome) > weight(into.documents[it->second].outcome)) into.documents[it->second] = d;
  }
}

}  // namespace

RunSummary read_run_summary(const nlohmann::json& j) {
  if (!j.is_object() || j.value("schema", "") != "chartflow-run-summary/1")
    throw std::runtime_error("not a chartflow run summary (schema chartflow-run-summary/1)");
  RunSummary s;
  const auto& pipeline = j.at("pipeline");
  s.pipeline_name = pipeline.value("name", "");
  s.fingerprint = pipeline.value("fingerprint", "");
  s.part = j.value("part", "");
  if (const auto it = j.find("shard"); it != j.end())
    s.shard = Shard{it->at("index").get<unsigned>(), it->at("count").get<unsigned>()}, s.inputs_elsewhere = it->value("inputs_elsewhere", 0u);
  s.complete = j.value("complete", false);
  s.interrupted = j.value("interrupted", false);
  s.output_full = j.value("output_full", false);
  s.superseded_removed = j.value("superseded_removed", std::size_t{0});
  s.hidden_skipped = j.value("hidden_files_ignored", std::size_t{0});
  s.seconds = j.value("seconds", 0.0);
  for (const auto& n : j.value("not_read", nlohmann::json::array())) s.not_read.push_back({n.value("input", ""), n.value("reason", "")});
  s.sinks = j.value("sinks", nlohmann::json::object());
  s.all_delivered = sinks_all_delivered(s.sinks);
  for (const auto& d : j.at("documents")) s.documents.push_back(read_document(d));
  return s;
}

MergedBatch merge_parts(const OutputStore& store, std::optional<unsigned> shard_count) {
  MergedBatch merged;
  const auto parts = read_parts(store.root());
  if (parts.empty()) {
    merged.problems.push_back(store.root().string() + " has no parts (parts/*/summary.json): run the shards (chartflow run --shard-index I --shard-count N) or workers into it first");
    return merged;
  }
  const auto split = chosen_split(parts, shard_count);
  std::set<unsigned> shards_seen;
  std::map<std::pair<std::string, std::string>, std::size_t> seen;
  auto& all = merged.summary;
  all.complete = true;
  all.sinks = nlohmann::json::object();
  for (const auto& part : parts) {
    if (part.shard && part.shard->count != *split) {
      merged.ignored.push_back(part.name);
      continue;
    }
    if (part.shard) shards_seen.insert(part.shard->index);
    if (!part.summary) {
      merged.problems.push_back("part " + part.name + " " + part.error);
      continue;
    }
    const RunSummary& s = *part.summary;
    if (all.fingerprint.empty()) all.pipeline_name = s.pipeline_name, all.fingerprint = s.fingerprint;
    else if (s.fingerprint != all.fingerprint)
      merged.problems.push_back("part " + part.name + " ran another pipeline (fingerprint " + s.fingerprint.substr(0, 16) + ", not " +
                                all.fingerprint.substr(0, 16) + "): run it again with the same config and plugins");
    if (part.shard && !s.complete)
      merged.problems.push_back("shard " + std::to_string(part.shard->index) + " of " + std::to_string(*split) + " did not finish" +
                                (s.interrupted ? " (it was stopped)" : "") + ": run it again with --shard-index " +
                                std::to_string(part.shard->index) + " --shard-count " + std::to_string(*split));
    add_documents(all, seen, s);
    all.hidden_skipped += s.hidden_skipped;
    all.not_read.insert(all.not_read.end(), s.not_read.begin(), s.not_read.end());
    all.seconds = std::max(all.seconds, s.seconds);  // parts run side by side
    all.interrupted = all.interrupted || s.interrupted;
    all.output_full = all.output_full || s.output_full;
    all.all_delivered = all.all_delivered && s.all_delivered;
    add_sink_totals(all.sinks, s.sinks);
    merged.parts.push_back({{"part", part.name}, {"complete", s.complete}, {"inputs", s.documents.size()},
                            {"written", s.count(Outcome::written)}, {"quarantined", s.count(Outcome::quarantined)},
                            {"seconds", s.seconds}});
  }
  if (split)
    for (unsigned i = 0; i < *split; ++i)
      if (!shards_seen.contains(i))
        merged.problems.push_back("shard " + std::to_string(i) + " of " + std::to_string(*split) +
                                  " never ran into this folder: run it with --shard-index " + std::to_string(i) + " --shard-count " +
                                  std::to_string(*split));
  all.complete = merged.problems.empty() && all.count(Outcome::pending) == 0;
  return merged;
}

nlohmann::json MergedBatch::to_json() const {
  nlohmann::json j = summary.to_json();
  j["merged_from"] = parts;
  if (!problems.empty()) j["problems"] = problems;
  if (!ignored.empty()) j["ignored_parts"] = ignored;
  return j;
}

}  // namespace chartflow::host
