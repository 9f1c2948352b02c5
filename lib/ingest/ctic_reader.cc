// The CTIC listing grammar, line by line (lines compared after trimming):
//
//   file    := { blank | page | record }
//   page    := "Skip to main content" blank* heading      (heading: the topic)
//   record  := title blank* [ abstract ] [ blank* labels ]  (no abstract: a warning)
//   abstract:= text-line { text-line }                   (joined with spaces)
//   labels  := label { label | value }                    (ended by blank/EOF)
//
// A text line is any non-blank line that is neither a label nor the page
// marker. After an abstract, a blank line followed by a text line ends the
// record without labels; that line is the next title. The page marker ends
// whatever record is open. Because every rule above is decided by the current
// line alone, a record with an error is skipped by parsing it as usual and
// dropping it, which puts the reader at the start of the next record.
#include "ingest/ctic_reader.h"

#include <optional>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "ingest/line_reader.h"
#include "ingest/unique_list.h"
#include "ingest/year.h"
#include "text/text_util.h"

namespace trove {
namespace {

constexpr std::string_view kPageMarker = "Skip to main content";
constexpr std::size_t kTitleInMessage = 60;  // code points of a title quoted in an error
// Stands for a line over kMaxLineBytes, which LineReader does not
// keep: such a line can only be text (a title, abstract or value), and it
// makes its record an error.
constexpr std::string_view kTooLongLine = "\x01";
// A record's text (title, abstract and label lines) is bounded like a JSON
// Lines record, which is one line: an abstract of endless lines or a million
// labels cannot make the reader hold more than this.
constexpr std::size_t kMaxRecordBytes = kMaxLineBytes;
constexpr std::string_view kRecordTooLongReason = "record is longer than 8 MiB";

enum class Label { kNone, kCountry, kRegion, kAuthors, kYear, kCategory };

Label label_of(std::string_view trimmed) {
  if (trimmed == "Country") return Label::kCountry;
  if (trimmed == "Region") return Label::kRegion;
  if (trimmed == "Authors") return Label::kAuthors;
  if (trimmed == "Year") return Label::kYear;
  if (trimmed == "Category") return Label::kCategory;
  return Label::kNone;
}

// A record being read: the fields so far and the first error, if any.
struct Pending {
  Record record;
  UniqueList authors{record.authors};
  UniqueList country{record.country};
  UniqueList region{record.region};
  UniqueList category{record.category};
  std::vector<std::pair<std::string, std::size_t>> years;  // value, line
  std::unordered_set<std::string> year_values;              // years' values, for lookup
  std::size_t bytes = 0;                                    // text read so far
  std::optional<ReadError> error;
  std::optional<ReadError> no_abstract;  // the warning for a record without one

  // The list field a label fills (nullptr for kNone and kYear).
  UniqueList* list(Label label) {
    switch (label) {
      case Label::kCountry:
        return &country;
      case Label::kRegion:
        return &region;
      case Label::kAuthors:
        return &authors;
      case Label::kCategory:
        return &category;
      case Label::kYear:
      case Label::kNone:
        break;
    }
    return nullptr;
  }
};

class CticParser {
 public:
  CticParser(std::istream& in, const std::string& name, const RecordCallback& on_record,
             const ProblemCallback& on_problem)
      : lines_(in), name_(name), on_record_(on_record), on_problem_(on_problem) {}

  void run() {
    advance();
    while (have_) {
      if (is_blank()) {
        advance();
      } else if (is_page_marker()) {
        read_page_header();
      } else if (label() != Label::kNone) {
        report(error_at(lines_.number(), "record has no title"));
        Pending discarded;
        read_labels(discarded);
      } else {
        read_record();
      }
    }
  }

 private:
  // Moves to the next line; have_ is false at the end of the input.
  void advance() {
    have_ = lines_.next();
    trimmed_ = !have_               ? std::string_view()
               : lines_.too_long() ? kTooLongLine
                                   : text::trim(lines_.line());
  }
  bool is_blank() const { return trimmed_.empty(); }
  bool is_page_marker() const { return trimmed_ == kPageMarker; }
  Label label() const { return label_of(trimmed_); }
  // A line that can be a title, an abstract line or a value.
  bool is_text() const { return have_ && !is_blank() && !is_page_marker(); }

  ReadError error_at(std::size_t line, std::string reason,
                     ReadError::Severity severity = ReadError::Severity::kError) const {
    return ReadError{name_, line, std::move(reason), severity};
  }
  void report(const ReadError& error) const { on_problem_(error); }

  // Why the current line cannot be read as text (too long, NUL, bad UTF-8).
  std::optional<std::string> line_problem() const {
    if (lines_.too_long()) return std::string(kLineTooLongReason);
    return text::check_bytes(lines_.line());
  }

