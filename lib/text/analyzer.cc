// Analyzer: UTF-8 -> UTF-16 (with a byte-offset map) -> ICU word segments ->
// folded terms. ICU and Xapian stay inside this file.
#include "trove/analyzer.h"

#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/rbbi.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>
#include <xapian.h>

#include <array>
#include <cassert>
#include <cstdint>
#include <memory>
#include <mutex>
#include <new>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "trove/error.h"

namespace trove {
namespace {

// Xapian rejects terms over 245 bytes (prefix included). A "word" longer than
// 120 bytes is a URL, a hash or garbage rather than something anyone types in
// a query, so it is dropped (not truncated: a truncated term would match
// unrelated words that share the prefix). 120 leaves ample room for prefixes.
constexpr std::size_t kMaxTermBytes = 120;

// Scripts whose nonspacing marks are accents or vowel points that readers
// and searchers routinely omit: Latin/Greek/Cyrillic diacritics, Arabic
// harakat, Hebrew niqqud. In Brahmic scripts (Thai, Devanagari, ...) marks
// are vowels and tone marks that belong to the word, so they are kept.
bool folds_marks(UChar32 base) {
  UErrorCode status = U_ZERO_ERROR;
  switch (uscript_getScript(base, &status)) {
    case USCRIPT_LATIN:
    case USCRIPT_GREEK:
    case USCRIPT_CYRILLIC:
    case USCRIPT_ARABIC:
    case USCRIPT_HEBREW:
      return true;
    default:
      return false;
  }
}

constexpr UChar32 kArabicTatweel = 0x0640;     // elongation, pure typography
constexpr UChar32 kRightSingleQuote = 0x2019;  // the typographic apostrophe

// ASCII fast path. Most text in practice is whitespace-separated fields of
// pure ASCII; those are segmented here, exactly as ICU's root word rules
// would (tests compare the two exhaustively on short strings), and only
// fields with other characters go through ICU. Splitting at ASCII whitespace
// changes nothing: no word contains it and no UAX #29 rule looks across it.
//
// Word_Break classes of ASCII, as ICU's root rules define them ('@' is a
// letter there, so "a@b.com" is one word; ':' is not MidLetter).
enum AsciiClass : uint8_t {
  kOther,
  kLetter,      // ALetter: A-Z a-z @
  kDigit,       // Numeric: 0-9
  kUnderscore,  // ExtendNumLet: _
  kMidNumLet,   // MidNumLet and Single_Quote: . '
  kMidNum,      // MidNum: , ;
  kSpace,       // ASCII whitespace: fields are split here
};

constexpr std::array<AsciiClass, 128> make_ascii_classes() {
  std::array<AsciiClass, 128> classes{};
  for (int c = 'a'; c <= 'z'; ++c) classes[c] = kLetter;
  for (int c = 'A'; c <= 'Z'; ++c) classes[c] = kLetter;
  classes['@'] = kLetter;
  for (int c = '0'; c <= '9'; ++c) classes[c] = kDigit;
  classes['_'] = kUnderscore;
  classes['.'] = classes['\''] = kMidNumLet;
  classes[','] = classes[';'] = kMidNum;
  for (char c : {' ', '\t', '\n', '\v', '\f', '\r'}) classes[c] = kSpace;
  return classes;
}
constexpr std::array<AsciiClass, 128> kAsciiClass = make_ascii_classes();

constexpr bool is_word_class(AsciiClass c) { return c >= kLetter && c <= kUnderscore; }

// A word segment in the caller's text. `start` < 0 for words found by the
// ASCII fast path; otherwise [start, limit) is the word in Worker::text16.
struct Word {
  std::size_t begin, end;
  int32_t start, limit;
};

// Calls on_word for each word of the pure-ASCII field s[i, end), following
// UAX #29: letters, digits and '_' join (WB5, WB8-WB10, WB13a/b); '.' and
// '\'' join two letters (WB6/7) or two digits (WB11/12); ',' and ';' join
// two digits. A run of underscores alone is a word only if longer than one
// character (ICU's rule statuses), a lone '@' is a word.
template <typename OnWord>
void ascii_words(const uint8_t* s, std::size_t i, std::size_t end, OnWord& on_word) {
  while (i < end) {
    AsciiClass prev = kAsciiClass[s[i]];
    if (!is_word_class(prev)) {
      ++i;
      continue;
    }
    const std::size_t begin = i++;
    bool underscores_only = prev == kUnderscore;
    while (i < end) {
      const AsciiClass c = kAsciiClass[s[i]];
      if (is_word_class(c)) {
        underscores_only &= c == kUnderscore;
        prev = c;
        ++i;
      } else if ((c == kMidNumLet || c == kMidNum) && i + 1 < end &&
                 ((prev == kLetter && c == kMidNumLet && kAsciiClass[s[i + 1]] == kLetter) ||
                  (prev == kDigit && kAsciiClass[s[i + 1]] == kDigit))) {
        underscores_only = false;
        prev = kAsciiClass[s[i + 1]];
        i += 2;
      } else {
        break;
      }
    }
    if (!underscores_only || i - begin > 1) on_word(Word{begin, i, -1, -1});
  }
}

// Text that needs ICU is decoded to UTF-16 in pieces of at most this many
// bytes, so indexes fit ICU's int32_t and scratch buffers stay small (about
// 6 bytes per input byte). A piece ends after whitespace or punctuation
// (ASCII, or the CJK 。，、), where no word can continue, when there is
// any in its second half; else at a character boundary, which can split a
// word only in half a megabyte of text with neither.
constexpr std::size_t kPieceBytes = std::size_t{1} << 20;

std::size_t piece_length(std::string_view rest) {
  if (rest.size() <= kPieceBytes) return rest.size();
  const auto* s = reinterpret_cast<const uint8_t*>(rest.data());
  for (std::size_t i = kPieceBytes; i > kPieceBytes / 2; --i) {
    const uint8_t last = s[i - 1];
    if (last < 0x80 && (kAsciiClass[last] == kOther || kAsciiClass[last] == kSpace)) return i;
    if ((s[i - 3] == 0xE3 && s[i - 2] == 0x80 && (last == 0x81 || last == 0x82)) ||
        (s[i - 3] == 0xEF && s[i - 2] == 0xBC && last == 0x8C)) {
      return i;
    }
  }
  std::size_t i = kPieceBytes;
  while (i > 1 && U8_IS_TRAIL(s[i])) --i;
  return i;
}

// Scratch buffers grown beyond this many entries by a huge input are freed
// after the call rather than kept for the Analyzer's lifetime.
constexpr std::size_t kKeepScratch = std::size_t{1} << 16;

// A bounded memo of word -> result for the per-word work that costs most
// (Snowball stemming, ICU normalisation of non-ASCII words). Word frequencies
// follow Zipf's law, so a few thousand entries catch most running words.
// When full it simply starts again: no eviction bookkeeping per lookup.
class Memo {
 public:
  static constexpr std::size_t kEntries = 8192;
  static constexpr std::size_t kMaxKeyBytes = 48;  // longer words are rare

