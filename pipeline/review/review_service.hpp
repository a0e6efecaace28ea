// What the workstation does, free of HTTP: the worklist, a chart with its review, page images,
// decisions (checked before they are stored), code search, physician queries, the export and the
// proposal-agreement report. The HTTP layer (review_server) adds sessions, CSRF and limits.
#pragma once

#include "access.hpp"
#include "code_lookup.hpp"
#include "decision_store.hpp"
#include "page_images.hpp"
#include "physician_queries.hpp"
#include "record_folder.hpp"
#include "review_state.hpp"

#include <map>
#include <mutex>
#include <string>

namespace chartflow::review {

class DrgRegrouper;

struct Reply {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::string download_name;  // set: sent as an attachment with this name
};
Reply json_reply(int status, const nlohmann::json& body);
Reply error_reply(int status, const std::string& message);

struct Actor {
  std::string user;
  Role role = Role::coder;
};

class ReviewService {
 public:
  ReviewService(RecordFolder& records, DecisionStore& store, const CodeLookup* codes, PageImages& pages,
                std::vector<QueryTemplate> templates);

  Reply worklist();
  Reply chart(const std::string& id, const Actor& actor);
  Reply page(const std::string& id, const std::string& number, const Actor& actor);
  Reply decide(const std::string& id, const nlohmann::json& body, const Actor& actor);
  Reply search_codes(const std::string& query, const std::string& system, const std::string& limit) const;
  Reply check_code(const std::string& system, const std::string& code, const std::string& doc_id);
  Reply query_suggestions(const std::string& id);
  Reply create_query(const std::string& id, const nlohmann::json& body, const Actor& actor);
  Reply update_query(const std::string& id, const std::string& query_id, const nlohmann::json& body, const Actor& actor);
  Reply query_file(const std::string& id, const std::string& query_id, const std::string& format);
  Reply export_decisions(const std::string& format, const Actor& actor);
  Reply agreement();

  // With the MS-DRG tables, a chart whose codes the coder changed also shows the DRG of the
  // reviewed codes (null: it only says they changed). Set before serving.
  void set_regrouper(const DrgRegrouper* regrouper) { regrouper_ = regrouper; }

  // The review of a record as it stands (its decisions replayed).
  ReviewState state_of(const LoadedRecord& record) const;
  CodeFinder code_finder() const;

 private:
  nlohmann::json review_for_client(const ReviewState& state, const nlohmann::json& record) const;
  Reply store_and_reply(Decision decision, const LoadedRecord& record);
  Reply check_decision(const nlohmann::json& body, const ReviewState& state, const LoadedRecord& record, Decision& d) const;
  Reply check_code_decision(const nlohmann::json& body, const ReviewState& state, Decision& d) const;
  Reply check_add(const nlohmann::json& body, const ReviewState& state, const LoadedRecord& record, Decision& d) const;
  Reply check_abstract(const nlohmann::json& body, const ReviewState& state, Decision& d) const;
  Reply check_status(const nlohmann::json& body, const ReviewState& state, Decision& d) const;

  RecordFolder& records_;
  DecisionStore& store_;
  const CodeLookup* codes_;  // null when the code sets are not installed (search and checks say so)
  PageImages& pages_;
  std::vector<QueryTemplate> templates_;
  const DrgRegrouper* regrouper_ = nullptr;
  std::mutex decide_mutex_;  // one decision at a time: each is checked against the state it changes
  struct WorklistRow {
    std::string record_sha256;
    std::int64_t last_seq = 0;
    nlohmann::json row;
  };
  std::mutex rows_mutex_;
  std::map<std::string, WorklistRow> rows_;  // rebuilt when the record or its decisions change
};

}  // namespace chartflow::review
