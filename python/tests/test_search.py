"""Searching the sample: the same answers as tests/searcher_test.cc."""

import pytest

import trove
from conftest import (AFTER_NRM, CAPACITY, HOPE, LEBANON, WAY_FORWARD, YEARBOOK, search,
                      titles)


def test_referral_returns_exactly_the_records_that_mention_it_with_exact_facets(searcher):
    result = search(searcher, "referral")
    assert result.total == 4
    assert titles(result) == {WAY_FORWARD, LEBANON, AFTER_NRM, HOPE}
    assert result.facets["country"] == [("Worldwide", 3), ("Lebanon", 1)]
    assert result.facets["region"] == [("Worldwide", 3), ("Middle East", 1),
                                       ("North Africa", 1)]
    assert result.facets["year"] == [("2012", 1), ("2013", 1), ("2018", 1), ("2020", 1)]
    assert result.facets["topic"] == [("Trafficking", 4)]
    assert result.facets["category"] == []
    assert sorted(result.facets) == ["category", "country", "region", "topic", "year"]
    for i, hit in enumerate(result.hits):
        assert hit.rank == i + 1
        assert hit.score > 0
        if i > 0:
            assert result.hits[i - 1].score >= hit.score


def test_facet_counts_are_named_tuples(searcher):
    count = search(searcher, "referral").facets["country"][0]
    assert isinstance(count, trove.FacetCount)
    assert (count.value, count.count) == ("Worldwide", 3)
    value, n = count
    assert (value, n) == ("Worldwide", 3)
    assert repr(count) == "FacetCount(value='Worldwide', count=3)"


def test_year_2013_returns_exactly_the_three_2013_records(searcher):
    result = search(searcher, "year:2013")
    assert result.total == 3
    assert titles(result) == {YEARBOOK, CAPACITY, LEBANON}
    # Multi-select: the year facet ignores the year selection.
    assert result.facets["year"] == [("2013", 3), ("2017", 2), ("2020", 2), ("2012", 1),
                                     ("2018", 1), ("2019", 1)]
    assert result.facets["country"] == [("Worldwide", 2), ("Lebanon", 1)]


@pytest.mark.parametrize("query", ["marketa", "Marketa", "Markéta", "MARKÉTA", "author:marketa"])
def test_an_authors_name_without_its_diacritics_finds_the_record(searcher, query):
    result = search(searcher, query)
    assert result.total == 1
    assert result.hits[0].record.title == LEBANON
    assert result.hits[0].record.authors == ["Markéta Von Hagen"]


def test_multi_select_facets_and_filters(searcher):
    result = search(searcher, "referral", [("region", "Middle East")])
    assert result.total == 1
    assert titles(result) == {LEBANON}
    assert result.facets["region"] == [("Worldwide", 3), ("Middle East", 1),
                                       ("North Africa", 1)]
    assert result.facets["country"] == [("Lebanon", 1)]
    assert result.facets["year"] == [("2013", 1)]
    # OR within a facet, AND across facets.
    both = search(searcher, "referral", [("region", "Middle East"), ("region", "Worldwide")])
    assert both.total == 4
    across = search(searcher, "referral", [("region", "Worldwide"), ("year", "2018..2020")])
    assert titles(across) == {AFTER_NRM, HOPE}
    assert across.facets["year"] == [("2012", 1), ("2018", 1), ("2020", 1)]
    assert across.facets["region"] == [("Worldwide", 2)]


def test_an_empty_query_with_filters_lists_the_matches_newest_first(searcher):
    result = search(searcher, "", [("year", "2017..2020")])
    assert result.total == 6
    assert [hit.record.year for hit in result.hits] == [2020, 2020, 2019, 2018, 2017, 2017]
    assert all(hit.score == 0 for hit in result.hits)
    assert searcher.search().total == 10  # every argument has a default


def test_sort_by_year_paging_and_phrases(searcher):
    page = searcher.search("trafficking", sort="year", limit=3, offset=2)
    assert page.total == 9  # all but the COVID-19 guidance note
    assert [hit.rank for hit in page.hits] == [3, 4, 5]
    assert [hit.record.year for hit in page.hits] == [2018, 2017, 2017]
    assert page.facets == {}
    assert titles(search(searcher, '"national referral mechanism"')) == {AFTER_NRM, HOPE}
    assert search(searcher, '"referral national"').total == 0
    assert titles(search(searcher, "title:lebanon")) == {LEBANON}
    assert search(searcher, "abstract:yearbook").total == 1
    assert search(searcher, '"border management"').total == 1
    assert search(searcher, 'abstract:"border management"').total == 0
    assert search(searcher, 'abstract:"referral mechanisms"').total == 2
    assert titles(search(searcher, "referral -lebanon +survivors")) == {AFTER_NRM, HOPE}
    assert search(searcher, "referral AND lebanon").total == 1