  const std::string* find(const std::string& key) const {
    const auto it = map_.find(key);
    return it == map_.end() ? nullptr : &it->second;
  }
  void insert(const std::string& key, const std::string& value) {
    if (key.size() > kMaxKeyBytes) return;
    if (map_.size() >= kEntries) map_.clear();
    map_.emplace(key, value);
  }

 private:
  std::unordered_map<std::string, std::string> map_;
};

// ICU's normalisers: process-wide singletons, safe to share between threads.
struct Normalizers {
  const icu::Normalizer2* nfkc_cf = nullptr;
  const icu::Normalizer2* nfd = nullptr;
  const icu::Normalizer2* nfc = nullptr;
};

// The state one call works in: ICU's break iterator, the stemmer, scratch
// buffers reused across calls and the memos. A Worker serves one call at a
// time; an Analyzer keeps a pool of them (see Analyzer::Impl).
class Worker {
 public:
  Worker(std::unique_ptr<icu::BreakIterator> words, const Normalizers& normalizers,
         const std::string& stem_language);

  // The terms of `text` as Tokens (Analyzer::tokenize).
  std::vector<Token> tokenize(std::string_view text);
  // Where the words of `text` lie (Analyzer::word_spans).
  std::vector<WordSpan> word_spans(std::string_view text);
  // The stem of a term (Analyzer::stem).
  std::string stem(const std::string& term);
  // The terms of `text` joined by spaces (Analyzer::normalize).
  std::string normalize(std::string_view text);

