// The repair works on pieces: the lexemes of the strict lexer (same rules
// for spaces, signs, quotes, words and field names), each kept as the text
// that writes it. A piece is changed, dropped or added; writing the pieces
// back separated by spaces gives text the strict lexer cuts into exactly
// those lexemes, since every piece ends where a space may follow and a sign
// is written attached to its piece.
#include "search/query_repair.h"

#include <algorithm>
#include <string_view>
#include <utility>

#include "index/schema.h"
#include "text/text_util.h"  // valid_utf8

namespace trove {
namespace {

// Notes given at most, by column, before a last one counting the rest.
constexpr std::size_t kMaxNotes = 10;

enum class Kind { kWord, kPhrase, kField, kOpen, kClose, kAnd, kOr, kNot };

struct Piece {
  Kind kind = Kind::kWord;
  char sign = 0;           // '+' or '-' written attached before it, else 0
  std::string body;        // the piece as written, without its sign
  std::size_t offset = 0;  // byte offset in the original text (after the sign)
};

bool starts_item(Kind kind) {
  return kind == Kind::kWord || kind == Kind::kPhrase || kind == Kind::kField ||
         kind == Kind::kOpen;
}

bool ends_item(Kind kind) {
  return kind == Kind::kWord || kind == Kind::kPhrase || kind == Kind::kField ||
         kind == Kind::kClose;
}

bool is_operator(Kind kind) {
  return kind == Kind::kAnd || kind == Kind::kOr || kind == Kind::kNot;
}

bool all_letters(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); });
}

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

class Repairer {
 public:
  Repairer(std::string_view text, const Analyzer& analyzer) : text_(text), analyzer_(analyzer) {}

  RepairedQuery run() {
    scan();
    balance();
    operators();
    RepairedQuery out;
    for (const Piece& piece : pieces_) {
      if (!out.text.empty()) out.text += ' ';
      if (piece.sign != 0) out.text += piece.sign;
      out.origins.emplace_back(out.text.size(), piece.offset);
      out.text += piece.body;
    }
    out.notes = notes();
    return out;
  }

 private:
  struct Note {
    std::size_t offset;  // in text_
    std::string before, after;
  };

  // "... at column N ...": `before`, the column of byte `offset`, `after`.
  // Written out by notes(): counting a column takes a pass over the text.
  void note(std::size_t offset, std::string before, std::string after) {
    notes_.push_back(Note{offset, std::move(before), std::move(after)});
  }

  // The notes by column: the first kMaxNotes (a page shows a few; hostile
  // text could have a million), then a count of the rest. Notes quote the
  // text, which may not be valid UTF-8; a page or a JSON document needs them
  // to be.
  std::vector<std::string> notes() {
    std::stable_sort(notes_.begin(), notes_.end(),
                     [](const Note& a, const Note& b) { return a.offset < b.offset; });
    std::vector<std::string> out;
    for (std::size_t i = 0; i < notes_.size() && i < kMaxNotes; ++i) {
      const Note& n = notes_[i];
      const std::string column = std::to_string(query_column(text_, n.offset));
      out.push_back(text::valid_utf8(n.before + " at column " + column + n.after));
    }
    if (notes_.size() > kMaxNotes) {
      out.push_back("and " + std::to_string(notes_.size() - kMaxNotes) + " more reinterpretations");
    }
    return out;
  }

  bool at(char c) const { return pos_ < text_.size() && text_[pos_] == c; }

  bool ends_word(std::size_t i) const {
    if (i >= text_.size() || query_space_length(text_, i) > 0) return true;
    return text_[i] == '(' || text_[i] == ')' || text_[i] == '"';
  }

  // Lexical pass: the pieces of the text, each lexeme repaired or dropped.
  void scan() {
    for (;;) {
      while (pos_ < text_.size() && query_space_length(text_, pos_) > 0) {
        pos_ += query_space_length(text_, pos_);
      }
      if (pos_ >= text_.size()) return;
      Piece piece;
      char c = text_[pos_];
      // As the lexer: a sign counts only when attached to what follows.
      if ((c == '+' || c == '-') && pos_ + 1 < text_.size() &&
          query_space_length(text_, pos_ + 1) == 0 && text_[pos_ + 1] != ')') {
        piece.sign = c;
        c = text_[++pos_];
      }
      piece.offset = pos_;
      if (c == '(' || c == ')') {
        piece.kind = c == '(' ? Kind::kOpen : Kind::kClose;
        piece.body = std::string(1, c);
        ++pos_;
      } else if (c == '"') {
        piece.kind = Kind::kPhrase;
        piece.body = quoted();
      } else if (!word(piece)) {
        continue;  // dropped
      }
      pieces_.push_back(std::move(piece));
    }
  }

