// A minimal RAII wrapper over the SQLite C API for the FTS5 engine: one
// connection, prepared statements cached by SQL text, errors as exceptions.
#ifndef TROVE_BENCH_SQLITE_DB_H_
#define TROVE_BENCH_SQLITE_DB_H_

#include <sqlite3.h>

#include <map>
#include <string>
#include <variant>
#include <vector>

namespace bench {

using SqlParam = std::variant<long long, std::string>;

class SqliteDb {
 public:
  SqliteDb() = default;
  ~SqliteDb();
  SqliteDb(const SqliteDb&) = delete;
  SqliteDb& operator=(const SqliteDb&) = delete;

  // Opens (creating if `create`) the database file. Throws std::runtime_error.
  void open(const std::string& path, bool create);
  // Runs one or more statements without results.
  void exec(const std::string& sql);
  // The cached prepared statement for `sql`, reset, with `params` bound to
  // ?1, ?2, ... Valid until the next call with the same SQL.
  sqlite3_stmt* prepare(const std::string& sql, const std::vector<SqlParam>& params = {});
  // Steps `stmt`; true while it yields a row. Throws on error.
  bool step(sqlite3_stmt* stmt);
  long long last_insert_rowid() const;
  int changes() const;

 private:
  [[noreturn]] void fail(const std::string& what) const;

  sqlite3* db_ = nullptr;
  std::map<std::string, sqlite3_stmt*> statements_;
};

}  // namespace bench

#endif  // TROVE_BENCH_SQLITE_DB_H_