 private:
  // Calls on_word(const Word&) for each word of `text`, in order.
  template <typename OnWord>
  void for_each_word(std::string_view text, OnWord& on_word);
  // The same for text[from, to) through ICU.
  template <typename OnWord>
  void icu_words(std::string_view text, std::size_t from, std::size_t to, OnWord& on_word);

  // Decodes UTF-8 into text16/offsets; invalid sequences become U+FFFD.
  void decode(std::string_view bytes);

  // Appends the folded term for `word` of `text` to `out`. Returns false (and
  // leaves `out` as it was) when the term is empty or too long.
  bool append_term(std::string_view text, const Word& word, std::string& out);
  bool append_folded(std::string_view original, int32_t start, int32_t limit, std::string& out);
  // The uncached pipeline: NFKC_Casefold, then fold_marks.
  bool fold(int32_t start, int32_t limit, std::string& out);
  const icu::UnicodeString& fold_marks(const icu::UnicodeString& s);
  // Frees scratch buffers that a huge input grew beyond kKeepScratch.
  void trim_scratch();

  const Normalizers normalizers_;
  const bool stemming_;
  Xapian::Stem stemmer_;  // not shareable: Snowball keeps per-word state

  // Scratch, reused across calls. text16 is declared before `words`, which
  // refers to it, so it outlives it.
  icu::UnicodeString text16;
  std::vector<uint32_t> offsets;  // offsets[i]: byte offset of text16[i]
  std::unique_ptr<icu::BreakIterator> words;
  icu::UnicodeString folded, decomposed, stripped, composed;
  // tokenize() gathers terms here first, so that the result vector is
  // allocated once at its final size (growing it doubles and page-faults).
  struct Span {
    std::size_t term_begin, term_end;  // in arena
    std::size_t begin, end;            // in the input
  };
  std::string arena;
  std::vector<Span> spans;

  std::string key;  // reused for memo lookups
  Memo folds, stems;
};

Worker::Worker(std::unique_ptr<icu::BreakIterator> word_breaker, const Normalizers& normalizers,
               const std::string& stem_language)
    : normalizers_(normalizers),
      stemming_(!stem_language.empty()),
      stemmer_(stemming_ ? Xapian::Stem(stem_language) : Xapian::Stem()),
      words(std::move(word_breaker)) {}

void Worker::decode(std::string_view bytes) {
  // Every code point takes at least as many bytes as UTF-16 units, and every
  // invalid sequence at least one byte for its one U+FFFD.
  const auto n = static_cast<int32_t>(bytes.size());
  offsets.resize(bytes.size() + 1);
  UChar* out = text16.getBuffer(n > 0 ? n : 1);
  if (out == nullptr) {  // out of memory: analyse nothing rather than crash
    text16.remove();
    return;
  }
  const auto* s = reinterpret_cast<const uint8_t*>(bytes.data());
  int32_t i = 0, j = 0;
  while (i < n) {
    if (s[i] < 0x80) {
      offsets[j] = i;
      out[j++] = s[i++];
      continue;
    }
    const int32_t begin = i;
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c < 0) c = 0xFFFD;
    offsets[j] = begin;
    if (c <= 0xFFFF) {
      out[j++] = static_cast<UChar>(c);
    } else {
      out[j++] = U16_LEAD(c);
      offsets[j] = begin;
      out[j++] = U16_TRAIL(c);
    }
  }
  offsets[j] = n;
  text16.releaseBuffer(j);
}

template <typename OnWord>
void Worker::for_each_word(std::string_view text, OnWord& on_word) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const std::size_t n = text.size();
  std::size_t pending = n;  // start of fields not yet analysed, if any
  std::size_t i = 0;
  while (i < n) {
    if (s[i] < 0x80 && kAsciiClass[s[i]] == kSpace) {
      ++i;
      continue;
    }
    const std::size_t field = i;
    bool ascii = true;
    for (; i < n && !(s[i] < 0x80 && kAsciiClass[s[i]] == kSpace); ++i) ascii &= s[i] < 0x80;
    if (!ascii) {
      // Consecutive non-ASCII fields go to ICU together: setText is not free,
      // and Chinese or Thai text may use spaces between phrases.
      if (pending == n) pending = field;
      continue;
    }
    if (pending != n) {
      icu_words(text, pending, field, on_word);
      pending = n;
    }
    ascii_words(s, field, i, on_word);
  }
  if (pending != n) icu_words(text, pending, n, on_word);
}