  // The "quoted phrase" at pos_ as written, quotes included; one with no
  // closing quote runs to the end of the text and is closed there.
  std::string quoted() {
    const std::size_t open = pos_;
    const std::size_t close = text_.find('"', open + 1);
    if (close == std::string_view::npos) {
      pos_ = open + 1;
      while (pos_ < text_.size() && query_space_length(text_, pos_) > 0) {
        pos_ += query_space_length(text_, pos_);
      }
      note(open, "the quote",
           pos_ == text_.size() ? " has no closing quote and nothing after it: ignored"
                                : " has no closing quote: searched as a phrase to the end");
      pos_ = text_.size();
      return std::string(text_.substr(open)) + '"';
    }
    pos_ = close + 1;
    return std::string(text_.substr(open, pos_ - open));
  }

  // The word at pos_ into `piece`; false if it is dropped. As the lexer, a
  // boost (^N) ending it is set aside before reading what it is: "OR^2" is
  // the operator OR, "title:^2" a field with nothing after the colon.
  bool word(Piece& piece) {
    const std::size_t start = pos_;
    while (!ends_word(pos_)) ++pos_;
    std::string_view w = text_.substr(start, pos_ - start);
    piece.body = std::string(w);
    w.remove_suffix(query_boost_length(w));
    if (piece.sign == 0 && w == "AND") piece.kind = Kind::kAnd;
    if (piece.sign == 0 && w == "OR") piece.kind = Kind::kOr;
    if (piece.sign == 0 && w == "NOT") piece.kind = Kind::kNot;
    // As the lexer: only a name of letters can be a field.
    const std::size_t colon = w.find(':');
    if (colon != std::string_view::npos && colon > 0 && all_letters(w.substr(0, colon))) {
      return field(piece, w, colon);
    }
    return true;
  }

  // `w` (the piece's word) is name:value or ends in "name:".
  bool field(Piece& piece, std::string_view w, std::size_t colon) {
    const std::string name = ascii_lower(w.substr(0, colon));
    const bool facet = schema::find_facet(name) != nullptr;
    const bool known = facet || schema::find_text_field(name) != nullptr;
    const bool value_follows = colon + 1 < w.size();
    const bool quote_follows = !value_follows && at('"');
    const bool group_follows = !value_follows && !quote_follows && at('(');
    const std::string written = "'" + std::string(w.substr(0, colon + 1)) + "'";
    if (!known) {
      return unknown_field(piece, w, colon, value_follows || quote_follows || group_follows);
    }
    if (group_follows) {
      note(piece.offset, written,
           " takes a word or a \"phrase\", not a group in parentheses: the group is searched in "
           "all fields");
      return false;
    }
    if (!value_follows && !quote_follows) {
      note(piece.offset, written, " has nothing right after the colon: ignored");
      return false;
    }
    piece.kind = Kind::kField;
    if (quote_follows) piece.body += quoted();
    if (!facet) return true;
    const std::string value = value_follows
                                  ? std::string(w.substr(colon + 1))
                                  : piece.body.substr(colon + 2, piece.body.size() - colon - 3);
    return valid_filter(piece, name, value);
  }

  // `name:` where name is no field: the strict parser rejects it when
  // something follows the colon (`repaired`); then it is plain text.
  bool unknown_field(Piece& piece, std::string_view w, std::size_t colon, bool repaired) {
    if (!repaired) return true;  // "Note:" -- a word that happens to end in a colon
    note(piece.offset, "'" + std::string(w.substr(0, colon + 1)) + "'",
         " is not a field: searched as text");
    if (colon + 1 < w.size()) {
      // The word as a phrase: its terms in order, as any word the Analyzer
      // splits ("10:30") is searched; a boost after the word stays after it.
      piece.kind = Kind::kPhrase;
      piece.body = "\"" + std::string(w) + "\"" + piece.body.substr(w.size());
    } else {
      // The name as a word, and the quote or group after it as itself.
      // Lower case, as the Analyzer reads it: "AND" would be an operator.
      piece.body = ascii_lower(w.substr(0, colon));
    }
    return true;
  }

  // Whether the filter `name`:`value` is one filter_query() accepts; if not,
  // a note quotes it as typed (the piece ends at pos_) with the strict message.
  bool valid_filter(const Piece& piece, const std::string& name, const std::string& value) {
    try {
      filter_query({Filter{name, value}}, analyzer_);
      return true;
    } catch (const QueryError& e) {
      const std::string typed(text_.substr(piece.offset, pos_ - piece.offset));
      note(piece.offset, "'" + typed + "'", std::string(" is ignored: ") + e.what());
      return false;
    }
  }

  // Parentheses pass: unmatched ')' dropped, unclosed '(' closed at the end.
  void balance() {
    std::vector<Piece> out;
    std::vector<std::size_t> open;  // offsets of the '(' not yet closed
    for (Piece& piece : pieces_) {
      if (piece.kind == Kind::kClose) {
        if (open.empty()) {
          note(piece.offset, "the ')'", " has no matching '(': ignored");
          continue;
        }
        open.pop_back();
      } else if (piece.kind == Kind::kOpen) {
        open.push_back(piece.offset);
      }
      out.push_back(std::move(piece));
    }
    for (std::size_t offset : open) {
      note(offset, "the '('", " has no closing ')': closed at the end");
      out.push_back(Piece{Kind::kClose, 0, ")", text_.size()});
    }
    pieces_ = std::move(out);
  }

