#!/usr/bin/python3
"""Checks that trove-serve answers from one whole generation while the
index is rebuilt under load (bench/serve_load.sh runs it).

  serve_load.py expect BASE_URL URLS_FILE OUT.json
      fetches every path once and saves what identifies each answer: the
      total, the facet counts and the ids of the hits.
  serve_load.py check BASE_URL URLS_FILE A.json B.json
      fetches the paths round and round until SIGINT or SIGTERM, then prints
      how many answers were exactly generation A's, exactly B's, neither
      (a mixed or wrong answer), or an HTTP error; exits 1 unless every
      answer was A's or B's.
"""

import http.client
import json
import signal
import sys
import urllib.parse


def signature(body):
    answer = json.loads(body)
    return [answer["total"], answer["facets"], [hit["id"] for hit in answer["hits"]]]


def paths_of(urls_file):
    with open(urls_file, encoding="utf-8") as f:
        return [line.strip() for line in f if line.strip()]


def connect(base_url):
    url = urllib.parse.urlsplit(base_url)
    return http.client.HTTPConnection(url.hostname, url.port, timeout=30)


def fetch(conn, path):
    conn.request("GET", path)
    response = conn.getresponse()
    return response.status, response.read()


def expect(base_url, urls_file, out_file):
    conn = connect(base_url)
    answers = {}
    for path in paths_of(urls_file):
        status, body = fetch(conn, path)
        if status != 200:
            sys.exit(f"{path}: HTTP {status}: {body[:200]!r}")
        answers[path] = signature(body)
    with open(out_file, "w", encoding="utf-8") as f:
        json.dump(answers, f)


def check(base_url, urls_file, a_file, b_file):
    with open(a_file, encoding="utf-8") as f:
        gen_a = json.load(f)
    with open(b_file, encoding="utf-8") as f:
        gen_b = json.load(f)
    paths = paths_of(urls_file)
    counts = {"A": 0, "B": 0, "neither": 0, "http error": 0}
    first_bad = []
    stopping = []
    signal.signal(signal.SIGINT, lambda *_: stopping.append(1))
    signal.signal(signal.SIGTERM, lambda *_: stopping.append(1))
    conn = connect(base_url)
    i = 0
    while not stopping:
        path = paths[i % len(paths)]
        i += 1
        try:
            status, body = fetch(conn, path)
        except (OSError, http.client.HTTPException) as e:
            if stopping:
                break
            counts["http error"] += 1
            first_bad.append(f"{path}: {e}")
            conn = connect(base_url)
            continue
        if status != 200:
            counts["http error"] += 1
            first_bad.append(f"{path}: HTTP {status}: {body[:200]!r}")
            continue
        sig = signature(body)
        kind = "A" if sig == gen_a[path] else "B" if sig == gen_b[path] else "neither"
        counts[kind] += 1
        if kind == "neither":
            first_bad.append(f"{path}: an answer of neither generation")
    total = sum(counts.values())
    print(f"checker: {total} answers checked: {counts['A']} generation A, {counts['B']} "
          f"generation B, {counts['neither']} neither, {counts['http error']} HTTP errors")
    for line in first_bad[:5]:
        print(f"checker: {line}")
    return 0 if counts["neither"] == 0 and counts["http error"] == 0 else 1


def main(argv):
    if len(argv) == 5 and argv[1] == "expect":
        expect(*argv[2:])
        return 0
    if len(argv) == 6 and argv[1] == "check":
        return check(*argv[2:])
    sys.exit(__doc__)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
