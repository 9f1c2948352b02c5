#!/bin/sh
# The `package` test: installs trove from the build tree into a temporary
# prefix, builds the examples/ consumer against the installed package twice
# (CMake find_package, and pkg-config through examples/Makefile), and runs
# both on an index of corpus/trafficking.txt. Registered in
# tests/CMakeLists.txt; run it with `ctest -R package --output-on-failure`.
#
#   package_test.sh SOURCE_DIR BUILD_DIR LIBDIR VERSION TROVE_INDEX CXX GENERATOR PKG_CONFIG
set -eu

src=$1 build=$2 libdir=$3 version=$4 trove_index=$5 cxx=$6 generator=$7 pkg_config=$8

tmp=$(mktemp -d "${TMPDIR:-/tmp}/trove-package-XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
prefix=$tmp/prefix

fail() {
  echo "package test: $*" >&2
  exit 1
}
step() { echo "== $*"; }

# 1. Install the library and development files only (not the tools): the two
#    components must be enough for an application.
step "install into $prefix"
for component in trove_runtime trove_development; do
  cmake --install "$build" --prefix "$prefix" --component "$component" >"$tmp/install.log" ||
    { cat "$tmp/install.log"; fail "cmake --install --component $component failed"; }
done
for f in "$libdir/libtrove.so" "$libdir/libtrove.so.$version" include/trove/trove.h \
         include/trove/version.h "$libdir/cmake/trove/troveConfig.cmake" \
         "$libdir/cmake/trove/troveConfigVersion.cmake" "$libdir/pkgconfig/trove.pc"; do
  [ -e "$prefix/$f" ] || fail "not installed: $f"
done

# Only trove's own API leaves the library (hidden visibility, cmake/trove.map).
exports=$(nm -DC --defined-only "$prefix/$libdir/libtrove.so") || fail "nm failed"
echo "$(echo "$exports" | wc -l) exported symbols"
if echo "$exports" | grep -v -E '^[0-9a-f]+ [A-Za-z] ((typeinfo|typeinfo name|vtable) for )?trove::'; then
  fail "libtrove exports the symbols above, which are not trove's API"
fi

# 2. Only the public headers are needed: compiling the example pulls in no
#    Xapian, ICU, JSON or Boost header and nothing from the source tree.
step "headers"
"$cxx" -std=c++17 -I"$prefix/include" -M "$src/examples/faceted_search.cc" >"$tmp/deps" ||
  fail "the example does not compile against the installed headers"
if tr ' \\' '\n\n' <"$tmp/deps" | grep -E -e 'xapian|/unicode/|nlohmann|boost' -e "^$src/.*\.h$"; then
  fail "the installed headers include the dependencies above"
fi

# 3. CMake: find_package(trove) from the prefix only.
step "build examples/ with find_package(trove)"
cmake -S "$src/examples" -B "$tmp/cmake" -G "$generator" -DCMAKE_CXX_COMPILER="$cxx" \
  -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF >"$tmp/cmake.log" 2>&1 &&
  cmake --build "$tmp/cmake" >>"$tmp/cmake.log" 2>&1 ||
  { cat "$tmp/cmake.log"; fail "the CMake consumer does not build"; }
grep -qx "trove_DIR:PATH=$prefix/$libdir/cmake/trove" "$tmp/cmake/CMakeCache.txt" ||
  fail "find_package(trove) did not use the installed package: $(grep trove_DIR "$tmp/cmake/CMakeCache.txt")"

# 4. pkg-config: the Makefile with `pkg-config --cflags --libs trove`.
step "build examples/ with pkg-config"
mkdir "$tmp/pc"
PKG_CONFIG_PATH="$prefix/$libdir/pkgconfig" make -s -f "$src/examples/Makefile" -C "$tmp/pc" \
  CXX="$cxx" PKG_CONFIG="$pkg_config" >"$tmp/make.log" 2>&1 ||
  { cat "$tmp/make.log"; fail "the pkg-config consumer does not build"; }

# The applications depend on libtrove alone, not on Xapian or ICU.
for exe in "$tmp/cmake/faceted_search" "$tmp/pc/faceted_search"; do
  needed=$(readelf -d "$exe" | grep NEEDED)
  echo "$needed" | grep -q "libtrove.so.${version%%.*}" || fail "$exe does not need libtrove: $needed"
  if echo "$needed" | grep -E 'xapian|icu'; then fail "$exe links Xapian or ICU directly"; fi
done

# 5. Run both on the sample index and check what they print.
step "run"
"$trove_index" --db "$tmp/index" "$src/corpus/trafficking.txt" >"$tmp/index.log" 2>&1 ||
  { cat "$tmp/index.log"; fail "trove-index failed"; }
cat >"$tmp/expected-titles" <<'TITLES'
After the National Referral Mechanism - What Next for Survivors of Trafficking? (2018)
Hope For the Future: Support For Survivors of Trafficking After the National Referral Mechanism (2020)
The Way Forward in Establishing Effective Transnational Referral Mechanisms. A Report Based on Experiences in Cases of Human Trafficking in South-Eastern Europe (2012)
Training-of-Trainers Curriculum on Standard Operating Procedures for Identification and Referral of Trafficked Persons in Lebanon (2013)
TITLES
for exe in "$tmp/cmake/faceted_search" "$tmp/pc/faceted_search"; do
  LD_LIBRARY_PATH="$prefix/$libdir" "$exe" "$tmp/index" referral >"$tmp/out" ||
    fail "$exe failed"
  cat "$tmp/out"
  [ "$(head -n 1 "$tmp/out")" = "trove $version: 4 hits for referral" ] || fail "$exe: wrong first line"
  # Hits in rank order; ranking is the searcher tests' business, so compare as a set.
  grep -E '^[0-9]+\. ' "$tmp/out" | sed 's/^[0-9]*\. //' | LC_ALL=C sort >"$tmp/titles"
  diff "$tmp/expected-titles" "$tmp/titles" || fail "$exe: wrong hits"
  grep -qx 'region: Worldwide=3 Middle East=1 North Africa=1' "$tmp/out" || fail "$exe: wrong region facet"
  grep -qx 'year: 2012=1 2013=1 2018=1 2020=1' "$tmp/out" || fail "$exe: wrong year facet"
  # Malformed text is forgiven, with a note.
  LD_LIBRARY_PATH="$prefix/$libdir" "$exe" "$tmp/index" 'title:(referral' 2>"$tmp/err" >/dev/null ||
    fail "$exe: malformed text was not forgiven: $(cat "$tmp/err")"
  grep -qx "note: the '(' at column 7 has no closing ')': closed at the end" "$tmp/err" ||
    fail "$exe: wrong notes: $(cat "$tmp/err")"
  # A trove::QueryError thrown inside libtrove (parentheses nested beyond the
  # limit, an error in both modes) is caught by its type in the application.
  status=0
  deep="$(printf '%065d' 0 | tr 0 '(')referral"
  LD_LIBRARY_PATH="$prefix/$libdir" "$exe" "$tmp/index" "$deep" 2>"$tmp/err" || status=$?
  [ "$status" = 1 ] && grep -q '^faceted_search: bad query: parentheses nested' "$tmp/err" ||
    fail "$exe: a QueryError was not caught as one (exit $status): $(cat "$tmp/err")"
done
step "ok"
