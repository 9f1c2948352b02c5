// trove-serve's search page: the URL holds the search (/?q=...&filter=
// field:value&sort=year&page=2), each change pushes a new URL, and
// back/forward re-render the search they point at. Record text only ever
// reaches the page as text nodes (never as HTML).
'use strict';

(() => {
  const PAGE_SIZE = 10;
  const MAX_OFFSET = 10000;  // the server refuses deeper pages
  const FACETS = ['country', 'region', 'topic', 'category'];
  const LABELS = {country: 'Country', region: 'Region', topic: 'Topic', category: 'Category',
                  year: 'Year'};
  const PLURALS = {country: 'countries', region: 'regions', topic: 'topics',
                   category: 'categories'};
  const SHORT_LIST = 8;  // values shown before "Show all"
  // Highlight markers the API puts around matched words: control characters
  // that record text does not contain, split on below.
  const MARK_BEGIN = '\u0002';
  const MARK_END = '\u0003';

  // Hooks for features the API will gain. Each is off until its endpoint
  // exists; see similarAction.
  const FEATURES = {similar: true};

  const $ = (id) => document.getElementById(id);

  // Per-facet view state that lives outside the URL.
  const facetView = {};  // field -> {filter: text, expanded: bool}
  let yearAnchor = null;  // first year of a range being chosen on the histogram
  let current = null;     // the state on screen
  let lastRequest = 0;    // answers to older requests are dropped

  // --- small DOM helpers -------------------------------------------------

  // An element with attributes/properties and children (strings become text).
  function el(tag, props = {}, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props)) {
      if (value === undefined || value === null || value === false) continue;
      if (key === 'class') node.className = value;
      else if (key === 'text') node.textContent = value;
      else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
      else if (key in node && !key.includes('-')) node[key] = value;
      else node.setAttribute(key, value === true ? '' : value);
    }
    for (const child of children.flat()) {
      if (child !== null && child !== undefined) {
        node.append(typeof child === 'string' ? document.createTextNode(child) : child);
      }
    }
    return node;
  }

  const plural = (n, one, many) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
  const hidden = (text) => el('span', {class: 'visually-hidden', text});

  // --- state <-> URL -------------------------------------------------------

  function stateFromUrl(search) {
    const params = new URLSearchParams(search);
    const filters = [];
    for (const text of params.getAll('filter')) {
      const colon = text.indexOf(':');
      if (colon > 0 && colon < text.length - 1) {
        filters.push({field: text.slice(0, colon), value: text.slice(colon + 1)});
      }
    }
    const page = Math.max(1, parseInt(params.get('page') || '1', 10) || 1);
    const sort = params.get('sort') === 'year' ? 'year' : 'relevance';
    return {q: params.get('q') || '', like: params.get('like') || '', filters, sort, page};
  }

  function pageUrl(state) {
    const params = new URLSearchParams();
    if (state.like) params.set('like', state.like);
    else if (state.q) params.set('q', state.q);
    for (const f of state.filters) params.append('filter', `${f.field}:${f.value}`);
    if (state.sort !== 'relevance') params.set('sort', state.sort);
    if (state.page > 1) params.set('page', String(state.page));
    const query = params.toString();
    return query ? `/?${query}` : '/';
  }

  function apiUrl(state) {
    // "Similar records": the records like one (state.like), filtered,
    // faceted and paged as a search is; the query text is not used.
    const params = new URLSearchParams(state.like ? {} : {q: state.q});
    for (const f of state.filters) params.append('filter', `${f.field}:${f.value}`);
    params.set('facets', 'all');
    params.set('sort', state.sort);
    params.set('offset', String((state.page - 1) * PAGE_SIZE));
    params.set('limit', String(PAGE_SIZE));
    params.set('highlight_begin', MARK_BEGIN);
    params.set('highlight_end', MARK_END);
    if (state.like) return `/api/similar/${encodeURIComponent(state.like)}?${params}`;
    return `/api/search?${params}`;
  }

  const withChange = (change) => Object.assign({}, current, {page: 1}, change);

  function hasFilter(state, field, value) {
    return state.filters.some((f) => f.field === field && f.value === value);
  }

  function toggledFilter(field, value) {
    const filters = hasFilter(current, field, value)
      ? current.filters.filter((f) => !(f.field === field && f.value === value))
      : current.filters.concat([{field, value}]);
    return withChange({filters});
  }

  function withYear(range) {
    const filters = current.filters.filter((f) => f.field !== 'year');
    if (range) filters.push({field: 'year', value: range});
    return withChange({filters});
  }

  // --- navigation --------------------------------------------------------

  function navigate(state, focus) {
    history.pushState(null, '', pageUrl(state));
    show(state, focus);
  }

  function show(state, focus) {
    current = state;
    $('q').value = state.q;
    $('sort').value = state.sort;
    load(state, focus);
  }

  async function load(state, focus) {
    const request = ++lastRequest;
    $('results').setAttribute('aria-busy', 'true');
    let data;
    try {
      const response = await fetch(apiUrl(state), {headers: {Accept: 'application/json'}});
      data = await response.json();
      if (!response.ok) throw new Error(data.error ? data.error.message : response.statusText);
    } catch (error) {
      if (request === lastRequest) showError(error.message || 'The server could not be reached.');
      return;
    } finally {
      if (request === lastRequest) $('results').removeAttribute('aria-busy');
    }
    if (request !== lastRequest) return;
    const focusKey = focusedKey();
    render(state, data);
    restoreFocus(focus, focusKey);
  }

  // Re-rendering replaces the focused control: find it again by its key.
  function focusedKey() {
    const active = document.activeElement;
    return active && active.dataset ? active.dataset.key : undefined;
  }

  function restoreFocus(focus, key) {
    if (focus === 'results') {
      $('results').focus();
      return;
    }
    if (!key) return;
    const again = document.querySelector(`[data-key="${CSS.escape(key)}"]`);
    if (again) again.focus();
  }

  function showError(message) {
    $('error').hidden = false;
    $('error').textContent = message;
    $('status').textContent = 'The search failed.';
    $('notes').hidden = true;
    $('hits').replaceChildren();
    $('pager').replaceChildren();
  }

  // --- rendering ---------------------------------------------------------

  function render(state, data) {
    $('error').hidden = true;
    renderStatus(state, data);
    renderSuggestion(data.suggestion);
    renderNotes(data.notes || []);
    renderHits(data);
    renderPager(state, data.total);
    renderActiveFilters(state);
    renderHistogram(state, data.facets.year || []);
    for (const field of FACETS) renderFacet(state, field, data.facets[field] || []);
  }

  function renderStatus(state, data) {
    const status = $('status');
    if (data.total === 0) {
      status.replaceChildren('No records found', hidden('.'));
      return;
    }
    const first = data.offset + 1;
    const last = data.offset + data.hits.length;
    const total = el('span', {id: 'total', text: data.total.toLocaleString('en')});
    const range = data.hits.length ? `Showing ${first}–${last} of ` : 'Nothing on this page of ';
    const like = state.like ? 'Records like the chosen one. ' : '';
    status.replaceChildren(like + range, total, data.total === 1 ? ' record' : ' records');
  }

  // "Did you mean": the API adds `suggestion` ({query, changes}) when a
  // query word is in no record and a correction finds some; the link
  // searches the corrected query with the same filters.
  function renderSuggestion(suggestion) {
    const box = $('suggestion');
    const text = typeof suggestion === 'string' ? suggestion
      : suggestion && (suggestion.text || suggestion.query);
    box.hidden = !text;
    if (!text) return;
    const state = withChange({like: '', q: text});
    box.replaceChildren('Did you mean ', link(state, text, {class: 'suggested'}), '?');
  }

  // What the server made of malformed query text (an unclosed quote, say):
  // the results shown are for the query as reinterpreted, one note each.
  function renderNotes(notes) {
    const box = $('notes');
    box.hidden = notes.length === 0;
    box.replaceChildren(...notes.map((note) => el('p', {class: 'note'},
      el('strong', {text: 'Showing results for your query as read: '}), note)));
  }

  // A link to another search that the page itself opens.
  function link(state, text, props = {}) {
    return el('a', Object.assign({href: pageUrl(state), text, onclick: (event) => {
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
      event.preventDefault();
      navigate(state, props.focus);
    }}, props, {focus: undefined}));
  }

  function renderHits(data) {
    const list = $('hits');
    list.start = data.offset + 1;
    list.replaceChildren(...data.hits.map(renderHit));
  }

  function renderHit(hit) {
    const titleId = `hit-${hit.rank}`;
    return el('li', {class: 'hit'},
      el('article', {'aria-labelledby': titleId},
        el('h3', {id: titleId, class: 'title', text: hit.title}),
        meta(hit),
        hit.authors.length ? el('p', {class: 'authors', text: hit.authors.join('; ')}) : null,
        hit.snippet ? el('p', {class: 'snippet'}, highlighted(hit.snippet)) : null,
        tags(hit),
        actions(hit)));
  }

  function meta(hit) {
    const parts = [];
    if (hit.year !== null) parts.push(el('span', {class: 'year', text: String(hit.year)}));
    const places = hit.countries.concat(hit.regions.filter((r) => !hit.countries.includes(r)));
    if (places.length) parts.push(el('span', {class: 'places', text: places.join(', ')}));
    return parts.length ? el('p', {class: 'meta'}, parts) : null;
  }

  function tags(hit) {
    const values = hit.topics.concat(hit.categories);
    if (!values.length) return null;
    return el('ul', {class: 'tags', 'aria-label': 'Topics and categories'},
      values.map((v) => el('li', {text: v})));
  }

  // Text with the API's markers turned into <mark> elements.
  function highlighted(snippet) {
    const nodes = [];
    snippet.split(MARK_BEGIN).forEach((part, i) => {
      const end = part.indexOf(MARK_END);
      if (i === 0 || end < 0) {
        nodes.push(part.split(MARK_END).join(''));
        return;
      }
      nodes.push(el('mark', {text: part.slice(0, end)}));
      nodes.push(part.slice(end + 1).split(MARK_END).join(''));
    });
    return nodes;
  }

  function actions(hit) {
    const abstract = el('div', {class: 'abstract', id: `abstract-${hit.rank}`, hidden: true});
    const button = el('button', {type: 'button', class: 'link-button', text: 'Abstract',
      'aria-expanded': 'false', 'aria-controls': abstract.id, 'data-key': `abstract:${hit.id}`,
      onclick: () => toggleAbstract(button, abstract, hit.id)});
    return el('div', {class: 'actions'}, button, similarAction(hit), abstract);
  }

  async function toggleAbstract(button, box, id) {
    const open = button.getAttribute('aria-expanded') !== 'true';
    button.setAttribute('aria-expanded', String(open));
    box.hidden = !open;
    if (!open || box.dataset.loaded) return;
    try {
      const response = await fetch(`/api/records/${encodeURIComponent(id)}`);
      const record = await response.json();
      if (!response.ok) throw new Error(record.error ? record.error.message : response.statusText);
      box.textContent = record.abstract || 'No abstract.';
      box.dataset.loaded = 'yes';
    } catch (error) {
      box.textContent = `The record could not be loaded: ${error.message}`;
    }
  }

  // "Similar records": the page of records like this one (/?like=ID),
  // keeping the filters; a new search leaves it.
  function similarAction(hit) {
    if (!FEATURES.similar) return null;
    return link(withChange({like: hit.id, q: ''}), 'Similar records', {class: 'similar'});
  }

  // --- paging ------------------------------------------------------------

  function renderPager(state, total) {
    const pages = Math.min(Math.ceil(total / PAGE_SIZE), Math.floor(MAX_OFFSET / PAGE_SIZE) + 1);
    const pager = $('pager');
    if (pages <= 1) {
      pager.replaceChildren();
      return;
    }
    const page = state.page;
    const items = [pagerLink(page - 1, page > 1, 'Previous', 'pager-previous', 'Previous page')];
    for (const n of pageNumbers(page, pages)) {
      items.push(n === null ? el('span', {class: 'gap', text: '…'})
        : pagerLink(n, n !== page, String(n), `pager-${n}`, `Page ${n}`, n === page));
    }
    items.push(pagerLink(page + 1, page < pages, 'Next', 'pager-next', 'Next page'));
    pager.replaceChildren(el('ul', {}, items.map((item) => el('li', {}, item))));
  }

  function pagerLink(page, enabled, text, id, label, isCurrent = false) {
    if (!enabled) {
      return el('span', {id, class: isCurrent ? 'current' : 'disabled', text,
                         'aria-current': isCurrent ? 'page' : null, 'aria-label': label});
    }
    return link(Object.assign({}, current, {page}), text,
                {id, 'aria-label': label, 'data-key': id, focus: 'results'});
  }

  // First, last, and the pages around `page`; null where some are left out.
  function pageNumbers(page, pages) {
    const shown = new Set([1, pages, page - 1, page, page + 1]);
    const out = [];
    for (let n = 1; n <= pages; n++) {
      if (shown.has(n)) out.push(n);
      else if (out[out.length - 1] !== null) out.push(null);
    }
    return out;
  }

  // --- filters -----------------------------------------------------------

  function renderActiveFilters(state) {
    const box = $('active-filters');
    box.hidden = state.filters.length === 0;
    $('filters-count').textContent = state.filters.length ? `(${state.filters.length})` : '';
    const chips = state.filters.map((f) => el('li', {}, el('button', {
      type: 'button', class: 'chip', 'data-key': `chip:${f.field}:${f.value}`,
      'aria-label': `Remove filter ${LABELS[f.field] || f.field}: ${f.value}`,
      onclick: () => navigate(withChange({filters: current.filters.filter((g) => g !== f)})),
    }, `${LABELS[f.field] || f.field}: ${f.value}`, el('span', {'aria-hidden': 'true', text: ' ×'}))));
    const clear = el('button', {type: 'button', class: 'link-button', text: 'Clear all',
                                onclick: () => navigate(withChange({filters: []}))});
    box.replaceChildren(el('ul', {class: 'chips', 'aria-label': 'Active filters'}, chips), clear);
  }

  function renderFacet(state, field, counts) {
    const section = document.querySelector(`section[data-facet="${field}"]`);
    const view = facetView[field] || (facetView[field] = {filter: '', expanded: false});
    const values = withSelected(state, field, counts);
    const heading = el('h2', {id: `facet-${field}`, text: LABELS[field]});
    if (!values.length) {
      section.replaceChildren(heading, el('p', {class: 'hint', text: 'None in these results.'}));
      return;
    }
    const list = el('ul', {class: 'facet-values'});
    const more = el('button', {type: 'button', class: 'link-button show-all',
                               'data-key': `more:${field}`});
    const update = () => fillFacet(state, field, values, view, list, more);
    more.addEventListener('click', () => { view.expanded = !view.expanded; update(); });
    const box = facetFilterBox(field, values, view, update);
    section.replaceChildren(...[heading, box, list, more].filter(Boolean));
    update();
  }

  // The counts plus any selected value the counts lack (shown with 0, so
  // it can be unticked).
  function withSelected(state, field, counts) {
    const values = counts.slice();
    for (const f of state.filters) {
      if (f.field === field && !values.some((c) => c.value === f.value)) {
        values.push({value: f.value, count: 0});
      }
    }
    return values;
  }

  function facetFilterBox(field, values, view, update) {
    if (values.length <= SHORT_LIST) return null;
    const input = el('input', {type: 'search', class: 'facet-filter', value: view.filter,
      placeholder: `Filter ${PLURALS[field]}`, 'aria-label': `Filter ${PLURALS[field]}`,
      'data-key': `filter:${field}`, autocomplete: 'off'});
    input.addEventListener('input', () => { view.filter = input.value; update(); });
    return input;
  }

  function fillFacet(state, field, values, view, list, more) {
    const needle = fold(view.filter);
    const matching = values.filter((c) => fold(c.value).includes(needle));
    const shown = view.expanded || needle ? matching
      : matching.filter((c, i) => i < SHORT_LIST || hasFilter(state, field, c.value));
    list.replaceChildren(...shown.map((c) => facetValue(state, field, c)));
    if (!shown.length) list.append(el('li', {class: 'hint', text: 'No match.'}));
    more.hidden = needle !== '' || matching.length <= SHORT_LIST;
    more.textContent = view.expanded ? 'Show fewer' : `Show all ${matching.length}`;
    more.setAttribute('aria-expanded', String(view.expanded));
  }

  // Case- and accent-insensitive text for the facet filter box.
  function fold(text) {
    return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim();
  }

  function facetValue(state, field, c) {
    const box = el('input', {type: 'checkbox', value: c.value, checked: hasFilter(state, field, c.value),
                             'data-facet': field, 'data-key': `facet:${field}:${c.value}`});
    box.addEventListener('change', () => navigate(toggledFilter(field, c.value)));
    return el('li', {}, el('label', {},
      box, el('span', {class: 'value', text: c.value}),
      el('span', {class: 'count'}, hidden(', '), c.count.toLocaleString('en'), hidden(' records'))));
  }

  // --- year histogram ----------------------------------------------------

  function selectedYears(state) {
    const f = state.filters.find((g) => g.field === 'year');
    if (!f) return null;
    const [from, to] = f.value.includes('..') ? f.value.split('..') : [f.value, f.value];
    return {from: from ? parseInt(from, 10) : -Infinity, to: to ? parseInt(to, 10) : Infinity, text: f.value};
  }

  function renderHistogram(state, counts) {
    const selected = selectedYears(state);
    $('year-from').value = selected && isFinite(selected.from) ? selected.from : '';
    $('year-to').value = selected && isFinite(selected.to) ? selected.to : '';
    const byYear = new Map(counts.map((c) => [parseInt(c.value, 10), c.count]));
    const years = [...byYear.keys()].filter((y) => !isNaN(y));
    const box = $('histogram');
    if (!years.length) {
      box.replaceChildren(el('p', {class: 'hint', text: 'No years in these results.'}));
      return;
    }
    const first = Math.min(...years);
    const last = Math.max(...years);
    const most = Math.max(...byYear.values());
    const bars = [];
    for (let year = first; year <= last; year++) {
      bars.push(yearBar(year, byYear.get(year) || 0, most, selected));
    }
    rovingFocus(bars);
    box.replaceChildren(el('div', {class: 'bars', onkeydown: moveAlongBars}, bars),
      el('div', {class: 'axis', 'aria-hidden': 'true'},
        el('span', {text: String(first)}), el('span', {text: String(last)})));
  }

  // The bars are one stop in the tab order (the anchor, else the first
  // selected year, else the latest year); arrow keys move between them.
  function rovingFocus(bars) {
    const stop = bars.find((b) => b.classList.contains('anchor'))
      || bars.find((b) => b.classList.contains('selected'))
      || bars[bars.length - 1];
    for (const bar of bars) bar.tabIndex = bar === stop ? 0 : -1;
  }

  function moveAlongBars(event) {
    const bars = [...event.currentTarget.querySelectorAll('.bar')];
    const at = bars.indexOf(document.activeElement);
    const to = {ArrowLeft: at - 1, ArrowRight: at + 1, Home: 0, End: bars.length - 1}[event.key];
    if (at < 0 || to === undefined || to < 0 || to >= bars.length) return;
    event.preventDefault();
    bars[at].tabIndex = -1;
    bars[to].tabIndex = 0;
    bars[to].focus();
  }

  function yearBar(year, count, most, selected) {
    const inRange = selected !== null && year >= selected.from && year <= selected.to;
    const fill = el('span', {class: 'fill'});
    fill.style.height = `${count ? Math.max(4, Math.round((100 * count) / most)) : 0}%`;
    return el('button', {type: 'button', class: `bar${inRange ? ' selected' : ''}${year === yearAnchor ? ' anchor' : ''}`,
      'data-year': String(year), 'data-key': `year:${year}`, 'aria-pressed': String(inRange),
      'aria-label': `${year}: ${plural(count, 'record', 'records')}`, title: `${year}: ${count}`,
      onclick: () => chooseYear(year)}, fill);
  }

  // The first choice selects one year and remembers it; the second makes
  // the range between the two.
  function chooseYear(year) {
    if (yearAnchor === null) {
      yearAnchor = year;
      navigate(withYear(String(year)));
      return;
    }
    const from = Math.min(yearAnchor, year);
    const to = Math.max(yearAnchor, year);
    yearAnchor = null;
    navigate(withYear(from === to ? String(from) : `${from}..${to}`));
  }

  function applyYearForm(event) {
    event.preventDefault();
    const from = $('year-from').value.trim();
    const to = $('year-to').value.trim();
    yearAnchor = null;
    if (!from && !to) navigate(withYear(null));
    else navigate(withYear(from === to ? from : `${from}..${to}`));
  }

  // --- completion --------------------------------------------------------

  // The search box is a WAI-ARIA 1.2 combobox with a listbox: typing asks
  // /api/complete for completions of the box's text (titles, authors, facet
  // values, words). Down and Up move through them while focus stays in the
  // box (aria-activedescendant), Enter or a click chooses one, Escape closes
  // the list. Enter with none highlighted searches the text as typed.
  const COMPLETIONS = 8;
  const COMPLETE_DELAY_MS = 120;
  const KINDS = {word: 'word', title: 'title', author: 'author', country: 'country',
                 region: 'region', year: 'year', topic: 'topic', category: 'category'};
  const completion = {items: [], active: -1, request: 0, timer: null};

  function setupCompletion(input) {
    input.addEventListener('input', () => {
      clearTimeout(completion.timer);
      completion.timer = setTimeout(() => fetchCompletions(input.value), COMPLETE_DELAY_MS);
    });
    input.addEventListener('keydown', completionKey);
    input.addEventListener('blur', closeCompletions);
    // On mousedown, not click: the box would lose focus (and close the
    // list) before a click arrived.
    $('q-completions').addEventListener('mousedown', (event) => {
      const option = event.target.closest('[role="option"]');
      if (!option) return;
      event.preventDefault();
      choose(Number(option.dataset.index));
    });
  }

  async function fetchCompletions(text) {
    const request = ++completion.request;
    if (!text.trim()) {
      showCompletions([]);
      return;
    }
    let items = [];
    try {
      const params = new URLSearchParams({q: text.trimStart(), limit: String(COMPLETIONS)});
      const response = await fetch(`/api/complete?${params}`);
      if (response.ok) items = (await response.json()).completions;
    } catch (error) {
      items = [];  // completion only helps: the box still searches without it
    }
    const box = $('q');
    if (request !== completion.request || box.value !== text || document.activeElement !== box) return;
    showCompletions(items);
  }

  function showCompletions(items) {
    completion.items = items;
    completion.active = -1;
    const box = $('q');
    const list = $('q-completions');
    list.replaceChildren(...items.map(completionOption));
    list.hidden = items.length === 0;
    box.setAttribute('aria-expanded', String(items.length > 0));
    box.removeAttribute('aria-activedescendant');
    $('completion-status').textContent = items.length
      ? `${plural(items.length, 'suggestion', 'suggestions')}; up and down arrows to choose.` : '';
  }

  function completionOption(item, i) {
    const kind = KINDS[item.field] || item.field;
    return el('li', {id: `q-option-${i}`, class: 'completion', role: 'option',
                     'aria-selected': 'false', 'data-index': String(i), 'data-field': item.field,
                     'aria-label': `${item.text}, ${kind}, ${plural(item.count, 'record', 'records')}`},
      el('span', {class: 'completion-text', text: item.text}),
      el('span', {class: 'completion-kind', 'aria-hidden': 'true',
                  text: `${kind} · ${item.count.toLocaleString('en')}`}));
  }

  function closeCompletions() {
    ++completion.request;  // an answer still on its way is dropped
    clearTimeout(completion.timer);
    if (completion.items.length) showCompletions([]);
  }

  function highlight(to) {
    const options = $('q-completions').children;
    if (completion.active >= 0) options[completion.active].setAttribute('aria-selected', 'false');
    completion.active = to;
    if (to < 0) {
      $('q').removeAttribute('aria-activedescendant');
      return;
    }
    options[to].setAttribute('aria-selected', 'true');
    options[to].scrollIntoView({block: 'nearest'});
    $('q').setAttribute('aria-activedescendant', options[to].id);
  }

  function completionKey(event) {
    const n = completion.items.length;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (!n) return;
      event.preventDefault();
      // Down from the box goes to the first, Up to the last; past either
      // end back to the box (-1).
      const to = completion.active + (event.key === 'ArrowDown' ? 1 : -1);
      highlight(to >= n ? -1 : to < -1 ? n - 1 : to);
    } else if (event.key === 'Enter') {
      if (completion.active < 0) {
        closeCompletions();  // the form searches the text as typed
        return;
      }
      event.preventDefault();
      choose(completion.active);
    } else if (event.key === 'Escape' && n) {
      event.preventDefault();  // keeps the text (a search box clears on Escape)
      closeCompletions();
    }
  }

  // A word replaces the word being typed; a title or an author is searched
  // in its field; a facet value becomes a filter.
  function choose(index) {
    const item = completion.items[index];
    closeCompletions();
    if (!item) return;
    const typed = $('q').value;
    const quoted = item.text.replace(/"/g, ' ');
    if (item.field === 'word') {
      navigate(withChange({like: '', q: typed.replace(/\S*\s*$/, item.text)}));
    } else if (item.field === 'title' || item.field === 'author') {
      navigate(withChange({like: '', q: `${item.field}:"${quoted}"`}));
    } else {
      const filters = current.filters.filter((f) =>
        !(f.field === item.field && (item.field === 'year' || f.value === item.text)));
      navigate(withChange({like: '', q: '', filters: filters.concat([{field: item.field, value: item.text}])}));
    }
  }

  // --- start -------------------------------------------------------------

  function start() {
    $('search-form').addEventListener('submit', (event) => {
      event.preventDefault();
      navigate(withChange({like: '', q: $('q').value.trim()}));
    });
    $('sort').addEventListener('change', () => navigate(withChange({sort: $('sort').value})));
    $('year-form').addEventListener('submit', applyYearForm);
    $('year-clear').addEventListener('click', () => { yearAnchor = null; navigate(withYear(null)); });
    window.addEventListener('popstate', () => {
      yearAnchor = null;
      show(stateFromUrl(location.search));
    });
    setupCompletion($('q'));
    const wide = window.matchMedia('(min-width: 48em)');
    $('filters-panel').open = wide.matches;
    wide.addEventListener('change', () => { $('filters-panel').open = wide.matches; });
    show(stateFromUrl(location.search));
  }

  start();
})();
