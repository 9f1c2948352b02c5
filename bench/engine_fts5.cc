// SQLite FTS5 as a user of SQLite alone would write it.
//
//   fts    FTS5 table (title, abstract, authors), tokenize='porter unicode61';
//          ranked by bm25(fts, 3.0, 1.0, 1.0): title weighted 3x, as trove's
//          schema weights the title.
//   docs   rowid (= fts rowid), id UNIQUE, year (indexed).
//   facet  one row per (record, field, value) for the multi-valued fields
//          country, region, category, topic; keyed (field, value, doc) for
//          filters, indexed (doc, field, value) for counting.
//
// Filters become `+fts.rowid IN (subquery)` clauses, OR within a field (value
// IN (...)), AND across fields; year ranges use docs.year. The unary + keeps
// SQLite from driving the FTS5 scan by the rowid list (one MATCH evaluation
// per listed rowid: 10-100x slower); instead MATCH runs once and each match
// is checked against the materialised list. Totals are exact (count(*)).
// Faceted queries materialise the matches once into a temp table (rowid,
// score), then take the top hits and GROUP BY each facet from it, with the
// matches as the outer loop (CROSS JOIN), so counting costs O(matches), not
// O(records); without it the planner scans the whole facet table. No ANALYZE:
// with sqlite_stat1 present, SQLite 3.40 builds a Bloom filter over the whole
// facet table for each count (measured 5 ms instead of 0.5 ms at 10k records).
// Records are inserted in one transaction with prepared statements. The page
// cache is 64 MiB (kCachePragma).
#include <algorithm>
#include <filesystem>
#include <memory>
#include <stdexcept>

#include "engine.h"
#include "sqlite_db.h"

namespace bench {
namespace {

constexpr char kDbFile[] = "fts5.sqlite";
constexpr char kRank[] = "bm25(fts, 3.0, 1.0, 1.0)";
// A 64 MiB page cache instead of the default 2 MiB: with 2 MiB, queries
// re-read B-tree pages through pread() all the time (faceted queries 4x
// slower at 10k records).
constexpr char kCachePragma[] = "PRAGMA cache_size = -65536;";

std::string join(const std::vector<std::string>& parts, const std::string& sep) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : sep) + p;
  return out;
}

// The FTS5 MATCH expression: every word quoted (so no word is read as query
// syntax), ORed; a phrase is one quoted string.
std::string match_expression(const BenchQuery& q) {
  std::vector<std::string> words = query_words(q.text);
  if (q.kind == "phrase") return "\"" + join(words, " ") + "\"";
  for (auto& w : words) w = "\"" + w + "\"";
  return join(words, " OR ");
}

// " AND fts.rowid IN (...)" clauses for the filters; appends bound values.
std::string filter_sql(const std::vector<BenchFilter>& filters, std::vector<SqlParam>& params) {
  std::vector<std::string> fields;
  for (const auto& f : filters) {
    if (std::find(fields.begin(), fields.end(), f.field) == fields.end()) fields.push_back(f.field);
  }
  std::string sql;
  for (const auto& field : fields) {
    std::vector<std::string> alternatives;
    for (const auto& f : filters) {
      if (f.field != field) continue;
      if (field == "year") {
        auto [lo, hi] = parse_year_range(f.value);
        alternatives.push_back("year BETWEEN ? AND ?");
        params.emplace_back(static_cast<long long>(lo));
        params.emplace_back(static_cast<long long>(hi));
      } else {
        alternatives.push_back("?");
        params.emplace_back(f.value);
      }
    }
    if (field == "year") {
      sql += " AND +fts.rowid IN (SELECT rowid FROM docs WHERE " + join(alternatives, " OR ") + ")";
    } else if (field == "country" || field == "region" || field == "category" || field == "topic") {
      sql += " AND +fts.rowid IN (SELECT doc FROM facet WHERE field = '" + field +
             "' AND value IN (" + join(alternatives, ", ") + "))";
    } else {
      throw std::runtime_error("fts5: unknown filter field '" + field + "'");
    }
  }
  return sql;
}

class Fts5Engine : public Engine {
 public:
  std::string version() const override { return std::string("SQLite ") + sqlite3_libversion(); }
  std::size_t index(const std::string& jsonl_path, const std::string& dir) override;
  void open(const std::string& dir) override;
  QueryResult query(const BenchQuery& q) override;

 private:
  void insert(const BenchRecord& r);
  void fetch_top(sqlite3_stmt* stmt, QueryResult& result);
  void count_facets(const std::vector<std::string>& facets, QueryResult& result);

  SqliteDb db_;
};

void Fts5Engine::insert(const BenchRecord& r) {
  std::vector<SqlParam> doc{r.id};
  doc.push_back(r.year ? SqlParam(static_cast<long long>(*r.year)) : SqlParam(std::string()));
  db_.step(db_.prepare("INSERT INTO docs(id, year) VALUES (?1, nullif(?2, ''))", doc));
  long long rowid = db_.last_insert_rowid();
  db_.step(db_.prepare("INSERT INTO fts(rowid, title, abstract, authors) VALUES (?1, ?2, ?3, ?4)",
                       {rowid, r.title, r.abstract, join(r.authors, "\n")}));
  auto add = [&](const char* field, const std::vector<std::string>& values) {
    for (const auto& v : values) {
      db_.step(db_.prepare("INSERT OR IGNORE INTO facet(doc, field, value) VALUES (?1, ?2, ?3)",
                           {rowid, std::string(field), v}));
    }
  };
  add("country", r.country);
  add("region", r.region);
  add("category", r.category);
  add("topic", r.topic);
}