template <typename OnWord>
void Worker::icu_words(std::string_view text, std::size_t from, std::size_t to,
                               OnWord& on_word) {
  while (from < to) {
    const std::string_view piece = text.substr(from, piece_length(text.substr(from, to - from)));
    decode(piece);
    words->setText(text16);
    int32_t start = words->first();
    for (int32_t limit = words->next(); limit != icu::BreakIterator::DONE;
         start = limit, limit = words->next()) {
      // Letters, numbers, kana and ideographs; not spaces, punctuation or
      // symbols (emoji included).
      if (words->getRuleStatus() < UBRK_WORD_NONE_LIMIT) continue;
      on_word(Word{from + offsets[start], from + offsets[limit], start, limit});
    }
    from += piece.size();
  }
}

bool Worker::append_term(std::string_view text, const Word& word, std::string& out) {
  const char* p = text.data() + word.begin;
  const std::size_t size = word.end - word.begin;
  bool ascii = true;
  for (std::size_t i = 0; i < size; ++i) ascii &= static_cast<unsigned char>(p[i]) < 0x80;
  if (!ascii) return append_folded(std::string_view(p, size), word.start, word.limit, out);
  // NFKC_Casefold of ASCII is plain lowercase.
  if (size > kMaxTermBytes) return false;
  const std::size_t old_size = out.size();
  out.resize(old_size + size);
  for (std::size_t i = 0; i < size; ++i) {
    const char c = p[i];
    out[old_size + i] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + ('a' - 'A')) : c;
  }
  return true;
}

bool Worker::append_folded(std::string_view original, int32_t start, int32_t limit,
                                   std::string& out) {
  key.assign(original.data(), original.size());
  const std::size_t old_size = out.size();
  if (const std::string* folded_term = folds.find(key)) {
    out += *folded_term;
  } else {
    if (!fold(start, limit, out)) return false;
    folds.insert(key, out.substr(old_size));
  }
  if (out.size() == old_size || out.size() - old_size > kMaxTermBytes) {
    out.resize(old_size);
    return false;
  }
  return true;
}

bool Worker::fold(int32_t start, int32_t limit, std::string& out) {
  assert(start >= 0 && start < limit);  // only ICU finds non-ASCII words
  UErrorCode status = U_ZERO_ERROR;
  const icu::UnicodeString word(false, text16.getBuffer() + start, limit - start);
  normalizers_.nfkc_cf->normalize(word, folded, status);
  if (U_FAILURE(status)) return false;
  fold_marks(folded).toUTF8String(out);
  return true;
}

