// chartflow: scanned and typed medical charts in, coded and registry-ready records out.
#include "args.hpp"
#include "commands.hpp"

#include "../host/errors.hpp"
#include "../host/runner.hpp"

#include <iostream>

namespace {

constexpr const char* kHelp = R"(chartflow - turns medical charts into coded, registry-ready records

Usage:
  chartflow run --config FILE --input PATH... --output DIR [--jobs N] [--force] [--pretty]
                [--isolation process|none] [--retry-quarantined] [--shard-index I --shard-count N]
  chartflow merge --output DIR [--shard-count N]
  chartflow enqueue --broker amqp://HOST[:PORT][/VHOST] --queue Q --input PATH... [--delivery-limit N]
  chartflow worker --broker URL --queue Q --config FILE --output DIR [--jobs N] [--prefetch K]
                   [--results-queue R] [--heartbeat FILE] [--name NAME] [--delivery-limit N]
  chartflow plugins [--name NAME] [--config FILE] [--plugin-path DIR...] [--json]
  chartflow validate --config FILE
  chartflow validate --record PATH...
  chartflow export <sink> --records DIR [--config FILE.json] [--<option> VALUE ...] [--all] [--reviewed] [--plugin-path DIR...]
  chartflow review --records DIR [--port N] [--bind ADDR] [--users FILE] [--tls-cert FILE --tls-key FILE]
                   [--insecure-http] [--originals DIR...] [--port-file FILE] [--query-templates FILE]
  chartflow review --records DIR --export FILE.csv|FILE.json
  chartflow review --hash-password
  chartflow registry import --store REG.sqlite (--naaccr FILE.xml... | --records DIR...)
  chartflow registry followup --store REG.sqlite --csv FILE.csv
  chartflow registry followup-due --store REG.sqlite [--as-of YYYY-MM-DD]
  chartflow registry export --store REG.sqlite --output FILE.xml
  chartflow registry candidates --records DIR --criteria FILE.json [--output FILE.csv]
  chartflow registry stats (--cohort FILE.csv | --store REG.sqlite) [--life-table FILE.csv]
                           [--population FILE.csv] --output DIR [--by site|stage|treatment] [--years 1,3,5]
  chartflow registry primaries --pairs FILE.csv [--heme-tables DIR] [--output FILE.csv]
  chartflow drg group --claims FILE [--data DIR] [--output FILE.csv] [--table5 FILE [--base-rate DOLLARS]]
  chartflow hcc score --beneficiaries FILE.csv [--data DIR] [--output FILE.csv]
  chartflow hcc patient-year --records DIR --year YYYY [--segment S | --beneficiaries FILE.csv]
                             [--data DIR] [--format csv|json] [--output FILE]
  chartflow --version | --help

Commands:
  run        Runs the pipeline in FILE over each input file (folders are walked recursively).
             Writes DIR/records/<id>.json per document, DIR/quarantine/<id>.json for documents
             that could not be processed (with stage and reason), and DIR/summary.json.
             Documents already done by the same pipeline are skipped, so a re-run finishes
             what is missing; --force redoes them.
             --shard-index I --shard-count N (or, from the environment, a Kubernetes Indexed
             Job's JOB_COMPLETION_INDEX with CHARTFLOW_SHARD_COUNT, or a Slurm array's
             SLURM_ARRAY_TASK_ID/_MIN/_COUNT): one of N machines sharing one batch and one
             output folder; this one takes the inputs whose content hash falls in shard I
             and keeps its summary in DIR/parts/shard-I-of-N/ (docs/scale-out.md).
  merge      After every shard (or queue worker) has ended: DIR/summary.json and report.html
             for the whole batch; names any shard missing or unfinished (exit 1).
  enqueue    Queue mode (RabbitMQ, docs/scale-out.md): one message per input file (its absolute
             path on shared storage and content hash, never its text), confirmed by the broker,
             into the quorum queue Q (declared when missing, with a delivery limit and a
             dead-letter queue Q.quarantine).
  worker     Consumes Q until SIGTERM: runs each document in a supervised worker process, writes
             it into DIR (shared by every worker; its own summary in DIR/parts/worker-NAME/),
             then acks. Killed workers lose nothing (the broker redelivers; finished documents
             are not redone); a document that kills workers repeatedly is dead-lettered and
             quarantined. The broker login comes from CHARTFLOW_BROKER_USER and
             CHARTFLOW_BROKER_PASSWORD (or CHARTFLOW_BROKER_CREDENTIALS_FILE), never the
             command line; amqps:// verifies the broker (CHARTFLOW_BROKER_CA_FILE).
  plugins    Lists the plugins found (their manifests only; no plugin code is loaded).
  validate   Checks a pipeline config (plugins, their configs, field dependencies) without
             running it, or checks records against the record schema.
  export     Offers a finished run's records to a sink plugin, as a run with that sink would;
             the sink's options come from --config FILE.json and the command line.
             `chartflow export --help` lists the installed sinks and their options, e.g.
             chartflow export naaccr --records reg/ --output reg/naaccr.xml --case-list reg/cases.csv
             (the NAACCR XML v26 file of the run's reportable tumours, and a CSV case list).
             --reviewed offers only documents a coder approved in the workstation, with the
             coder's final codes.
  review     The coder's workstation (docs/review.md): a web application on 127.0.0.1:8470 (or
             --port) to review each chart's codes against the page they came from, accept,
             reject, edit or add codes, approve or return documents and write physician queries.
             Decisions are kept in DIR/review.sqlite (append-only, audited). Other machines may
             connect only with --bind ADDR, --users FILE (hashes from --hash-password, read from
             stdin) and --tls-cert/--tls-key (or --insecure-http behind a TLS proxy).
             --export FILE writes every decision (CSV or JSON) and FILE.agreement.json, the
             precision of chartflow's proposals per code and per rule.
  registry   The registry store (docs/registry-followup.md): import NAACCR XML exports, record
             follow-up (death-index or last-contact matches), list patients due for annual
             follow-up, export NAACCR XML with the follow-up items. candidates: the tumours of a
             run that meet clinical-trial criteria kept as data, each with its evidence.
             stats: observed survival (Kaplan-Meier, Greenwood), net survival against a life
             table (Ederer II, Pohar-Perme), age-adjusted incidence per 100,000 (2000 US standard,
             Fay-Feuer and Tiwari intervals) of a registry cohort; CSV and an HTML report
             (docs/registry-stats.md). primaries: SEER's multiple primary rules (Solid Tumor
             2018+, MP/H 2007, hematopoietic) on pairs of tumours, with the rule that decided and
             agreement with expected results when the file has them (docs/registry-mph.md).
  drg        group: the Medicare Code Editor 43.1 and the MS-DRG v43 grouper (FY2026) on a CSV or
             TSV file of claims (.gz allowed), one CSV row per claim: MCE edits, initial and final
             DRG, MDC, severity, title, and the codes that drove the DRG; with your CMS Table 5
             (--table5, not shipped) the relative weight, and with --base-rate an estimated base
             DRG payment with the transfer adjustment (docs/drg.md).
  hcc        score: CMS-HCC V28 (PY2026) risk scores of a CSV of beneficiaries (id, age, sex,
             segment CNA..SNPNE, orec, medicaid, codes): payment HCCs after edits and
             hierarchies, what was dropped and why, interactions, count variable, raw score.
             patient-year: each patient's HCCs and score for a year of dates of service, from a
             run's records (grouped by MRN; a chart without one is its own patient), hierarchies
             across charts, every HCC with its evidence (record id/code id); segment from
             --segment (default community_non_dual: CNA at 65+, CND under 65) or per MRN from
             --beneficiaries (mrn, segment, orec, medicaid) (docs/hcc.md).