  // Records the first byte-level problem of the current line in `p`, or
  // that the record has grown too long.
  void check_line(Pending& p) const {
    if (p.error) return;
    if (auto reason = line_problem()) {
      p.error = error_at(lines_.number(), std::move(*reason));
      return;
    }
    p.bytes += trimmed_.size();
    if (p.bytes > kMaxRecordBytes) {
      p.error = error_at(lines_.number(), std::string(kRecordTooLongReason));
    }
  }

  void skip_blanks() {
    while (have_ && is_blank()) advance();
  }

  // At the page marker. The next non-blank line is the page's topic heading,
  // unless it is a label or another marker (then the page has no heading).
  void read_page_header() {
    topic_.reset();
    advance();
    skip_blanks();
    if (!have_ || is_page_marker() || label() != Label::kNone) return;
    if (auto reason = line_problem()) {
      report(error_at(lines_.number(), std::move(*reason)));
    } else {
      topic_ = std::string(trimmed_);
    }
    advance();
  }

  // At a title line.
  void read_record() {
    Pending p;
    p.record.source_file = name_;
    p.record.source_line = lines_.number();
    check_line(p);
    p.record.title = std::string(trimmed_);
    advance();
    skip_blanks();
    if (!is_text() || label() != Label::kNone) {
      // A catalogue entry listing no summary is kept, found by its title
      // and labels.
      p.no_abstract = error_at(p.record.source_line,
                               "record '" + text::utf8_prefix(p.record.title, kTitleInMessage) +
                                   "' has no abstract; indexed from its title and labels",
                               ReadError::Severity::kWarning);
      if (have_ && label() != Label::kNone) read_labels(p);
      finish(p);
      return;
    }
    read_abstract(p);
    if (have_ && is_blank()) {
      skip_blanks();  // a label here continues the record; anything else ends it
    }
    if (have_ && label() != Label::kNone) read_labels(p);
    finish(p);
  }

  // At the first abstract line; stops at a blank line, label, marker or EOF.
  void read_abstract(Pending& p) {
    while (is_text() && label() == Label::kNone) {
      check_line(p);
      if (!p.error) {
        if (!p.record.abstract.empty()) p.record.abstract += ' ';
        p.record.abstract.append(trimmed_);
      }
      advance();
    }
  }

  // At a label line; stops at a blank line, the page marker or EOF.
  void read_labels(Pending& p) {
    Label current = Label::kNone;
    for (; is_text(); advance()) {
      check_line(p);
      Label l = label();
      if (l != Label::kNone) {
        current = l;
        continue;
      }
      if (p.error) continue;  // the record is dropped; keep no values
      if (current == Label::kYear) {
        add_year(p);
      } else if (UniqueList* list = p.list(current)) {
        list->add(trimmed_);
      }
    }
  }

  void add_year(Pending& p) const {
    // A set, not a scan of `years`: a record may list many values.
    if (!p.year_values.emplace(trimmed_).second) return;
    p.years.emplace_back(std::string(trimmed_), lines_.number());
  }

  // Emits the record (with its warnings) or its error.
  void finish(Pending& p) {
    if (p.error) {
      report(*p.error);
      return;
    }
    std::optional<ReadError> warning;
    std::size_t kept = p.years.size();
    for (std::size_t i = 0; i < p.years.size() && kept == p.years.size(); ++i) {
      if (auto year = parse_year(p.years[i].first)) {
        p.record.year = year;
        kept = i;
      }
    }
    if (p.years.size() > 1 && p.record.year) {
      std::size_t dropped = kept == 0 ? 1 : 0;  // the first value not kept
      warning = error_at(p.years[dropped].second, many_years_reason(*p.record.year),
                         ReadError::Severity::kWarning);
    } else if (!p.years.empty() && !p.record.year) {
      warning = error_at(p.years[0].second, bad_year_reason(p.years[0].first),
                         ReadError::Severity::kWarning);
    }
    if (topic_) p.record.topic.push_back(*topic_);
    p.record.id = record_id(p.record.title, p.record.year);
    on_record_(std::move(p.record));
    if (p.no_abstract) report(*p.no_abstract);
    if (warning) report(*warning);
  }

  LineReader lines_;
  const std::string& name_;
  const RecordCallback& on_record_;
  const ProblemCallback& on_problem_;
  bool have_ = false;
  std::string_view trimmed_;  // the current line, trimmed (views lines_.line())
  std::optional<std::string> topic_;
};

}  // namespace

void read_ctic(std::istream& in, const std::string& name, const RecordCallback& on_record,
               const ProblemCallback& on_problem) {
  CticParser(in, name, on_record, on_problem).run();
}

}  // namespace trove
