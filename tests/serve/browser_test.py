"""The search page in headless Chromium against a real trove-serve.

Loads the page, types a query, ticks a facet, chooses a year range on the
histogram, goes to page 2 and back, and checks at each step that the page
shows exactly the totals, counts and hits that the library gives
(through `trove-search --json`, which prints the library's answer).

Run by ctest (tests/CMakeLists.txt) with the binaries in the environment:
TROVE_SERVE_BIN, TROVE_INDEX_BIN, TROVE_SEARCH_BIN, TROVE_SOURCE_DIR;
CHROMIUM and CHROMEDRIVER default to Debian's paths. With
TROVE_SCREENSHOT_DIR set, it also saves search-page.png (desktop),
search-page-phone.png and search-completions.png there.
"""

import json
import os
import random
import re
import shutil
import subprocess
import tempfile

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

SERVE = os.environ.get("TROVE_SERVE_BIN", "trove-serve")
INDEX = os.environ.get("TROVE_INDEX_BIN", "trove-index")
SEARCH = os.environ.get("TROVE_SEARCH_BIN", "trove-search")
SOURCE = os.environ.get("TROVE_SOURCE_DIR", ".")
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
SCREENSHOTS = os.environ.get("TROVE_SCREENSHOT_DIR")

HOSTILE_TITLE = '<img src=x onerror="document.title=\'pwned\'"> Script & <b>markup</b> in a title'

PLACES = [("Worldwide", "Worldwide"), ("Lebanon", "Middle East"), ("Jordan", "Middle East"),
          ("Nepal", "South Asia"), ("India", "South Asia"), ("Nigeria", "West Africa"),
          ("Côte d'Ivoire", "West Africa"), ("Ukraine", "Eastern Europe"),
          ("Moldova", "Eastern Europe"), ("Thailand", "South-East Asia"),
          ("Viet Nam", "South-East Asia"), ("Mexico", "Central America"),
          ("Guatemala", "Central America"), ("Brazil", "South America"),
          ("United Kingdom", "Western Europe")]
TOPICS = ["Trafficking", "Labour migration", "Forced labour", "Child protection",
          "Smuggling", "Refugees"]
CATEGORIES = ["Report", "Guide", "Research", "Policy brief", "Training material"]
TITLES = ["{0} and {1} in {place}", "Report on {0} {1} in {place}",
          "{0} {1}: a study of {2} and {3}", "Guidelines on {0} for {1} {2}",
          "{0}, {1} and {2}: lessons from {place}", "Handbook of {0} {1}"]
WORDS = ("labour migration trafficking border victim referral shelter court police child "
         "forced marriage debt recruitment network support survivors exploitation workers "
         "domestic agencies identification protection assistance return reintegration "
         "smuggling asylum rights evidence prosecution").split()


def generated_records(n=300, seed=7):
    """Deterministic records with enough spread for facets and paging."""
    rng = random.Random(seed)
    records = []
    for i in range(n):
        places = rng.sample(PLACES[:rng.choice([4, 8, 15])], rng.choice([1, 1, 2]))
        w = [rng.choice(WORDS) for _ in range(4)]
        place = places[0][0] if places[0][0] != "Worldwide" else "the world"
        title = rng.choice(TITLES).format(*w, place=place)
        abstract = " ".join(rng.choice(WORDS) for _ in range(rng.randint(30, 60)))
        records.append({
            "id": f"g{i:04d}",
            "title": title[0].upper() + title[1:],
            "abstract": abstract.capitalize() + ".",
            "authors": [f"Author {rng.randint(1, 40)}"],
            "country": [c for c, _ in places],
            "region": sorted({r for _, r in places}),
            "year": 1995 + min(29, int(rng.triangular(0, 30, 27))),
            "topic": [rng.choice(TOPICS)],
            "category": rng.sample(CATEGORIES, rng.choice([0, 1, 1, 2])),
        })
    records.append({"id": "hostile", "title": HOSTILE_TITLE, "abstract": "labour <script>",
                    "country": ["Lebanon"], "year": 2001})
    return records