  // Whether pieces_[i] is an item a NOT before it can turn into an exclusion.
  bool negatable(std::size_t i) const {
    return i < pieces_.size() && starts_item(pieces_[i].kind) && pieces_[i].sign == 0;
  }

  // Whether the operator pieces_[i] has a term on its right: an item, or a
  // NOT that will exclude one.
  bool has_right(std::size_t i) const {
    if (i + 1 >= pieces_.size()) return false;
    return starts_item(pieces_[i + 1].kind) ||
           (pieces_[i + 1].kind == Kind::kNot && negatable(i + 2));
  }

  // Operator pass, left to right: an operator stays when it has a term on
  // either side (within its group), as the parser requires. A NOT without
  // a left term, at the start or after AND or OR, excludes what follows.
  void operators() {
    std::vector<Piece> out;
    for (std::size_t i = 0; i < pieces_.size(); ++i) {
      Piece& piece = pieces_[i];
      if (!is_operator(piece.kind)) {
        out.push_back(std::move(piece));
        continue;
      }
      const bool left = !out.empty() && ends_item(out.back().kind);
      const std::string name = "'" + piece.body + "'";  // as typed: OR, OR^2
      if (left && has_right(i)) {
        out.push_back(std::move(piece));
      } else if (!left && piece.kind == Kind::kNot && negatable(i + 1) &&
                 (out.empty() || out.back().kind != Kind::kNot)) {  // NOT NOT: a typo
        pieces_[i + 1].sign = '-';
        note(piece.offset, name, " has no term on its left: what follows it is excluded");
      } else {
        note(piece.offset, name,
             std::string(" has no term on its ") + (left ? "right" : "left") + ": ignored");
      }
    }
    pieces_ = std::move(out);
  }

  std::string_view text_;
  const Analyzer& analyzer_;
  std::size_t pos_ = 0;
  std::vector<Piece> pieces_;
  std::vector<Note> notes_;
};

// Parses `text`, whose byte offsets `origin` maps to those of `original`.
// A limit error leaves as a plain QueryError (the type is internal) naming
// the column in `original`; for any other QueryError, false.
template <typename Origin>
bool parse_within_limits(const QueryParser& parser, const std::string& text,
                         const CommonWordTest& is_common, const std::string& original,
                         const Origin& origin, ParsedQuery& out) {
  try {
    out = parser.parse(text, is_common);
    return true;
  } catch (const QueryLimitError& e) {
    if (e.offset == std::string::npos) throw QueryError(e.what());
    throw QueryError(too_deep_message(original, origin(e.offset)));
  } catch (const QueryError&) {
    return false;
  }
}

std::size_t same(std::size_t offset) { return offset; }

}  // namespace

RepairedQuery repair_query(const std::string& text, const Analyzer& analyzer) {
  return Repairer(text, analyzer).run();
}

std::string plain_words(const std::string& text) {
  std::string spaced = text;
  for (char& c : spaced) {
    if (c == '"' || c == '(' || c == ')' || c == ':') c = ' ';
  }
  const std::string_view all(spaced);
  std::string out;
  std::size_t i = 0;
  while (i < all.size()) {
    if (std::size_t n = query_space_length(all, i)) {
      i += n;
      continue;
    }
    std::size_t end = i;
    while (end < all.size() && query_space_length(all, end) == 0) ++end;
    std::string_view word = all.substr(i, end - i);
    i = end;
    while (!word.empty() && (word.front() == '+' || word.front() == '-')) word.remove_prefix(1);
    if (word.empty() || word == "AND" || word == "OR" || word == "NOT") continue;
    if (!out.empty()) out += ' ';
    out += word;
  }
  return out;
}

ParsedQuery parse_query(const QueryParser& parser, const std::string& text, bool strict,
                        const CommonWordTest& is_common, std::vector<std::string>* notes) {
  if (strict) {
    try {
      return parser.parse(text, is_common);
    } catch (const QueryLimitError& e) {
      throw QueryError(e.what());
    }
  }
  // Forgiving: well-formed text takes the strict path alone.
  ParsedQuery parsed;
  if (parse_within_limits(parser, text, is_common, text, same, parsed)) return parsed;
  const RepairedQuery repaired = repair_query(text, parser.analyzer());
  auto origin = [&](std::size_t offset) {
    auto it = std::lower_bound(repaired.origins.begin(), repaired.origins.end(),
                               std::make_pair(offset, std::size_t{0}));
    return it != repaired.origins.end() && it->first == offset ? it->second : offset;
  };
  if (parse_within_limits(parser, repaired.text, is_common, text, origin, parsed)) {
    if (notes) notes->insert(notes->end(), repaired.notes.begin(), repaired.notes.end());
    return parsed;
  }
  // A case the repair missed (the fuzz target looks for them): the words
  // alone, which hold no syntax the parser could reject, nor parentheses.
  parse_within_limits(parser, plain_words(text), is_common, text, same, parsed);
  if (notes)
    notes->push_back("the query could not be read as written: searched for its words alone");
  return parsed;
}

}  // namespace trove
