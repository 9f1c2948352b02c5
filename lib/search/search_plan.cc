#include "search/search_plan.h"

#include <algorithm>

#include "index/schema.h"
#include "search/fields.h"
#include "trove/error.h"

namespace trove {
namespace {

void check_facets(const std::vector<std::string>& facets) {
  for (const std::string& name : facets) {
    if (!schema::find_facet(name)) {
      throw QueryError("unknown facet '" + name + "'; use " + facet_name_list());
    }
  }
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

SearchPlan::Total total_of(const SearchPlan& plan) {
  if (!plan.unselected.empty()) return SearchPlan::Total::kCountingPass;
  if (!plan.by_score() || has_positional(plan.base)) return SearchPlan::Total::kPage;
  return SearchPlan::Total::kPageIfExact;
}

}  // namespace

SearchPlan plan_search(const SearchRequest& request, const QueryParser& parser,
                       const Analyzer& analyzer, const CommonWordTest& is_common) {
  check_facets(request.facets);
  SearchPlan plan;
  plan.parsed = parser.parse(request.query, is_common);
  plan.filters = request.filters;
  plan.filters.insert(plan.filters.end(), plan.parsed.filters.begin(),
                      plan.parsed.filters.end());
  if (plan.parsed.matches_nothing) {
    plan.base = Xapian::Query();  // Xapian's empty query matches nothing
  } else {
    plan.base = plan.parsed.query.empty() ? match_all() : plan.parsed.query;
  }
  plan.query = filtered(plan.base, filter_query(plan.filters, analyzer));
  plan.order = order_of(plan, request.sort);
  for (const std::string& facet : request.facets) {
    (has_filter_on(plan.filters, facet) ? plan.selected : plan.unselected).push_back(facet);
  }
  plan.total = total_of(plan);
  return plan;
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
