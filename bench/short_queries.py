#!/usr/bin/env python3
"""Short versions of a judged collection's queries, for trove-relevance.

    bench/short_queries.py COLLECTION_DIR OUT.jsonl [--words 3]

Reads COLLECTION_DIR/queries.jsonl ({"qid", "text"}) and writes, for each
query, its first N content words ({"qid", "text"}) to OUT.jsonl: the words
(runs of letters and digits starting with a letter, lower-cased) in the
order written, each once, leaving out function words and words of request
(the list below). The result reads like what a person types into a search
box ("heat conduction composite" for Cranfield's "... heat conduction in
composite slabs"), so that the defaults can be checked on short queries as
well as on the collections' long requests. Run trove-relevance with
--docs DIR/docs.jsonl --queries OUT.jsonl --qrels DIR/qrels.trec.
"""
import argparse
import json
import re
import sys

# Function words, and the words the collections' requests are phrased in
# ("papers describing ...", "I am interested in ..."); chosen by reading
# the requests, before any relevance run.
SKIP = set("""
a an the of in on for to and or with by from at as is are was were be been
being this that these those it its into about what which who whom how why
when where any all some such can could would should may might do does did
has have had not no i we you they he she me my our your their them us also
there than then other others more most very papers paper articles article
documents document information find describe describing discuss discussing
interested interest want wish need needed used using use give given obtain
obtained available exist existing way ways method methods problem problems
case cases work works study studies
""".split())


def short(text, words):
    kept = []
    for word in re.findall(r"[a-z][a-z0-9]+", text.lower()):
        if word not in SKIP and word not in kept:
            kept.append(word)
    return " ".join(kept[:words])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("collection")
    parser.add_argument("out")
    parser.add_argument("--words", type=int, default=3)
    args = parser.parse_args()
    with open(f"{args.collection}/queries.jsonl", encoding="utf-8") as src, \
            open(args.out, "w", encoding="utf-8") as out:
        for line in src:
            query = json.loads(line)
            text = short(query["text"], args.words)
            out.write(json.dumps({"qid": query["qid"], "text": text}) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