@pytest.fixture(scope="module")
def index():
    work = tempfile.mkdtemp(prefix="trove-browser-")
    corpus = os.path.join(work, "generated.jsonl")
    with open(corpus, "w", encoding="utf-8") as out:
        for record in generated_records():
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    db = os.path.join(work, "index")
    subprocess.run([INDEX, "--db", db, os.path.join(SOURCE, "corpus"), corpus], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    yield db
    shutil.rmtree(work, ignore_errors=True)


@pytest.fixture(scope="module")
def server(index):
    proc = subprocess.Popen([SERVE, "--db", index, "--listen", "127.0.0.1:0"],
                            stdout=subprocess.PIPE, text=True)
    line = proc.stdout.readline()
    assert line.startswith("listening on http://127.0.0.1:"), line
    yield line.split()[-1]
    proc.terminate()
    assert proc.wait(timeout=20) == 0


@pytest.fixture(scope="module")
def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    profile = tempfile.mkdtemp(prefix="trove-chromium-")
    for flag in ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", f"--user-data-dir={profile}",
                 "--window-size=1280,1000", "--lang=en-US"]:
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


def library(index, query="", filters=(), offset=0):
    """The library's answer, as trove-search --json prints it."""
    args = [SEARCH, "--db", index, "--json", "--facets", "--limit", "10", "--offset", str(offset)]
    for field, value in filters:
        args += ["--filter", f"{field}={value}"]
    out = subprocess.run(args + ["--", query], check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def wait_loaded(driver, url_part):
    """Waits until the URL holds url_part and the page has rendered its answer."""
    def loaded(d):
        return (url_part in d.current_url
                and d.find_element(By.ID, "results").get_attribute("aria-busy") is None
                and d.find_element(By.ID, "status").text != "")
    WebDriverWait(driver, 20).until(loaded)


def number(text):
    """The number in a text such as "1,234" or ", 41 records"."""
    return int(re.sub(r"[^0-9]", "", text))


def shown_total(driver):
    return number(driver.find_element(By.ID, "total").text)


def shown_facet(driver, field):
    """(value, count) of each value listed for a facet, as shown."""
    items = driver.find_elements(By.CSS_SELECTOR, f'section[data-facet="{field}"] .facet-values label')
    return [(i.find_element(By.CLASS_NAME, "value").text,
             number(i.find_element(By.CLASS_NAME, "count").text)) for i in items]


def expected_facet(answer, field, selected=(), shown=8):
    """The first `shown` values, and any selected one after them."""
    counts = [(c["value"], c["count"]) for c in answer["facets"][field]]
    return [c for i, c in enumerate(counts) if i < shown or c[0] in selected]


def shown_years(driver):
    bars = driver.find_elements(By.CSS_SELECTOR, "#histogram .bar")
    return {int(b.get_attribute("data-year")): number(b.get_attribute("aria-label").split(": ")[1])
            for b in bars}


def shown_titles(driver):
    return [h.text for h in driver.find_elements(By.CSS_SELECTOR, "#hits .title")]


def check_page(driver, answer, filters=()):
    assert shown_total(driver) == answer["total"]
    words = set(driver.find_element(By.TAG_NAME, "body").text.split())
    assert not words & {"null", "undefined", "NaN", "[object"}
    assert shown_titles(driver) == [h["title"] for h in answer["hits"]]
    for field in ["country", "region", "topic", "category"]:
        selected = [v for f, v in filters if f == field]
        assert shown_facet(driver, field) == expected_facet(answer, field, selected), field
    years = {int(c["value"]): c["count"] for c in answer["facets"]["year"]}
    assert {y: n for y, n in shown_years(driver).items() if n} == years


def screenshot(driver, name, width, height):
    if not SCREENSHOTS:
        return
    driver.set_window_size(width, height)
    driver.execute_script("window.scrollTo(0, 0)")
    driver.save_screenshot(os.path.join(SCREENSHOTS, name))


def test_search_facet_years_and_paging(index, server, browser):
    browser.get(server + "/")
    wait_loaded(browser, "/")
    check_page(browser, library(index))

    box = browser.find_element(By.ID, "q")
    box.send_keys("labour migration", Keys.ENTER)
    wait_loaded(browser, "q=labour+migration")
    answer = library(index, "labour migration")
    check_page(browser, answer)
    assert browser.find_elements(By.CSS_SELECTOR, "#hits .snippet mark")

    country = answer["facets"]["country"][1]["value"]
    browser.find_element(By.CSS_SELECTOR, f'input[data-facet="country"][value="{country}"]').click()
    wait_loaded(browser, "filter=country")
    filters = [("country", country)]
    check_page(browser, library(index, "labour migration", filters), filters)
    checked = browser.find_element(By.CSS_SELECTOR, f'input[data-facet="country"][value="{country}"]')
    assert checked.is_selected()

    browser.find_element(By.CSS_SELECTOR, '#histogram .bar[data-year="2010"]').click()
    wait_loaded(browser, "year%3A2010")
    browser.find_element(By.CSS_SELECTOR, '#histogram .bar[data-year="2020"]').click()
    wait_loaded(browser, "year%3A2010..2020")
    filters.append(("year", "2010..2020"))
    answer = library(index, "labour migration", filters)
    assert answer["total"] > 10
    check_page(browser, answer, filters)
    pressed = browser.find_elements(By.CSS_SELECTOR, '#histogram .bar[aria-pressed="true"]')
    assert [int(b.get_attribute("data-year")) for b in pressed] == list(range(2010, 2021))
    screenshot(browser, "search-page.png", 1280, 1000)

    browser.set_window_size(1280, 1000)
    browser.find_element(By.ID, "pager-next").click()
    wait_loaded(browser, "page=2")
    page2 = library(index, "labour migration", filters, offset=10)
    check_page(browser, page2, filters)
    assert browser.find_element(By.ID, "hits").get_attribute("start") == "11"
    assert browser.find_element(By.ID, "status").text.startswith("Showing 11–")

    browser.back()
    WebDriverWait(browser, 20).until(lambda d: "page=2" not in d.current_url)
    wait_loaded(browser, "year%3A2010..2020")
    check_page(browser, answer, filters)
    browser.forward()
    wait_loaded(browser, "page=2")
    check_page(browser, page2, filters)


def test_a_value_ticked_from_the_long_list_stays_in_view(index, server, browser):
    browser.get(server + "/?q=labour")
    wait_loaded(browser, "q=labour")
    browser.find_element(By.CSS_SELECTOR, 'section[data-facet="country"] .show-all').click()
    last = library(index, "labour")["facets"]["country"][-1]["value"]
    assert len(library(index, "labour")["facets"]["country"]) > 8
    browser.find_element(By.CSS_SELECTOR, f'input[data-facet="country"][value="{last}"]').click()
    wait_loaded(browser, "filter=country")
    fewer = browser.find_element(By.CSS_SELECTOR, 'section[data-facet="country"] .show-all')
    assert fewer.text == "Show fewer"
    fewer.click()
    filters = [("country", last)]
    check_page(browser, library(index, "labour", filters), filters)
    assert browser.find_element(
        By.CSS_SELECTOR, f'input[data-facet="country"][value="{last}"]').is_selected()


def test_a_shared_link_renders_its_search(index, server, browser):
    browser.get(server + "/?q=trafficking&filter=region%3AWorldwide&sort=year&page=1")
    wait_loaded(browser, "sort=year")
    answer = library(index, "trafficking", [("region", "Worldwide")])
    assert shown_total(browser) == answer["total"]
    assert browser.find_element(By.ID, "q").get_attribute("value") == "trafficking"
    assert browser.find_element(By.ID, "sort").get_attribute("value") == "year"


def test_record_text_is_never_markup(server, browser):
    browser.get(server + "/?q=markup")
    wait_loaded(browser, "q=markup")
    assert shown_titles(browser) == [HOSTILE_TITLE]
    assert browser.title != "pwned"
    assert not browser.find_elements(By.CSS_SELECTOR, "#hits img, #hits b")


def test_a_malformed_query_is_answered_with_a_note(index, server, browser):
    browser.get(server + "/?q=%22labour+migration")
    wait_loaded(browser, "q=%22labour")
    answer = library(index, '"labour migration')
    assert answer["notes"] == [
        "the quote at column 1 has no closing quote: searched as a phrase to the end"]
    check_page(browser, answer)
    notes = browser.find_element(By.ID, "notes")
    assert notes.is_displayed()
    assert notes.text == ("Showing results for your query as read: the quote at column 1 "
                          "has no closing quote: searched as a phrase to the end")
    assert not browser.find_element(By.ID, "error").is_displayed()
    browser.get(server + "/?q=labour")
    wait_loaded(browser, "q=labour")
    assert not browser.find_element(By.ID, "notes").is_displayed()


def test_bad_query_shows_the_servers_message(server, browser):
    # Beyond the limits (parentheses nested 64 deep) even forgiving parsing refuses.
    browser.get(server + "/?q=" + "%28" * 65 + "x" + "%29" * 65)
    WebDriverWait(browser, 20).until(lambda d: d.find_element(By.ID, "error").is_displayed())
    assert browser.find_element(By.ID, "error").text == \
        "parentheses nested more than 64 deep: the '(' at column 65"
    assert not browser.find_element(By.ID, "notes").is_displayed()


def test_phone_width(server, browser):
    browser.set_window_size(390, 844)
    browser.get(server + "/?q=labour")
    wait_loaded(browser, "q=labour")
    panel = browser.find_element(By.ID, "filters-panel")
    assert panel.get_attribute("open") is None
    width = browser.execute_script("return document.documentElement.scrollWidth")
    assert width <= browser.execute_script("return window.innerWidth")
    screenshot(browser, "search-page-phone.png", 390, 844)
    browser.set_window_size(1280, 1000)


def test_keyboard_reaches_and_moves_along_the_years(server, browser):
    browser.get(server + "/?q=labour")
    wait_loaded(browser, "q=labour")
    stops = browser.find_elements(By.CSS_SELECTOR, '#histogram .bar[tabindex="0"]')
    assert len(stops) == 1  # one tab stop for the whole histogram
    latest = int(stops[0].get_attribute("data-year"))
    browser.execute_script("arguments[0].focus()", stops[0])
    stops[0].send_keys(Keys.ARROW_LEFT)
    active = browser.switch_to.active_element
    assert int(active.get_attribute("data-year")) == latest - 1
    active.send_keys(Keys.ENTER)
    wait_loaded(browser, f"year%3A{latest - 1}")
    assert browser.switch_to.active_element.get_attribute("data-year") == str(latest - 1)


def completion_options(driver):
    """The completions listed under the search box: (text, field) each."""
    return [(o.find_element(By.CLASS_NAME, "completion-text").text, o.get_attribute("data-field"))
            for o in driver.find_elements(By.CSS_SELECTOR, "#q-completions [role=option]")]


def completions_shown(driver):
    listbox = driver.find_element(By.ID, "q-completions")
    return listbox.is_displayed() and completion_options(driver)


def library_completions(index, prefix, limit=8):
    out = subprocess.run([SEARCH, "--db", index, "--json", "--complete", prefix,
                          "--limit", str(limit)], check=True, capture_output=True, text=True)
    return [(c["text"], c["field"]) for c in json.loads(out.stdout)]


def test_completions_are_offered_and_chosen_by_keyboard(index, server, browser):
    browser.get(server + "/")
    wait_loaded(browser, "/")
    box = browser.find_element(By.ID, "q")
    assert box.get_attribute("role") == "combobox"
    assert box.get_attribute("aria-expanded") == "false"
    box.send_keys("marr")
    WebDriverWait(browser, 20).until(completions_shown)
    expected = library_completions(index, "marr")
    assert expected[0] == ("marriage", "word")
    assert completion_options(browser) == expected
    assert box.get_attribute("aria-expanded") == "true"
    assert box.get_attribute("aria-controls") == "q-completions"
    assert browser.find_element(By.ID, "q-completions").get_attribute("role") == "listbox"

    box.send_keys(Keys.ARROW_DOWN)
    first = browser.find_element(By.ID, "q-option-0")
    assert box.get_attribute("aria-activedescendant") == "q-option-0"
    assert first.get_attribute("aria-selected") == "true"
    assert browser.switch_to.active_element == box  # focus stays in the box
    box.send_keys(Keys.ARROW_UP)  # back to the box
    assert box.get_attribute("aria-activedescendant") is None
    assert first.get_attribute("aria-selected") == "false"
    box.send_keys(Keys.ESCAPE)  # closes the list, keeps the text
    assert not browser.find_element(By.ID, "q-completions").is_displayed()
    assert box.get_attribute("aria-expanded") == "false"
    assert box.get_attribute("value") == "marr"

    box.send_keys("i")
    WebDriverWait(browser, 20).until(
        lambda d: completions_shown(d) and completion_options(d) == library_completions(index, "marri"))
    screenshot(browser, "search-completions.png", 1280, 560)
    box.send_keys(Keys.ARROW_DOWN, Keys.ENTER)
    wait_loaded(browser, "q=marriage")
    assert box.get_attribute("value") == "marriage"
    assert not browser.find_element(By.ID, "q-completions").is_displayed()
    check_page(browser, library(index, "marriage"))


def test_a_completed_country_becomes_a_filter(index, server, browser):
    browser.get(server + "/?q=labour")
    wait_loaded(browser, "q=labour")
    box = browser.find_element(By.ID, "q")
    box.clear()
    box.send_keys("leban")
    WebDriverWait(browser, 20).until(completions_shown)
    assert ("Lebanon", "country") in completion_options(browser)
    option = [o for o in browser.find_elements(By.CSS_SELECTOR, "#q-completions [role=option]")
              if o.get_attribute("data-field") == "country"][0]
    option.click()
    wait_loaded(browser, "filter=country%3ALebanon")
    filters = [("country", "Lebanon")]
    check_page(browser, library(index, "", filters), filters)
    assert box.get_attribute("value") == ""


def test_did_you_mean_searches_the_correction(index, server, browser):
    browser.get(server + "/?q=trafficing")
    wait_loaded(browser, "q=trafficing")
    answer = library(index, "trafficing")
    assert answer["total"] == 0
    assert answer["suggestion"]["query"] == "trafficking"
    suggestion = browser.find_element(By.ID, "suggestion")
    assert suggestion.is_displayed()
    assert suggestion.text == "Did you mean trafficking?"
    suggestion.find_element(By.CSS_SELECTOR, "a.suggested").click()
    wait_loaded(browser, "q=trafficking")
    corrected = library(index, "trafficking")
    assert corrected["total"] > 0
    check_page(browser, corrected)
    assert not browser.find_element(By.ID, "suggestion").is_displayed()
    assert browser.find_element(By.ID, "q").get_attribute("value") == "trafficking"


def test_similar_records_lists_the_records_like_a_hit(index, server, browser):
    browser.get(server + "/?q=trafficking")
    wait_loaded(browser, "q=trafficking")
    first = library(index, "trafficking")["hits"][0]
    browser.find_element(By.CSS_SELECTOR, "#hits a.similar").click()
    wait_loaded(browser, "like=")
    out = subprocess.run([SEARCH, "--db", index, "--json", "--facets", "--limit", "10",
                          "--like", first["id"]], check=True, capture_output=True, text=True)
    answer = json.loads(out.stdout)
    assert answer["total"] > 0
    assert first["id"] not in [h["id"] for h in answer["hits"]]
    check_page(browser, answer)
    assert browser.find_element(By.ID, "status").text.startswith("Records like the chosen one.")
    assert "q=" not in browser.current_url
    browser.back()
    wait_loaded(browser, "q=trafficking")
    assert shown_titles(browser)[0] == first["title"]
