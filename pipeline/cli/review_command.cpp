// `chartflow review`: the coder's workstation over a run's output folder, its decision export,
// and the password hashes its users file holds.
#include "commands.hpp"

#include "../host/errors.hpp"
#include "../host/logging.hpp"
#include "../host/manifest.hpp"
#include "../review/code_lookup.hpp"
#include "../review/drg_regroup.hpp"
#include "../review/review_export.hpp"
#include "../review/review_server.hpp"

#include <csignal>
#include <fstream>
#include <iostream>

#include <termios.h>
#include <unistd.h>

namespace chartflow::cli {
namespace fs = std::filesystem;
namespace {

std::string read_password() {
  termios old{};
  const bool tty = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &old) == 0;
  if (tty) {
    std::cerr << "password: " << std::flush;
    termios quiet = old;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  std::string password;
  std::getline(std::cin, password);
  if (tty) tcsetattr(STDIN_FILENO, TCSANOW, &old), std::cerr << "\n";
  return password;
}

std::unique_ptr<review::CodeLookup> load_code_sets(const Args& args) {
  std::vector<fs::path> path(args.values("plugin-path").begin(), args.values("plugin-path").end());
  for (auto& p : host::default_plugin_path()) path.push_back(std::move(p));
  const fs::path catalog = args.has("codesets") ? fs::path(args.value("codesets")) : review::find_code_set_catalog(path);
  if (catalog.empty()) {
    std::cerr << "chartflow review: the clinical-coding plugin's code sets were not found; code search and edits are off\n";
    return nullptr;
  }
  try {
    return std::make_unique<review::CodeLookup>(catalog);
  } catch (const std::exception& e) {
    throw host::FatalError(std::string("code sets: ") + e.what());
  }
}

// The MS-DRG tables installed beside the program (share/chartflow/drg), for the DRG of the
// reviewed codes; without them the workstation only says when the codes changed.
std::unique_ptr<review::DrgRegrouper> load_regrouper() {
  try {
    return std::make_unique<review::DrgRegrouper>(host::installed_data_folder("drg"));
  } catch (const std::exception&) {
    std::cerr << "chartflow review: the MS-DRG tables were not found (share/chartflow/drg); the DRG of reviewed codes is off\n";
    return nullptr;
  }
}

std::vector<review::QueryTemplate> query_templates(const Args& args) {
  if (!args.has("query-templates")) return review::builtin_query_templates();
  const std::string file = args.value("query-templates");
  std::ifstream in(file);
  const auto j = nlohmann::json::parse(in, nullptr, false);
  if (!in.good() && !in.eof()) throw host::FatalError(file + ": cannot read the query templates");
  if (j.is_discarded()) throw host::FatalError(file + ": not JSON");
  try {
    return review::parse_query_templates(j, file);
  } catch (const std::exception& e) {
    throw host::FatalError(e.what());
  }
}

review::ServerOptions server_options(const Args& args) {
  review::ServerOptions o;
  o.bind = args.value("bind", "127.0.0.1");
  o.port = static_cast<int>(parse_count("--port", args.value("port", "8470"), 0, 65535));
  if (args.has("users")) {
    try {
      o.users = review::load_users(args.value("users"));
    } catch (const std::exception& e) {
      throw host::FatalError(e.what());
    }
  }
  o.tls_cert = args.value("tls-cert");
  o.tls_key = args.value("tls-key");
  o.insecure_http = args.has("insecure-http");
  o.records = args.value("records");
  try {
    review::check_server_options(o);
  } catch (const std::invalid_argument& e) {
    throw UsageError(e.what());
  }
  return o;
}

int export_decisions(review::ReviewService& service, const std::string& out) {
  const bool json = out.ends_with(".json");
  if (!json && !out.ends_with(".csv")) throw UsageError("--export FILE must end in .csv or .json");
  const auto reply = service.export_decisions(json ? "json" : "csv", {"command line", review::Role::reader});
  std::ofstream file(out, std::ios::binary | std::ios::trunc);
  if (!(file << reply.body) || !file.flush()) throw host::FatalError(out + ": cannot write the export");
  const auto agreement = nlohmann::json::parse(service.agreement().body);
  std::cout << "chartflow review: wrote the decisions to " << out << "; proposals decided: "
            << agreement.value("accepted", 0) + agreement.value("edited", 0) + agreement.value("rejected", 0)
            << ", accepted " << agreement.value("accepted", 0) << " (precision " << agreement.value("precision", 0.0) << ")\n";
  const fs::path agreement_file = fs::path(out).replace_extension(".agreement.json");
  std::ofstream(agreement_file) << agreement.dump(1) << "\n";
  return 0;
}

}  // namespace

int review_command(const Args& args) {
  if (args.has("hash-password")) {
    const std::string password = read_password();
    if (password.size() < 8) throw UsageError("a password needs at least 8 characters");
    std::cout << review::hash_password(password) << "\n";
    return 0;
  }
  if (!args.has("records")) throw UsageError("review needs --records DIR (the output folder of `chartflow run`)");
  std::unique_ptr<review::RecordFolder> records;
  try {
    records = std::make_unique<review::RecordFolder>(args.value("records"));
  } catch (const std::exception& e) {
    throw host::FatalError(e.what());
  }
  const auto options = args.has("export") ? review::ServerOptions{} : server_options(args);
  review::DecisionStore store(records->output_folder() / "review.sqlite");
  const auto codes = load_code_sets(args);
  std::vector<fs::path> originals(args.values("originals").begin(), args.values("originals").end());
  review::PageImages pages(records->output_folder(), review::default_page_image_tool(), originals);
  review::ReviewService service(*records, store, codes.get(), pages, query_templates(args));
  if (args.has("export")) return export_decisions(service, args.value("export"));
  const auto regrouper = load_regrouper();
  service.set_regrouper(regrouper.get());

  // SIGINT and SIGTERM are taken here, not by the server's threads (they inherit the mask).
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop, nullptr);
  review::ReviewServer server(service, store, options);
  try {
    server.start();
  } catch (const std::exception& e) {
    throw host::FatalError("cannot listen on " + options.bind + ":" + std::to_string(options.port) + " (" + e.what() +
                           "); choose another --port");
  }
  if (args.has("port-file")) {
    const std::string file = args.value("port-file"), tmp = file + ".tmp";
    std::ofstream(tmp) << server.port() << "\n";
    fs::rename(tmp, file);
  }
  std::cout << "chartflow review: the workstation is at " << server.url() << " (Ctrl-C stops it)" << std::endl;
  int signal = 0;
  sigwait(&stop, &signal);
  server.stop();
  std::cout << "chartflow review: stopped" << std::endl;
  return 0;
}

}  // namespace chartflow::cli
