#include "sqlite_db.h"

#include <stdexcept>

namespace bench {

SqliteDb::~SqliteDb() {
  for (auto& entry : statements_) sqlite3_finalize(entry.second);
  if (db_ != nullptr) sqlite3_close(db_);
}

void SqliteDb::fail(const std::string& what) const {
  throw std::runtime_error("sqlite: " + what + ": " + (db_ ? sqlite3_errmsg(db_) : "no database"));
}

void SqliteDb::open(const std::string& path, bool create) {
  int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
  if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) fail("open " + path);
}

void SqliteDb::exec(const std::string& sql) {
  char* message = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    std::string text = message ? message : "unknown error";
    sqlite3_free(message);
    throw std::runtime_error("sqlite: " + text + " in: " + sql);
  }
}

sqlite3_stmt* SqliteDb::prepare(const std::string& sql, const std::vector<SqlParam>& params) {
  sqlite3_stmt*& stmt = statements_[sql];
  if (stmt == nullptr) {
    if (sqlite3_prepare_v3(db_, sql.c_str(), -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) !=
        SQLITE_OK) {
      statements_.erase(sql);
      fail("prepare " + sql);
    }
  } else {
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
  }
  for (std::size_t i = 0; i < params.size(); ++i) {
    int index = static_cast<int>(i) + 1;
    int rc;
    if (const auto* n = std::get_if<long long>(&params[i])) {
      rc = sqlite3_bind_int64(stmt, index, *n);
    } else {
      const auto& s = std::get<std::string>(params[i]);
      rc = sqlite3_bind_text(stmt, index, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
    }
    if (rc != SQLITE_OK) fail("bind");
  }
  return stmt;
}

bool SqliteDb::step(sqlite3_stmt* stmt) {
  int rc = sqlite3_step(stmt);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  fail("step");
}

long long SqliteDb::last_insert_rowid() const { return sqlite3_last_insert_rowid(db_); }

int SqliteDb::changes() const { return sqlite3_changes(db_); }

}  // namespace bench