Options:
  --jobs N          Workers (default: the config's "jobs", else one per core).
  --isolation M     process (default): each worker is a supervised process, so a plugin that
                    crashes, hangs or exhausts memory costs one document (retried once, then
                    quarantined), never the batch; none: threads in one process (fastest).
  --retry-quarantined  Retry documents an earlier run quarantined for a crash, timeout or memory.
  --progress P      line (the default on a terminal): a live line of documents done, rate, ETA and
                    quarantined; json: one JSON event a second on stderr; none.
  SIGINT/SIGTERM stop intake, let running documents finish for up to 5 s and write the summary
  (exit 4); a second signal ends the run at once.
  --log-level L     trace, debug, info, warn (default), error or off.
  --log-format F    text (default) or json (one JSON object per line).
  --log-file FILE   Also write logs to FILE.
  Logs carry ids, counts and timings only: never document text or patient identifiers.

Exit status: 0 success; 1 the run could not start (bad config, missing input, ...);
2 bad command line; 3 the run finished but some documents were quarantined or not delivered;
4 the run was stopped (SIGINT, SIGTERM) before every input was processed.
Environment: CHARTFLOW_PLUGIN_PATH, folders (':'-separated) searched for plugins first.
)";

const std::map<std::string, std::map<std::string, bool>> kSpec = {
    {"", {{"help", false}, {"version", false}}},
    {"help", {}},
    {"run",
     {{"config", true}, {"input", true}, {"output", true}, {"jobs", true}, {"force", false}, {"pretty", false},
      {"log-level", true}, {"log-format", true}, {"log-file", true}, {"no-final-check", false},
      {"isolation", true}, {"retry-quarantined", false}, {"progress", true}, {"shard-index", true}, {"shard-count", true}}},
    {"enqueue", {{"broker", true}, {"queue", true}, {"input", true}, {"delivery-limit", true}, {"log-level", true}, {"log-format", true}, {"log-file", true}}},
    {"worker",
     {{"broker", true}, {"queue", true}, {"config", true}, {"output", true}, {"jobs", true}, {"prefetch", true}, {"results-queue", true},
      {"heartbeat", true}, {"name", true}, {"delivery-limit", true}, {"isolation", true}, {"log-level", true}, {"log-format", true},
      {"log-file", true}}},
    {"merge", {{"output", true}, {"shard-count", true}, {"log-level", true}, {"log-format", true}, {"log-file", true}}},
    {"plugins", {{"name", true}, {"config", true}, {"plugin-path", true}, {"json", false}, {"log-level", true}, {"log-format", true}}},
    {"validate", {{"config", true}, {"record", true}, {"log-level", true}, {"log-format", true}}},
    // Any other option of export is the sink's, checked against its config schema.
    {"export",
     {{"", true}, {"*", true}, {"records", true}, {"config", true}, {"plugin-path", true}, {"log-level", true}, {"log-format", true},
      {"log-file", true}, {"all", false}, {"reviewed", false}}},
    {"registry",
     {{"", true}, {"cohort", true}, {"life-table", true}, {"population", true}, {"output", true}, {"by", true}, {"years", true},
      {"store", true}, {"naaccr", true}, {"records", true}, {"csv", true}, {"as-of", true}, {"criteria", true},
      {"pairs", true}, {"heme-tables", true}, {"log-level", true}, {"log-format", true}}},
    {"drg", {{"", true}, {"claims", true}, {"data", true}, {"output", true}, {"table5", true}, {"base-rate", true}, {"log-level", true}, {"log-format", true}}},
    {"hcc",
     {{"", true}, {"beneficiaries", true}, {"data", true}, {"output", true}, {"records", true}, {"year", true}, {"segment", true},
      {"format", true}, {"log-level", true}, {"log-format", true}}},
    {"review",
     {{"records", true}, {"port", true}, {"bind", true}, {"users", true}, {"tls-cert", true}, {"tls-key", true},
      {"insecure-http", false}, {"originals", true}, {"port-file", true}, {"query-templates", true}, {"codesets", true},
      {"plugin-path", true}, {"export", true}, {"hash-password", false}, {"log-level", true}, {"log-format", true}, {"log-file", true}}},
};

}  // namespace