// Drops the accents of Latin, Greek and Cyrillic letters and the vowel
// points of Arabic and Hebrew; also maps non-ASCII decimal digits to ASCII
// ("٢٠١٣" -> "2013") and the typographic apostrophe to "'" ("don’t" ->
// "don't"), so either spelling finds the other. Returns `s` when nothing
// changes (the common case), else the recomposed (NFC) result.
const icu::UnicodeString& Worker::fold_marks(const icu::UnicodeString& s) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::UnicodeString* d = &s;
  if (normalizers_.nfd->spanQuickCheckYes(s, status) != s.length()) {
    normalizers_.nfd->normalize(s, decomposed, status);
    if (U_FAILURE(status)) return s;
    d = &decomposed;
  }
  stripped.remove();
  bool changed = false;
  UChar32 base = -1;
  for (int32_t i = 0; i < d->length();) {
    UChar32 c = d->char32At(i);
    i += U16_LENGTH(c);
    const int8_t type = u_charType(c);
    if (type == U_NON_SPACING_MARK) {
      if (base >= 0 && folds_marks(base)) {
        changed = true;
        continue;
      }
    } else {
      base = c;
    }
    if (c == kArabicTatweel) {
      changed = true;
      continue;
    }
    if (c == kRightSingleQuote) {
      c = '\'';
      changed = true;
    } else if (type == U_DECIMAL_DIGIT_NUMBER && c >= 0x80) {
      c = '0' + u_charDigitValue(c);
      changed = true;
    }
    stripped.append(c);
  }
  if (!changed) return s;
  normalizers_.nfc->normalize(stripped, composed, status);
  if (U_FAILURE(status)) return stripped;
  return composed;
}

void Worker::trim_scratch() {
  if (static_cast<std::size_t>(text16.getCapacity()) > kKeepScratch) text16 = icu::UnicodeString();
  if (offsets.capacity() > kKeepScratch) std::vector<uint32_t>().swap(offsets);
  if (spans.capacity() > kKeepScratch) std::vector<Span>().swap(spans);
  if (arena.capacity() > kKeepScratch) std::string().swap(arena);
}

std::vector<Token> Worker::tokenize(std::string_view text) {
  arena.clear();
  spans.clear();
  auto on_word = [this, text](const Word& word) {
    const std::size_t term_begin = arena.size();
    if (append_term(text, word, arena)) {
      spans.push_back({term_begin, arena.size(), word.begin, word.end});
    }
  };
  for_each_word(text, on_word);
  std::vector<Token> tokens;
  tokens.reserve(spans.size());
  for (const Span& span : spans) {
    tokens.push_back(Token{arena.substr(span.term_begin, span.term_end - span.term_begin),
                           tokens.size(), span.begin, span.end});
  }
  trim_scratch();
  return tokens;
}

// The words' terms are made only to learn which words have one: an ASCII
// word found by the fast path has one unless it is too long; a word ICU
// finds may fold to nothing.
std::vector<WordSpan> Worker::word_spans(std::string_view text) {
  std::vector<WordSpan> out;
  std::string term;
  auto on_word = [this, text, &out, &term](const Word& word) {
    term.clear();
    if (word.start < 0 ? word.end - word.begin <= kMaxTermBytes : append_term(text, word, term)) {
      out.push_back({word.begin, word.end});
    }
  };
  for_each_word(text, on_word);
  trim_scratch();
  return out;
}

std::string Worker::stem(const std::string& term) {
  if (const std::string* stem = stems.find(term)) return *stem;
  std::string stem;
  try {
    stem = stemmer_(term);
  } catch (const Xapian::Error&) {
    return term;  // Snowball does not fail on real words; be safe on others
  }
  stems.insert(term, stem);
  return stem;
}

std::string Worker::normalize(std::string_view text) {
  std::string out;
  auto on_word = [this, text, &out](const Word& word) {
    const std::size_t old_size = out.size();
    if (old_size != 0) out += ' ';
    if (!append_term(text, word, out)) out.resize(old_size);
  };
  for_each_word(text, on_word);
  trim_scratch();
  return out;
}

void check(UErrorCode status, const char* what) {
  if (U_FAILURE(status)) {
    throw Error(std::string("cannot initialise text analysis: ") + what + ": " +
                u_errorName(status));
  }
}

// Numbers ("2013", "3.5", "1,000") are not words: stem() leaves them alone.
bool has_letter_or_non_ascii(const std::string& term) {
  for (unsigned char c : term) {
    if (c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
  }
  return false;
}

}  // namespace

// What the threads sharing an Analyzer share: settings fixed at construction
// and a pool of idle Workers. A call takes a Worker from the pool (making one
// when all are busy, so there are as many as calls ever ran at once) and
// gives it back, so concurrent calls never touch the same state, and a thread
// calling repeatedly keeps reusing warm memos and buffers.
struct Analyzer::Impl {
  explicit Impl(const std::string& lang);

