#!/bin/sh
# trove-serve under load, on loopback only (bench/README.md, "trove-serve
# under load"). Prints, for the same mixed query set:
#   1. the library alone: N threads with a Searcher each (trove-serve-load),
#      and its CPU time per search;
#   2. trove-serve through HTTP: wrk with 16 connections (bench/serve_load.lua),
#      and the server's CPU time per request;
#   3. with --rebuild A B: wrk again while the index is rebuilt 3 times
#      (from B, A, B... alternately), and a checker (bench/serve_load.py)
#      that asserts every answer is exactly one generation's.
# Each timed run lasts --duration seconds; nothing runs unbounded.
set -eu

usage() {
  cat <<'EOF'
Usage: bench/serve_load.sh --db DIR --queries Q.jsonl [OPTIONS]

  --db DIR               an index (for --rebuild: built from A.jsonl alone)
  --queries Q.jsonl      a trove-gen-corpus query set
  --build DIR            build tree holding tools/trove-serve, tools/trove-index
                         and bench/trove-serve-load (default: build)
  --duration S           seconds per timed run (default 20)
  --connections N        wrk connections (default 16)
  --server-threads N     trove-serve --threads (default: --connections)
  --library-threads N    threads of the library baseline (default 2)
  --rebuild A.jsonl B.jsonl
                         then rebuild the index 3 times under load (B, A, B
                         after a first untimed switch to B and back: the
                         index ends as it began) and check every answer
EOF
  exit 2
}

db="" queries="" build="build" duration=20 connections=16 server_threads="" library_threads=2
corpus_a="" corpus_b=""
while [ $# -gt 0 ]; do
  case "$1" in
    --db) db=$2; shift 2 ;;
    --queries) queries=$2; shift 2 ;;
    --build) build=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --server-threads) server_threads=$2; shift 2 ;;
    --library-threads) library_threads=$2; shift 2 ;;
    --rebuild) corpus_a=$2; corpus_b=$3; shift 3 ;;
    *) usage ;;
  esac
done
[ -n "$db" ] && [ -n "$queries" ] || usage
server_threads=${server_threads:-$connections}
here=$(cd "$(dirname "$0")" && pwd)
serve=$build/tools/trove-serve
index=$build/tools/trove-index
load=$build/bench/trove-serve-load
for bin in "$serve" "$index" "$load"; do
  [ -x "$bin" ] || { echo "serve_load: no $bin; build it first (bench/README.md)" >&2; exit 2; }
done
command -v wrk >/dev/null || { echo "serve_load: wrk missing (scripts/setup-deps)" >&2; exit 2; }

work=$(mktemp -d)
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

"$load" --queries "$queries" --urls > "$work/urls"
echo "== $(wc -l < "$work/urls") queries from $queries; index $db"

echo "== the library alone"
"$load" --queries "$queries" --baseline --db "$db" --threads "$library_threads" --seconds "$duration"

"$serve" --db "$db" --listen 127.0.0.1:0 --threads "$server_threads" > "$work/serve.out" &
server_pid=$!
while ! grep -q listening "$work/serve.out" 2>/dev/null; do
  kill -0 "$server_pid" || { echo "serve_load: trove-serve did not start" >&2; exit 1; }
  sleep 0.1
done
url=$(sed -n 's/^listening on //p' "$work/serve.out")

run_wrk() {  # seconds
  wrk -t2 -c"$connections" -d"$1"s --timeout 10s -s "$here/serve_load.lua" "$url" -- "$work/urls" |
    sed -n '/^http:/p; /^errors:/p'
}

# CPU seconds (user + system) the server has used so far.
server_cpu() {
  awk -v hz="$(getconf CLK_TCK)" '{ printf "%.3f", ($14 + $15) / hz }' "/proc/$server_pid/stat"
}

echo "== trove-serve over HTTP: $connections connections, $server_threads server threads"
run_wrk 5 > /dev/null  # warm up
cpu0=$(server_cpu)
run_wrk "$duration" | tee "$work/timed.out"
cpu1=$(server_cpu)
requests=$(sed -n 's/^http: \([0-9]*\) requests.*/\1/p' "$work/timed.out")
awk -v a="$cpu0" -v b="$cpu1" -v n="$requests" \
  'BEGIN { printf "server CPU: %.3f ms per request\n", 1000 * (b - a) / n }'
echo "server peak RSS: $(sed -n 's/^VmHWM:[[:space:]]*//p' "/proc/$server_pid/status")"

[ -n "$corpus_a" ] || exit 0

rebuild() {  # corpus
  "$index" --db "$db" --rebuild "$1" > /dev/null 2>&1
}
python=/usr/bin/python3
echo "== 3 rebuilds under load"
$python "$here/serve_load.py" expect "$url" "$work/urls" "$work/a.json"
rebuild "$corpus_b"
$python "$here/serve_load.py" expect "$url" "$work/urls" "$work/b.json"
rebuild "$corpus_a"
wrk -t2 -c"$connections" -d3600s --timeout 10s -s "$here/serve_load.lua" "$url" -- "$work/urls" \
  > "$work/wrk.out" &
wrk_pid=$!
$python "$here/serve_load.py" check "$url" "$work/urls" "$work/a.json" "$work/b.json" \
  > "$work/check.out" &
check_pid=$!
sleep 2
start=$(date +%s)
for corpus in "$corpus_b" "$corpus_a" "$corpus_b"; do
  rebuild "$corpus"
done
took=$(( $(date +%s) - start ))
sleep 2
kill -INT "$check_pid" "$wrk_pid"
wait "$wrk_pid" || true
status=0
wait "$check_pid" || status=$?
rebuild "$corpus_a"  # back to the index as it was, not under load
echo "rebuilds: 3 under load in $took s"
sed -n '/^http:/p; /^errors:/p' "$work/wrk.out"
cat "$work/check.out"
exit "$status"