int main(int argc, char** argv) {
  using namespace chartflow;
  try {
    const cli::Args args = cli::parse_args(argc, argv, kSpec);
    if (args.command.empty() && args.has("version")) {
      std::cout << "chartflow " << host::host_version() << "\n";
      return 0;
    }
    if (args.command == "export" && args.has("help")) return cli::export_help(args);
    if (args.command.empty() || args.command == "help" || args.has("help")) {
      std::cout << kHelp;
      return args.command.empty() && !args.has("help") ? 2 : 0;
    }
    cli::configure_logging(args);
    if (args.command == "run") return cli::run_command(args);
    if (args.command == "plugins") return cli::plugins_command(args);
    if (args.command == "validate") return cli::validate_command(args);
    if (args.command == "export") return cli::export_command(args);
    if (args.command == "review") return cli::review_command(args);
    if (args.command == "registry") return cli::registry_command(args);
    if (args.command == "drg") return cli::drg_command(args);
    if (args.command == "hcc") return cli::hcc_command(args);
    if (args.command == "merge") return cli::merge_command(args);
    if (args.command == "enqueue") return cli::enqueue_command(args);
    if (args.command == "worker") return cli::worker_command(args);
  } catch (const cli::UsageError& e) {
    std::cerr << "chartflow: " << e.what() << "\n";
    return 2;
  } catch (const host::FatalError& e) {
    std::cerr << "chartflow: error: " << e.what() << "\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "chartflow: internal error: " << e.what() << "\n";
    return 1;
  }
  return 2;
}
