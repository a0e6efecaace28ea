// The primary site of one finding: the ICD-10-CM code's site, else the site words of the
// specimen line and sentence, else the organ the report names most, else the histology's usual
// site; never a site of the wrong kind for the tumour (lymph nodes for a carcinoma, bone for a
// carcinoma, soft tissue for what is not a sarcoma, blood for what is not a blood neoplasm,
// the peritoneum for a carcinoma other than a serous one).
#pragma once

#include "candidate.hpp"

#include <map>
#include <optional>
#include <string>

namespace chartflow::registry {

class SiteLocator {
 public:
  // `icd10_site`: the SEER ICD-10-CM to ICD-O-3 topography map (data/icd10cm_to_icdo3.tsv).
  SiteLocator(const RegistryTables& tables, const std::map<std::string, std::string>& icd10_site) : tables_(tables), icd10_site_(icd10_site) {}

  // Sets the candidate's topography, site span and source. One locator per document: the
  // report-wide organ vote is computed at most once per histology.
  void locate(Candidate& c, const std::string& normalised_text);

 private:
  // Whether the ICD-10-CM code decided the site completely (a code other than .9).
  bool site_from_code(Candidate& c) const;
  void site_from_words(Candidate& c, const std::string& normalised_text) const;
  bool site_from_document(Candidate& c, const std::string& normalised_text);  // true: the report's organ gave the site

  // The organ a whole report names most, per histology, and where it is first named.
  struct Organ {
    SiteTerm term;
    std::size_t at = std::string::npos;
  };
  using OrganCache = std::map<std::string, std::optional<Organ>>;  // by histology

  const RegistryTables& tables_;
  const std::map<std::string, std::string>& icd10_site_;
  OrganCache organs_;
};

// Whether a site is of a kind that is never the primary site of this histology (lymph nodes of a
// carcinoma, bone of a carcinoma, soft tissue of what is not a sarcoma, blood of what is not a
// blood neoplasm, peritoneum of a carcinoma other than a serous one): the report's organ or the
// histology's usual site is taken instead, else the site is left blank.
bool wrong_kind_of_site(const std::string& topography, const std::string& histology);

// Whether a histology starts in the skin (melanoma, skin adnexal and Merkel cell carcinomas): only
// for these does the skin take part in the report-wide organ vote.
bool arises_in_skin(const std::string& histology);

// The words a finding's site is read from: its specimen line and sentence, back from the mention
// to the start of its section (at most 400 characters) and on to the end of its sentence.
Span site_words_window(const Candidate& c);

// Where `phrase` stands nearest `anchor` in `text` (npos when nowhere).
std::size_t nearest_phrase(std::string_view text, std::string_view phrase, std::size_t anchor);

}  // namespace chartflow::registry
