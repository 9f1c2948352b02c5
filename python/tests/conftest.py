"""Shared fixtures: the sample corpus, indexed once per test."""

import os
import pathlib

import pytest

import trove

SOURCE_DIR = pathlib.Path(
    os.environ.get("TROVE_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))
SAMPLE = SOURCE_DIR / "corpus" / "trafficking.txt"
ALL_FACETS = ["country", "region", "year", "topic", "category"]

# Titles of the sample's records, as in tests/searcher_test.cc.
WAY_FORWARD = (
    "The Way Forward in Establishing Effective Transnational Referral Mechanisms. A Report "
    "Based on Experiences in Cases of Human Trafficking in South-Eastern Europe")
LEBANON = (
    "Training-of-Trainers Curriculum on Standard Operating Procedures for Identification and "
    "Referral of Trafficked Persons in Lebanon")
AFTER_NRM = "After the National Referral Mechanism - What Next for Survivors of Trafficking?"
HOPE = ("Hope For the Future: Support For Survivors of Trafficking After the National Referral "
        "Mechanism")
YEARBOOK = (
    "Yearbook on Illegal Migration, Human Smuggling and Trafficking in Central and Eastern "
    "Europe. A Survey and Analysis of Border Management and Border Apprehension Data from 2010")
CAPACITY = (
    "Capacity Building for Combating Trafficking for Labour Exploitation Stepping Up the Fight "
    "Against Trafficking for Labour Exploitation")


@pytest.fixture
def sample_index(tmp_path):
    """The path of a fresh index of the sample corpus (10 records)."""
    db = str(tmp_path / "index")
    with trove.IndexWriter.open(db) as writer:
        stats = trove.ingest(writer, [SAMPLE])
    assert stats.added == 10
    return db


@pytest.fixture
def searcher(sample_index):
    with trove.Searcher.open(sample_index) as s:
        yield s


def titles(result):
    return {hit.record.title for hit in result.hits}


def search(searcher, query, filters=()):
    """As searcher_test.cc's search(): every facet, up to 20 hits."""
    return searcher.search(query, filters=list(filters), facets=ALL_FACETS, limit=20)