  // A Worker held for the duration of one call.
  class Lease {
   public:
    explicit Lease(Impl& impl) : impl_(impl), worker_(impl.acquire()) {}
    ~Lease() { impl_.release(std::move(worker_)); }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Worker* operator->() const { return worker_.get(); }

   private:
    Impl& impl_;
    std::unique_ptr<Worker> worker_;
  };

  std::unique_ptr<Worker> acquire();
  void release(std::unique_ptr<Worker> worker);

  std::string language;
  std::string stem_language;  // empty when stemming is off
  Normalizers normalizers;

  std::mutex mutex;                               // guards the three below
  std::unique_ptr<icu::BreakIterator> prototype;  // cloned for each Worker
  std::vector<std::unique_ptr<Worker>> idle;
  std::size_t workers = 0;  // made so far: idle ones and those in calls
};

Analyzer::Impl::Impl(const std::string& lang) : language(lang) {
  if (language != "none") {
    try {
      if (!language.empty()) {
        Xapian::Stem probe(language);
        stem_language = language;
      }
    } catch (const Xapian::InvalidArgumentError&) {
    }
    if (stem_language.empty()) {
      throw Error("unknown stemming language '" + language +
                  "'; use one of: " + Xapian::Stem::get_available_languages());
    }
  }
  UErrorCode status = U_ZERO_ERROR;
  prototype.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
  check(status, "ICU word break iterator");
  if (!prototype) check(U_MEMORY_ALLOCATION_ERROR, "ICU word break iterator");
  normalizers.nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(status);
  check(status, "ICU NFKC_Casefold normaliser");
  normalizers.nfd = icu::Normalizer2::getNFDInstance(status);
  check(status, "ICU NFD normaliser");
  normalizers.nfc = icu::Normalizer2::getNFCInstance(status);
  check(status, "ICU NFC normaliser");
  idle.push_back(acquire());  // the first Worker, so construction reports its failures
}

std::unique_ptr<Worker> Analyzer::Impl::acquire() {
  std::unique_ptr<icu::BreakIterator> words;
  {
    const std::lock_guard<std::mutex> lock(mutex);
    if (!idle.empty()) {
      std::unique_ptr<Worker> worker = std::move(idle.back());
      idle.pop_back();
      return worker;
    }
    // ICU's clone() reads the prototype, which is never iterated; the lock
    // keeps two clones from running at once all the same.
    words.reset(prototype->clone());
    // Room for every Worker in `idle`, so that release() cannot fail.
    idle.reserve(++workers);
  }
  // A failed clone (out of memory) throws std::bad_alloc, as allocation
  // anywhere in the call would.
  if (!words) throw std::bad_alloc();
  return std::make_unique<Worker>(std::move(words), normalizers, stem_language);
}

void Analyzer::Impl::release(std::unique_ptr<Worker> worker) {
  const std::lock_guard<std::mutex> lock(mutex);
  idle.push_back(std::move(worker));  // never reallocates: see acquire()
}

Analyzer::Analyzer(const AnalyzerOptions& options)
    : impl_(std::make_unique<Impl>(options.language)) {}
Analyzer::~Analyzer() = default;
Analyzer::Analyzer(Analyzer&&) noexcept = default;
Analyzer& Analyzer::operator=(Analyzer&&) noexcept = default;

std::vector<Token> Analyzer::tokenize(std::string_view text) const {
  return Impl::Lease(*impl_)->tokenize(text);
}

std::vector<WordSpan> Analyzer::word_spans(std::string_view text) const {
  return Impl::Lease(*impl_)->word_spans(text);
}

std::string Analyzer::stem(const std::string& term) const {
  if (impl_->stem_language.empty() || !has_letter_or_non_ascii(term)) return term;
  return Impl::Lease(*impl_)->stem(term);
}

std::string Analyzer::normalize(std::string_view text) const {
  return Impl::Lease(*impl_)->normalize(text);
}

const std::string& Analyzer::language() const { return impl_->language; }

}  // namespace trove