def test_snippets_mark_the_matched_words_and_can_be_turned_off(searcher):
    result = searcher.search("title:lebanon marketa")
    assert result.total == 1
    snippet = result.hits[0].snippet
    assert snippet.startswith("…and Referral of Trafficked Persons in [Lebanon] have been")
    assert snippet.endswith("…")
    marked = searcher.search("title:lebanon", highlight_begin="<b>", highlight_end="</b>")
    assert "in <b>Lebanon</b> have been" in marked.hits[0].snippet
    assert searcher.search("title:lebanon", snippets=False).hits[0].snippet == ""


def test_hits_carry_the_whole_record(searcher):
    hit = searcher.search("title:lebanon").hits[0]
    record = hit.record
    assert isinstance(record, trove.Record)
    assert record.country == ["Lebanon"]
    assert record.region == ["Middle East", "North Africa"]
    assert record.year == 2013
    assert record.topic == ["Trafficking"]
    assert record.source_file.endswith("trafficking.txt")
    assert record.source_line > 0
    assert record.id == trove.record_id(record.title, 2013)
    assert record.to_dict()["authors"] == ["Markéta Von Hagen"]


def test_reindexing_the_same_file_leaves_one_document_per_record(sample_index):
    from conftest import SAMPLE
    with trove.IndexWriter.open(sample_index) as writer:
        stats = trove.ingest(writer, SAMPLE, format="ctic")
    assert (stats.added, stats.replaced, stats.unchanged) == (0, 0, 10)
    searcher = trove.Searcher.open(sample_index)
    assert searcher.document_count() == 10
    assert searcher.search("").total == 10


def test_bm25_parameters_are_the_searchers_options(sample_index):
    plain = trove.Searcher.open(sample_index).search("referral trafficking")
    flat = trove.Searcher.open(sample_index, bm25_b=0).search("referral trafficking")
    assert plain.total == flat.total
    assert plain.hits[0].score != pytest.approx(flat.hits[0].score)
    with pytest.raises(trove.Error) as error:
        trove.Searcher.open(sample_index, bm25_b=1.5)
    assert type(error.value) is trove.Error
    assert str(error.value) == "BM25 parameters out of range: k1 must be finite and >= 0, b within 0..1"


def test_describe_query_shows_the_parsed_query(searcher):
    assert searcher.describe_query("referral AND title:lebanon") == "Query((Zreferr AND ZSlebanon))"


def test_a_searcher_sees_a_commit_on_its_next_search(sample_index):
    searcher = trove.Searcher.open(sample_index)
    assert searcher.search("zanzibar").total == 0
    with trove.IndexWriter.open(sample_index) as writer:
        writer.add(trove.Record(id="z", title="Zanzibar", abstract="Spice routes."))
    assert searcher.search("zanzibar").total == 1
    searcher.reopen()
    assert searcher.document_count() == 11


def test_sort_must_be_relevance_or_year(searcher):
    with pytest.raises(ValueError, match="^sort must be 'relevance' or 'year', not 'date'$"):
        searcher.search("referral", sort="date")


def test_a_closed_searcher_refuses_to_search(sample_index):
    with trove.Searcher.open(sample_index) as searcher:
        assert not searcher.closed
    assert searcher.closed
    with pytest.raises(ValueError, match="is closed$"):
        searcher.search("referral")
    searcher.close()  # again: nothing happens


def test_similar_lists_the_records_most_like_one_and_filters_them(searcher):
    result = searcher.similar("r8af543590b9292a3", filters=[("country", "Worldwide")], limit=3)
    assert result.total == 8
    assert [h.record.id for h in result.hits] == [
        "rf70853146cf95a0c", "r9c441dd3e22d3a2c", "r497109bdb8b99a5f"]


def test_explain_parts_add_up_to_the_hits_score(searcher):
    query = "forced labour exploitation of migrant workers in the gulf"
    for hit in searcher.search(query, limit=10).hits:
        e = searcher.explain(hit.record.id, query)
        assert e.matches and e.id == hit.record.id
        assert abs(sum(p.contribution for p in e.parts) - hit.score) <= 1e-9
    first = searcher.explain("rb9a9087977224ca1", "the referral")
    assert [(p.source, p.term, p.weight, p.term_frequency, p.document_length)
            for p in first.parts] == [("query", "referr", 1.0, 4, 110), ("query", "the", 0.0, 6, 110)]


def test_explain_and_similar_of_an_unknown_id_raise_query_error(searcher):
    with pytest.raises(trove.QueryError, match="^no record with id 'nope'$"):
        searcher.similar("nope")
    with pytest.raises(trove.QueryError, match="^no record with id 'nope'$"):
        searcher.explain("nope", "referral")
