#include "search/search_plan.h"

#include <algorithm>
#include <optional>
#include <string_view>
#include <utility>

#include "index/schema.h"
#include "ingest/year.h"
#include "search/fields.h"
#include "search/query_repair.h"
#include "trove/error.h"

namespace trove {
namespace {

// `names` as the schema spells them. Throws QueryError for an unknown one.
std::vector<std::string> facet_names(const std::vector<std::string>& names) {
  std::vector<std::string> out;
  for (const std::string& name : names) {
    const schema::FacetField* facet = facet_named(name);
    if (!facet) throw QueryError("unknown facet '" + name + "'; use " + facet_name_list());
    out.emplace_back(facet->name);
  }
  return out;
}

// `filters` with the field names the schema knows spelled as it does, so
// that a filter on "Region" selects the facet "region". Unknown names are
// left for filter_query() to reject.
std::vector<Filter> with_schema_names(std::vector<Filter> filters) {
  for (Filter& filter : filters) {
    if (const schema::FacetField* facet = facet_named(filter.field)) filter.field = facet->name;
  }
  return filters;
}

bool has_filter_on(const std::vector<Filter>& filters, const std::string& field) {
  return std::any_of(filters.begin(), filters.end(),
                     [&](const Filter& f) { return f.field == field; });
}

SearchPlan::Order order_of(const SearchPlan& plan, SortOrder sort) {
  if (plan.parsed.query.empty()) return SearchPlan::Order::kNewest;
  return sort == SortOrder::kRelevance ? SearchPlan::Order::kScore
                                       : SearchPlan::Order::kYearThenScore;
}

// The share of `db`'s records whose year some year filter of `filters`
// accepts, from the year facet's term frequencies; 1 with no year filter.
// The filters are a plan's, which plan_search() has checked.
double year_share(const std::vector<Filter>& filters, const Xapian::Database& db) {
  std::vector<std::pair<int, int>> ranges;
  for (const Filter& filter : filters) {
    if (filter.field != schema::kYear.name) continue;
    const YearSpan span = parse_year_filter(filter.value);
    ranges.emplace_back(span.from.value_or(kMinYear), span.to.value_or(kMaxYear));
  }
  if (ranges.empty()) return 1;
  const std::string prefix = schema::kYear.term_prefix;
  double matched = 0;
  for (auto term = db.allterms_begin(prefix); term != db.allterms_end(prefix); ++term) {
    const std::optional<int> year = parse_year(std::string_view(*term).substr(prefix.size()));
    if (!year) continue;
    const bool accepted = std::any_of(ranges.begin(), ranges.end(), [&](const auto& range) {
      return *year >= range.first && *year <= range.second;
    });
    if (accepted) matched += term.get_termfreq();
  }
  return matched / std::max(1.0, static_cast<double>(db.get_doccount()));
}

}  // namespace

SearchPlan plan_search(const SearchRequest& request, const QueryParser& parser,
                       const Analyzer& analyzer, const CommonWordTest& is_common) {
  const std::vector<std::string> facets = facet_names(request.facets);
  SearchPlan plan;
  plan.parsed = parse_query(parser, request.query, request.strict, is_common, &plan.notes);
  plan.filters = with_schema_names(request.filters);
  plan.filters.insert(plan.filters.end(), plan.parsed.filters.begin(),
                      plan.parsed.filters.end());
  if (plan.parsed.matches_nothing) {
    plan.base = Xapian::Query();  // Xapian's empty query matches nothing
  } else {
    plan.base = plan.parsed.query.empty() ? match_all() : plan.parsed.query;
  }
  plan.query = filtered(plan.base, filter_query(plan.filters, analyzer));
  plan.order = order_of(plan, request.sort);
  for (const std::string& facet : facets) {
    (has_filter_on(plan.filters, facet) ? plan.selected : plan.unselected).push_back(facet);
  }
  plan.total = total_of(plan);
  return plan;
}

SearchPlan::Total total_of(const SearchPlan& plan) {
  if (!plan.unselected.empty()) return SearchPlan::Total::kCountingPass;
  if (!plan.by_score() || has_positional(plan.base)) return SearchPlan::Total::kPage;
  return SearchPlan::Total::kPageIfExact;
}

Xapian::doccount checked_matches(const SearchPlan& plan, const Xapian::Database& db,
                                 const Analyzer& analyzer) {
  const Xapian::doccount records = db.get_doccount();
  switch (plan.total) {
    case SearchPlan::Total::kPage:
      return records;
    case SearchPlan::Total::kPageIfExact: {
      // Xapian counts such a query exactly however early it stops.
      if (counts_exactly(plan.query)) return 0;
      // A year range wider than query_parser.cc's kYearTermsSpan is a value
      // range, which has no term frequency: the year facet's terms give
      // every year filter's share instead.
      const Xapian::Query others = filter_query(plan.filters, analyzer, schema::kYear.name);
      const double share =
          expected_share(filtered(plan.base, others), db) * year_share(plan.filters, db);
      const Xapian::doccount most =
          plan.filters.empty() ? kOnePassMatches : kOnePassFilteredMatches;
      if (share * records <= most) return records;
      break;
    }
    case SearchPlan::Total::kCountingPass:
      break;
  }
  return 0;
}

double expected_share(const Xapian::Query& query, const Xapian::Database& db) {
  using Op = Xapian::Query::op;
  const Op op = query.get_type();
  const std::size_t n = query.get_num_subqueries();
  const double records = std::max(1.0, static_cast<double>(db.get_doccount()));
  switch (op) {
    case Op::LEAF_TERM:
      return db.get_termfreq(*query.get_terms_begin()) / records;
    case Op::LEAF_MATCH_NOTHING:
      return 0;
    case Op::OP_AND:
    case Op::OP_FILTER:
    case Op::OP_PHRASE:
    case Op::OP_NEAR: {
      double all = 1;
      for (std::size_t i = 0; i < n; ++i) all *= expected_share(query.get_subquery(i), db);
      return all;
    }
    case Op::OP_OR:
    case Op::OP_SYNONYM:
    case Op::OP_XOR:
    case Op::OP_ELITE_SET:
    case Op::OP_MAX: {
      double none = 1;
      for (std::size_t i = 0; i < n; ++i) none *= 1 - expected_share(query.get_subquery(i), db);
      return 1 - none;
    }
    case Op::OP_AND_MAYBE:
    case Op::OP_AND_NOT:
    case Op::OP_SCALE_WEIGHT:
      return expected_share(query.get_subquery(0), db);
    default:  // match_all(), value ranges, wildcards
      return 1;
  }
}

bool counts_exactly(const Xapian::Query& query) {
  using Op = Xapian::Query::op;
  switch (query.get_type()) {
    case Op::LEAF_TERM:
    case Op::LEAF_MATCH_ALL:
    case Op::LEAF_MATCH_NOTHING:
      return true;
    case Op::OP_AND_MAYBE:
    case Op::OP_SCALE_WEIGHT:
      return counts_exactly(query.get_subquery(0));
    default:
      return false;
  }
}

bool has_positional(const Xapian::Query& query) {
  const Xapian::Query::op op = query.get_type();
  if (op == Xapian::Query::OP_PHRASE || op == Xapian::Query::OP_NEAR) return true;
  for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) {
    if (has_positional(query.get_subquery(i))) return true;
  }
  return false;
}

Xapian::Query filtered(const Xapian::Query& base, const Xapian::Query& filter) {
  return filter.empty() ? base : Xapian::Query(Xapian::Query::OP_FILTER, base, filter);
}

}  // namespace trove
