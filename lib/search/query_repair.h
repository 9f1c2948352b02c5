// Forgiving parsing: whatever a person types into a search box means
// something. The strict QueryParser stays as it is; text it rejects is
// rewritten into text it accepts, with a note for each reinterpretation, and
// parsed again. Well-formed text never reaches the repair, so it means
// exactly what it means in strict mode and costs nothing extra.
//
// The repair, in three passes over the lexemes (the lexer's own rules):
//  - lexical: an unclosed quote runs to the end of the text and is closed
//    there (with nothing after it, it is no phrase at all); `name:` where name is not a field is plain text
//    (`UObject::StaticAllocateObject` is that word, `foo:"a b"` the word foo
//    and the phrase); a field with nothing right after its colon (`title:`,
//    `title: x`) is dropped, and `title:(...)` searches the group in all
//    fields; a filter whose value is not one (`year:20x3`, `year:2015..2010`,
//    `country:!!!`) is dropped;
//  - parentheses: an unmatched ')' is dropped, an unclosed '(' is closed at
//    the end of the text;
//  - operators: AND, OR and NOT need a term on either side; one that lacks
//    one is dropped, except that a NOT with nothing on its left excludes the
//    item after it (`NOT windows` is `-windows`, `a AND NOT b` is `a AND -b`)
//    unless it follows another NOT (`a NOT NOT b` is `a NOT b`).
// If the strict parser still rejects the result (a case the passes missed),
// the last resort is the text's plain words, all syntax taken out. Resource
// limits (QueryLimitError: 1,000 terms, 64 nested parentheses) are never
// repaired: they are errors in both modes. Each step is one linear pass, so
// the repair cannot loop; at most three parses happen.
#ifndef TROVE_LIB_SEARCH_QUERY_REPAIR_H_
#define TROVE_LIB_SEARCH_QUERY_REPAIR_H_

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "search/query_parser.h"
#include "trove/analyzer.h"

namespace trove {

struct RepairedQuery {
  std::string text;  // query text the strict parser accepts
  // One sentence per reinterpretation, by column; after the first 10, one
  // more says how many are left out ("and 990 more reinterpretations").
  std::vector<std::string> notes;
  // Per lexeme of `text`, in order: its byte offset there and in the
  // original text (sign excluded), so that an error names the column the
  // person typed.
  std::vector<std::pair<std::size_t, std::size_t>> origins;
};

// Rewrites `text` as above; `analyzer` validates filter values as the parser
// does. Notes give 1-based columns (characters) of the original `text`.
RepairedQuery repair_query(const std::string& text, const Analyzer& analyzer);

// The words of `text` with all syntax taken out: quotes, parentheses and
// colons become spaces, leading '+' and '-' and the operators AND, OR and NOT
// are dropped. The last resort of forgiving parsing.
std::string plain_words(const std::string& text);

// Parses `text`. Strict: QueryParser::parse(), throwing its QueryErrors.
// Otherwise (forgiving) throws only for a resource limit, with the strict
// message, and appends to `notes` (if not null) what was reinterpreted;
// well-formed text adds no note. Limit errors leave as plain QueryErrors.
ParsedQuery parse_query(const QueryParser& parser, const std::string& text, bool strict,
                        const CommonWordTest& is_common, std::vector<std::string>* notes);

}  // namespace trove

#endif  // TROVE_LIB_SEARCH_QUERY_REPAIR_H_