std::size_t Fts5Engine::index(const std::string& jsonl_path, const std::string& dir) {
  std::filesystem::create_directories(dir);
  db_.open(dir + "/" + kDbFile, true);
  db_.exec(std::string(kCachePragma) +
      "CREATE VIRTUAL TABLE fts USING fts5(title, abstract, authors, tokenize='porter unicode61');"
      "CREATE TABLE docs(rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, year INTEGER);"
      "CREATE INDEX docs_year ON docs(year);"
      "CREATE TABLE facet(doc INTEGER NOT NULL, field TEXT NOT NULL, value TEXT NOT NULL,"
      "                   PRIMARY KEY (field, value, doc)) WITHOUT ROWID;"
      "CREATE INDEX facet_doc ON facet(doc, field, value);");
  std::size_t count = 0;
  db_.exec("BEGIN");
  read_jsonl(jsonl_path, [&](BenchRecord&& r) {
    insert(r);
    ++count;
  });
  db_.exec("COMMIT");
  return count;
}

void Fts5Engine::open(const std::string& dir) {
  db_.open(dir + "/" + kDbFile, false);
  db_.exec(std::string(kCachePragma) +
           "PRAGMA temp_store = MEMORY;"
           "CREATE TEMP TABLE hits(doc INTEGER PRIMARY KEY, score REAL);");
}

// Reads (id, title, abstract) rows: the ids, and the stored text a results
// page would show, so FTS5 pays for fetching content as Xapian and trove do.
void Fts5Engine::fetch_top(sqlite3_stmt* stmt, QueryResult& result) {
  while (db_.step(stmt)) {
    result.ids.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)));
    sqlite3_column_bytes(stmt, 1);
    sqlite3_column_bytes(stmt, 2);
  }
}

void Fts5Engine::count_facets(const std::vector<std::string>& facets, QueryResult& result) {
  for (const auto& field : facets) {
    auto& counts = result.facets[field];
    sqlite3_stmt* stmt;
    if (field == "year") {
      stmt = db_.prepare(
          "SELECT docs.year, count(*) FROM hits CROSS JOIN docs ON docs.rowid = hits.doc "
          "WHERE docs.year IS NOT NULL GROUP BY docs.year");
    } else {
      stmt = db_.prepare(
          "SELECT facet.value, count(*) FROM hits CROSS JOIN facet ON facet.doc = hits.doc "
          "AND facet.field = ?1 GROUP BY facet.value",
          {field});
    }
    while (db_.step(stmt)) {
      counts[reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0))] +=
          static_cast<std::size_t>(sqlite3_column_int64(stmt, 1));
    }
  }
}

QueryResult Fts5Engine::query(const BenchQuery& q) {
  std::vector<SqlParam> params{match_expression(q)};
  std::string where = "WHERE fts MATCH ?" + filter_sql(q.filters, params);
  // CROSS JOIN keeps the ten top rows as the outer loop: with the LIMIT as a
  // bound parameter the planner otherwise scans the whole fts table and
  // probes `top` for each row (230 ms per query at 100k records).
  const std::string top_of =
      ") AS top CROSS JOIN docs ON docs.rowid = top.doc CROSS JOIN fts ON fts.rowid = top.doc "
      "ORDER BY top.score";
  QueryResult result;
  std::vector<SqlParam> limited = params;
  limited.emplace_back(static_cast<long long>(q.limit));
  std::string limit_param = "?" + std::to_string(limited.size());
  if (q.facets.empty()) {
    sqlite3_stmt* count = db_.prepare("SELECT count(*) FROM fts " + where, params);
    db_.step(count);
    result.total = static_cast<std::size_t>(sqlite3_column_int64(count, 0));
    fetch_top(db_.prepare("SELECT docs.id, fts.title, fts.abstract FROM (SELECT fts.rowid AS doc, " +
                              std::string(kRank) + " AS score FROM fts " + where +
                              " ORDER BY score LIMIT " + limit_param + top_of,
                          limited),
              result);
    return result;
  }
  db_.step(db_.prepare("DELETE FROM hits"));
  db_.step(db_.prepare("INSERT INTO hits(doc, score) SELECT fts.rowid, " + std::string(kRank) +
                           " FROM fts " + where,
                       params));
  result.total = static_cast<std::size_t>(db_.changes());
  fetch_top(db_.prepare("SELECT docs.id, fts.title, fts.abstract FROM (SELECT doc, score FROM hits "
                        "ORDER BY score LIMIT ?1" + top_of,
                        {static_cast<long long>(q.limit)}),
            result);
  count_facets(q.facets, result);
  return result;
}

}  // namespace

std::unique_ptr<Engine> make_fts5_engine() { return std::make_unique<Fts5Engine>(); }

}  // namespace bench
