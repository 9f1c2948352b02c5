"""Query assistance from Python: completions and "did you mean", with the
same answers as the library (tests/assist_test.cc, trove-search --complete)."""

import pytest

import trove


def test_complete_mixes_words_authors_and_titles_most_records_first(searcher):
    assert searcher.complete("mar") == [("Mara", "word", 1), ("Markéta Von Hagen", "author", 1),
                                        ("marriage", "word", 1)]


def test_complete_ignores_case_and_diacritics_and_narrows_to_a_field(searcher):
    assert searcher.complete("MARKE", field="author") == [("Markéta Von Hagen", "author", 1)]
    assert searcher.complete("le", field="country") == [("Lebanon", "country", 1)]
    assert searcher.complete("mar", limit=1) == [("Mara", "word", 1)]
    assert searcher.complete("mar", None, 2) == [("Mara", "word", 1),
                                                 ("Markéta Von Hagen", "author", 1)]
    assert searcher.complete("") == []
    assert searcher.complete("mar", limit=0) == []


def test_completions_are_named_tuples(searcher):
    completion = searcher.complete("marke")[0]
    assert isinstance(completion, trove.Completion)
    assert (completion.text, completion.field, completion.count) == (
        "Markéta Von Hagen", "author", 1)
    assert repr(completion) == "Completion(text='Markéta Von Hagen', field='author', count=1)"


def test_complete_refuses_an_unknown_field(searcher):
    with pytest.raises(trove.QueryError) as error:
        searcher.complete("le", field="colour")
    assert str(error.value) == ("unknown field 'colour' to complete; use title, author, word, "
                                "country, region, year, topic or category")


def test_a_misspelt_word_gets_a_suggestion(searcher):
    result = searcher.search("traficking")
    assert result.total == 0
    assert result.suggestion == ("trafficking", [("traficking", "trafficking")])
    assert isinstance(result.suggestion, trove.Suggestion)
    assert result.suggestion.query == "trafficking"
    assert result.suggestion.changes == [("traficking", "trafficking")]
    assert searcher.search(result.suggestion.query).total == 9


def test_the_users_syntax_is_kept_in_the_suggestion(searcher):
    suggestion = searcher.search('title:trafficing "national referral"').suggestion
    assert suggestion == ('title:trafficking "national referral"',
                          [("trafficing", "trafficking")])


def test_no_suggestion_for_known_words_or_when_not_asked(searcher):
    assert searcher.search("trafficking").suggestion is None
    assert searcher.search("traficking", suggest=False).suggestion is None


def test_a_closed_searcher_completes_nothing(sample_index):
    searcher = trove.Searcher.open(sample_index)
    searcher.close()
    with pytest.raises(ValueError):
        searcher.complete("mar")
