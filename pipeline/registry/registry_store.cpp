#include "registry_store.hpp"

#include "host/sqlite_statement.hpp"

#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <utility>

namespace chartflow::registry {
namespace {

using host::SqliteStatement;
using nlohmann::json;

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS patients(patient_key TEXT PRIMARY KEY, mrn TEXT NOT NULL, items TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS tumors(tumor_key TEXT PRIMARY KEY, patient_key TEXT NOT NULL, items TEXT NOT NULL, source TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS followup(
  seq INTEGER PRIMARY KEY AUTOINCREMENT, patient_key TEXT NOT NULL, date_of_last_contact TEXT NOT NULL,
  vital_status TEXT NOT NULL, cause_of_death TEXT NOT NULL, cancer_status TEXT NOT NULL, followup_source TEXT NOT NULL,
  source TEXT NOT NULL, recorded_at TEXT NOT NULL);
CREATE UNIQUE INDEX IF NOT EXISTS followup_once ON followup(patient_key, date_of_last_contact, vital_status, source);
)sql";

std::string value_of(const NaaccrItems& items, const char* id) {
  const auto it = items.find(id);
  return it == items.end() ? "" : it->second;
}

// A NAACCR date (YYYY, YYYYMM or YYYYMMDD) as days, the unknown parts taken as SEER does for
// survival (month unknown: July 1; day unknown: the 15th).
long naaccr_days(const std::string& date) {
  const int year = std::stoi(date.substr(0, 4));
  const int month = date.size() >= 6 ? std::stoi(date.substr(4, 2)) : 7;
  const int day = date.size() >= 8 ? std::stoi(date.substr(6, 2)) : (date.size() >= 6 ? 15 : 1);
  return days_from_civil(year, month, day);
}

struct PatientFollowup {
  std::string last_contact, vital_status = "1", cause_of_death, death_date;
};

PatientFollowup followup_of(sqlite3* db, const std::string& key) {
  PatientFollowup f;
  SqliteStatement s(db, "SELECT date_of_last_contact, vital_status, cause_of_death FROM followup WHERE patient_key = ? ORDER BY date_of_last_contact");
  s.bind(1, key);
  while (s.step()) {
    f.last_contact = s.text(0);
    if (s.text(1) == "0") f.vital_status = "0", f.death_date = s.text(0), f.cause_of_death = s.text(2);
  }
  return f;
}

}  // namespace

RegistryStore::RegistryStore(const std::filesystem::path& file) : file_(file) {
  if (sqlite3_open_v2(file.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
    sqlite3_close(db_);
    throw CohortError(file.string() + ": cannot open the registry store");
  }
  char* error = nullptr;
  if (sqlite3_exec(db_, kSchema, nullptr, nullptr, &error) != SQLITE_OK) {
    const std::string why = error ? error : "";
    sqlite3_free(error);
    sqlite3_close(db_);
    throw CohortError(file.string() + ": not a registry store (" + why + ")");
  }
}

RegistryStore::~RegistryStore() { sqlite3_close(db_); }

void RegistryStore::begin() { sqlite3_exec(db_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr); }
void RegistryStore::commit() {
  if (sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) throw CohortError(file_.string() + ": could not save (" + sqlite3_errmsg(db_) + ")");
}
void RegistryStore::rollback() { sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr); }

namespace {

// The patient a NAACCR patient element is: the MRN its tumours carry ("mrn:..."), else this
// file's patient alone, never merged on a guess. Returns (key, mrn).
std::pair<std::string, std::string> patient_key_of(const NaaccrPatientIn& patient, const std::string& sha256, const std::string& where) {
  std::string mrn;
  for (const auto& t : patient.tumors)
    if (const std::string m = value_of(t.items, "medicalRecordNumber"); !m.empty()) {
      if (!mrn.empty() && m != mrn) throw CohortError(where + "the patient's tumours carry two medical record numbers; correct the export");
      mrn = m;
    }
  return {mrn.empty() ? "file:" + sha256.substr(0, 16) + ":" + value_of(patient.items, "patientIdNumber") : "mrn:" + mrn, mrn};
}

// Stores the patient's identifying items, refusing any that differ from those already stored.
void store_patient(sqlite3* db, const NaaccrPatientIn& patient, const std::string& key, const std::string& mrn, const std::string& where,
                   ImportCounts& counts) {
  json items = json::object();
  {
    SqliteStatement s(db, "SELECT items FROM patients WHERE patient_key = ?");
    s.bind(1, key);
    if (s.step()) items = json::parse(s.text(0)), ++counts.patients_known;
    else ++counts.patients_new;
  }
  for (const char* id : {"dateOfBirth", "sexAssignedAtBirth", "nameLast", "nameFirst"}) {
    const std::string v = value_of(patient.items, id);
    if (v.empty()) continue;
    if (items.contains(id) && items[id] != v)
      throw CohortError(where + id + " differs from the one already stored for this medical record number; the records may be two patients: check them");
    items[id] = v;
  }
  SqliteStatement(db, "INSERT OR REPLACE INTO patients(patient_key, mrn, items) VALUES(?,?,?)").bind(1, key).bind(2, mrn).bind(3, items.dump()).step();
}

// Stores each tumour once (by patient, diagnosis date, site and histology); dates after today or
// before birth are refused.
void store_tumors(sqlite3* db, const NaaccrPatientIn& patient, const std::string& key, const std::string& birth, const std::string& source_name,
                  long today, ImportCounts& counts) {
  for (const auto& t : patient.tumors) {
    const std::string diagnosed = value_of(t.items, "dateOfDiagnosis");
    const std::string at = source_name + ":" + std::to_string(t.line) + ": ";
    if (!diagnosed.empty() && naaccr_days(diagnosed) > today) throw CohortError(at + "dateOfDiagnosis " + diagnosed + " is in the future");
    if (!diagnosed.empty() && !birth.empty() && naaccr_days(diagnosed) < naaccr_days(birth))
      throw CohortError(at + "dateOfDiagnosis " + diagnosed + " is before dateOfBirth " + birth);
    const std::string tumor_key = key + "|" + diagnosed + "|" + value_of(t.items, "primarySite") + "|" + value_of(t.items, "histologicTypeIcdO3");
    SqliteStatement insert(db, "INSERT OR IGNORE INTO tumors(tumor_key, patient_key, items, source) VALUES(?,?,?,?)");
    insert.bind(1, tumor_key).bind(2, key).bind(3, json(t.items).dump()).bind(4, source_name).step();
    (sqlite3_changes(db) ? counts.tumors_new : counts.tumors_known) += 1;
  }
}

// The export's date of last contact and vital status as a follow-up event.
void store_export_followup(sqlite3* db, const NaaccrPatientIn& patient, const std::string& key, const std::string& birth,
                           const std::string& source_name, const std::string& where, long today, ImportCounts& counts) {
  const std::string contact = value_of(patient.items, "dateOfLastContact");
  if (contact.empty()) return;
  if (naaccr_days(contact) > today) throw CohortError(where + "dateOfLastContact " + contact + " is in the future");
  if (!birth.empty() && naaccr_days(contact) < naaccr_days(birth)) throw CohortError(where + "dateOfLastContact is before dateOfBirth");
  SqliteStatement s(db, "INSERT OR IGNORE INTO followup(patient_key, date_of_last_contact, vital_status, cause_of_death, cancer_status, "
                        "followup_source, source, recorded_at) VALUES(?,?,?,?,?,?,?,?)");
  s.bind(1, key).bind(2, contact).bind(3, value_of(patient.items, "vitalStatus").empty() ? std::string("1") : value_of(patient.items, "vitalStatus"));
  s.bind(4, value_of(patient.items, "causeOfDeath")).bind(5, std::string()).bind(6, std::string()).bind(7, "naaccr:" + source_name).bind(8, naaccr_date(today_days()));
  s.step();
  counts.followups += static_cast<std::size_t>(sqlite3_changes(db));
}

// The follow-up CSV's columns by name, checked: known names only, the required ones present.
std::map<std::string, std::size_t> followup_columns(const std::string& header_line, const std::filesystem::path& csv) {
  std::map<std::string, std::size_t> column;
  const auto header = split_csv(header_line);
  for (std::size_t i = 0; i < header.size(); ++i) column[header[i]] = i;
  static const std::set<std::string> known = {"patient", "date_of_last_contact", "vital_status", "cause_of_death", "cancer_status", "followup_source"};
  for (const auto& [name, i] : column)
    if (!known.count(name)) throw CohortError(csv.string() + ":1: unknown column '" + name + "' (patient, date_of_last_contact, vital_status, cause_of_death, cancer_status, followup_source)");
  for (const char* required : {"patient", "date_of_last_contact", "vital_status"})
    if (!column.count(required)) throw CohortError(csv.string() + ":1: the header has no '" + std::string(required) + "' column");
  return column;
}

// A follow-up row's values as NAACCR allows them (vital status 0/1, one-digit codes, an ICD-10
// cause of death), and consistent with what is stored: no alive contact after a recorded death,
// no death before a recorded contact.
void check_followup_row(sqlite3* db, const std::string& key, const std::string& date, const std::string& vital,
                        const std::function<std::string(const char*)>& get, const std::string& where) {
  if (vital != "0" && vital != "1") throw CohortError(where + "vital_status must be 0 (dead) or 1 (alive) (NAACCR item 1760)");
  for (const char* digit : {"cancer_status", "followup_source"})
    if (const std::string v = get(digit); !v.empty() && (v.size() != 1 || !std::isdigit(static_cast<unsigned char>(v[0]))))
      throw CohortError(where + digit + " must be one digit");
  if (get("cause_of_death").size() > 4) throw CohortError(where + "cause_of_death is at most 4 characters (NAACCR item 1910, ICD-10)");
  const PatientFollowup known_followup = followup_of(db, key);
  if (!known_followup.death_date.empty() && vital == "1" && date > known_followup.death_date)
    throw CohortError(where + "an alive contact on " + date + " after the death recorded on " + known_followup.death_date);
  if (vital == "0" && !known_followup.last_contact.empty() && known_followup.last_contact > date && known_followup.death_date.empty())
    throw CohortError(where + "a death on " + date + " before the contact recorded on " + known_followup.last_contact);
}

}  // namespace

ImportCounts RegistryStore::import_naaccr(const NaaccrFileIn& file, const std::string& source_name, const std::string& sha256, long today) {
  ImportCounts counts;
  begin();
  try {
    for (const auto& patient : file.patients) {
      const std::string where = source_name + ":" + std::to_string(patient.line) + ": ";
      const auto [key, mrn] = patient_key_of(patient, sha256, where);
      if (mrn.empty()) ++counts.unmatched_patients;
      const std::string birth = value_of(patient.items, "dateOfBirth");
      if (!birth.empty() && naaccr_days(birth) > today) throw CohortError(where + "dateOfBirth " + birth + " is in the future");
      store_patient(db_, patient, key, mrn, where, counts);
      store_tumors(db_, patient, key, birth, source_name, today, counts);
      store_export_followup(db_, patient, key, birth, source_name, where, today, counts);
    }
    commit();
  } catch (...) {
    rollback();
    throw;
  }
  return counts;
}

std::size_t RegistryStore::add_followup_csv(const std::filesystem::path& csv, long today) {
  std::ifstream in(csv);
  if (!in) throw CohortError(csv.string() + ": cannot read the follow-up file");
  std::string line;
  std::getline(in, line);
  const std::map<std::string, std::size_t> column = followup_columns(line, csv);
  std::size_t stored = 0;
  begin();
  try {
    for (int n = 2; std::getline(in, line); ++n) {
      if (line.empty() || line == "\r") continue;
      const auto f = split_csv(line);
      const std::string where = csv.string() + ":" + std::to_string(n) + ": ";
      const auto get = [&](const char* name) {
        const auto it = column.find(name);
        return it == column.end() || it->second >= f.size() ? std::string() : f[it->second];
      };
      std::string key = get("patient");
      {
        SqliteStatement s(db_, "SELECT patient_key FROM patients WHERE patient_key = ? OR patient_key = ?");
        s.bind(1, key).bind(2, "mrn:" + key);
        if (!s.step()) throw CohortError(where + "patient '" + key + "' is not in the registry (import its NAACCR export first)");
        key = s.text(0);
      }
      long contact = 0;
      try {
        contact = parse_date(get("date_of_last_contact"));
      } catch (const std::invalid_argument& e) {
        throw CohortError(where + "date_of_last_contact: " + e.what());
      }
      if (contact > today) throw CohortError(where + "date_of_last_contact is in the future");
      const std::string vital = get("vital_status");
      const std::string date = naaccr_date(contact);
      check_followup_row(db_, key, date, vital, get, where);
      SqliteStatement s(db_, "INSERT OR IGNORE INTO followup(patient_key, date_of_last_contact, vital_status, cause_of_death, cancer_status, "
                             "followup_source, source, recorded_at) VALUES(?,?,?,?,?,?,?,?)");
      s.bind(1, key).bind(2, date).bind(3, vital).bind(4, get("cause_of_death")).bind(5, get("cancer_status"));
      s.bind(6, get("followup_source")).bind(7, "csv:" + csv.filename().string()).bind(8, naaccr_date(today_days())).step();
      stored += static_cast<std::size_t>(sqlite3_changes(db_));
    }
    commit();
  } catch (...) {
    rollback();
    throw;
  }
  return stored;
}

namespace {

// The patient key and NAACCR date (YYYYMMDD) of a chart event about a registry patient, or nullopt
// when the MRN is empty, the date is not YYYY-MM-DD, lies after `today`, or the patient is unknown.
std::optional<std::pair<std::string, std::string>> chart_event_of(sqlite3* db, const std::string& mrn, const std::string& date, long today) {
  if (mrn.empty() || date.size() != 10) return std::nullopt;
  long day = 0;
  try {
    day = parse_date(date);
  } catch (const std::invalid_argument&) {
    return std::nullopt;
  }
  std::string key = "mrn:" + mrn;
  SqliteStatement s(db, "SELECT 1 FROM patients WHERE patient_key = ?");
  s.bind(1, key);
  if (!s.step() || day > today) return std::nullopt;
  return std::pair{std::move(key), naaccr_date(day)};
}

// Stores a follow-up event taken from chart `document_id`; whether it was new.
bool insert_chart_event(sqlite3* db, const std::string& key, const std::string& date, const char* vital_status, const std::string& document_id) {
  SqliteStatement s(db, "INSERT OR IGNORE INTO followup(patient_key, date_of_last_contact, vital_status, cause_of_death, cancer_status, "
                        "followup_source, source, recorded_at) VALUES(?,?,?,?,?,?,?,?)");
  s.bind(1, key).bind(2, date).bind(3, std::string(vital_status)).bind(4, std::string()).bind(5, std::string()).bind(6, std::string());
  s.bind(7, "chart:" + document_id).bind(8, naaccr_date(today_days())).step();
  return sqlite3_changes(db) > 0;
}

}  // namespace

bool RegistryStore::add_chart_contact(const std::string& mrn, const std::string& date_of_service, const std::string& document_id, long today) {
  const auto event = chart_event_of(db_, mrn, date_of_service, today);
  if (!event) return false;
  const auto& [key, date] = *event;
  // A chart dated after a recorded death is not a contact with the patient (a late report).
  const PatientFollowup known = followup_of(db_, key);
  if (!known.death_date.empty() && date > known.death_date) return false;
  return insert_chart_event(db_, key, date, "1", document_id);
}

bool RegistryStore::add_chart_death(const std::string& mrn, const std::string& date_of_death, const std::string& document_id, long today) {
  const auto event = chart_event_of(db_, mrn, date_of_death, today);
  if (!event) return false;
  const auto& [key, date] = *event;
  // A contact with the patient alive after this date means the chart is wrong or about someone
  // else: the registrar decides, nothing is stored.
  const PatientFollowup known = followup_of(db_, key);
  if (!known.death_date.empty() || (!known.last_contact.empty() && known.last_contact > date)) return false;
  return insert_chart_event(db_, key, date, "0", document_id);
}

std::vector<FollowupDue> RegistryStore::followup_due(long as_of) const {
  std::vector<FollowupDue> out;
  SqliteStatement s(db_, "SELECT patient_key, mrn FROM patients ORDER BY patient_key");
  while (s.step()) {
    const PatientFollowup f = followup_of(db_, s.text(0));
    if (f.vital_status == "0") continue;  // the dead need no follow-up
    FollowupDue due{s.text(0), s.text(1), 0, 0, FollowupStatus::due};
    if (f.last_contact.empty()) {
      // Never contacted since diagnosis: the latest diagnosis is the last contact.
      SqliteStatement t(db_, "SELECT items FROM tumors WHERE patient_key = ?");
      t.bind(1, due.patient_key);
      while (t.step()) {
        const auto items = json::parse(t.text(0));
        if (items.contains("dateOfDiagnosis")) due.last_contact = std::max(due.last_contact, naaccr_days(items["dateOfDiagnosis"]));
      }
      if (due.last_contact == 0) continue;
    } else {
      due.last_contact = naaccr_days(f.last_contact);
    }
    due.days_since = as_of - due.last_contact;
    if (due.days_since < 365) continue;
    due.status = due.days_since >= 456 ? FollowupStatus::overdue : FollowupStatus::due;  // 15 months: the CoC's overdue line
    out.push_back(due);
  }
  std::sort(out.begin(), out.end(), [](const FollowupDue& a, const FollowupDue& b) { return a.days_since > b.days_since; });
  return out;
}

std::vector<CohortCase> RegistryStore::cohort(std::size_t& skipped) const {
  std::vector<CohortCase> out;
  skipped = 0;
  SqliteStatement s(db_, "SELECT t.tumor_key, t.patient_key, t.items, p.items FROM tumors t JOIN patients p ON p.patient_key = t.patient_key ORDER BY t.tumor_key");
  while (s.step()) {
    const auto tumor = json::parse(s.text(2)), patient = json::parse(s.text(3));
    const PatientFollowup f = followup_of(db_, s.text(1));
    const std::string sex = patient.value("sexAssignedAtBirth", "");
    if (!tumor.contains("dateOfDiagnosis") || !patient.contains("dateOfBirth") || (sex != "1" && sex != "2") || f.last_contact.empty()) {
      ++skipped;
      continue;
    }
    CohortCase c;
    c.id = s.text(0);
    c.sex = sex == "1" ? Sex::male : Sex::female;
    c.birth = naaccr_days(patient["dateOfBirth"]);
    c.diagnosis = naaccr_days(tumor["dateOfDiagnosis"]);
    c.last_contact = std::max(c.diagnosis, naaccr_days(f.last_contact));
    c.dead = f.vital_status == "0";
    c.site = tumor.value("primarySite", "").substr(0, 3);
    c.stage = tumor.value("ajccTnmPathStageGroup", "");
    c.area = tumor.value("countyAtDx", "");
    out.push_back(std::move(c));
  }
  return out;
}

std::vector<naaccr::CasePatient> RegistryStore::export_patients() const {
  std::vector<naaccr::CasePatient> out;
  SqliteStatement s(db_, "SELECT patient_key, items FROM patients ORDER BY patient_key");
  while (s.step()) {
    naaccr::CasePatient p;
    const json patient_items = json::parse(s.text(1));  // named: items() must not outlive it
    for (const auto& [k, v] : patient_items.items()) p.items[k] = v.get<std::string>();
    const PatientFollowup f = followup_of(db_, s.text(0));
    if (!f.last_contact.empty()) {
      p.items["dateOfLastContact"] = f.last_contact;
      p.items["vitalStatus"] = f.vital_status;
      if (!f.cause_of_death.empty()) p.items["causeOfDeath"] = f.cause_of_death;
    }
    // The latest cancer status recorded (items 1770, 1772, 1790) applies to the patient's tumours.
    std::string cancer_status, status_date, source;
    {
      SqliteStatement c(db_, "SELECT cancer_status, date_of_last_contact, followup_source FROM followup WHERE patient_key = ? AND cancer_status != '' "
                             "ORDER BY date_of_last_contact DESC LIMIT 1");
      c.bind(1, s.text(0));
      if (c.step()) cancer_status = c.text(0), status_date = c.text(1), source = c.text(2);
    }
    SqliteStatement t(db_, "SELECT items FROM tumors WHERE patient_key = ? ORDER BY tumor_key");
    t.bind(1, s.text(0));
    while (t.step()) {
      naaccr::CaseTumor tumor;
      const json tumor_items = json::parse(t.text(0));
      for (const auto& [k, v] : tumor_items.items())
        if (k != "tumorRecordNumber") tumor.items[k] = {v.get<std::string>(), 1.0};
      if (!cancer_status.empty()) {
        tumor.items["cancerStatus"] = {cancer_status, 1.0};
        tumor.items["dateOfLastCancerStatus"] = {status_date, 1.0};
        if (!source.empty()) tumor.items["followUpSource"] = {source, 1.0};
      }
      p.tumors.push_back(std::move(tumor));
    }
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace chartflow::registry
