// The search page of `briefs serve`: reads the query from the URL, asks the JSON API,
// and draws the answer with DOM nodes only. Data from the index is never parsed as
// HTML: every string becomes a text node (textContent, createTextNode).
'use strict';

const PAGE_SIZE = 10;
const CONTEXT = 2;
const STATE_KEYS = ['q', 'lang', 'source', 'since', 'until', 'sort', 'offset', 'like'];

const $ = (id) => document.getElementById(id);
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
let languageNames = null;
try {
  languageNames = new Intl.DisplayNames(['en'], { type: 'language' });
} catch (_) {
  languageNames = null;
}
let inFlight = null;

// ---- DOM helpers -------------------------------------------------------------------

// An element with properties (className, type, …) and children (strings become text).
function el(tag, props, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (key.startsWith('aria-') || key.startsWith('data-')) node.setAttribute(key, value);
    else node[key] = value;
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return node;
}

// The fragment with its highlighted byte ranges wrapped in <mark>. The ranges are
// UTF-8 byte offsets; a range that is out of order, out of bounds or not on character
// boundaries (the strict decoder throws) is skipped.
function highlighted(fragment, ranges) {
  const out = document.createDocumentFragment();
  const bytes = encoder.encode(fragment);
  let at = 0;
  for (const range of Array.isArray(ranges) ? ranges : []) {
    const [start, end] = Array.isArray(range) ? range : [];
    if (!Number.isInteger(start) || !Number.isInteger(end)) continue;
    if (start < at || end <= start || end > bytes.length) continue;
    let before, inside;
    try {
      before = decoder.decode(bytes.subarray(at, start));
      inside = decoder.decode(bytes.subarray(start, end));
    } catch (_) {
      continue;
    }
    if (before) out.append(document.createTextNode(before));
    out.append(el('mark', {}, inside));
    at = end;
  }
  out.append(document.createTextNode(decoder.decode(bytes.subarray(at))));
  return out;
}

function languageName(code) {
  if (code === 'xx') return 'Other';
  try {
    return (languageNames && languageNames.of(code)) || code;
  } catch (_) {
    return code;
  }
}

// A link for a source that is a web address; plain text otherwise (never a
// javascript: or data: link).
function sourceNode(source) {
  try {
    const url = new URL(source);
    if (url.protocol === 'http:' || url.protocol === 'https:') {
      return el('a', { href: url.href, rel: 'noopener noreferrer nofollow', target: '_blank' }, url.hostname);
    }
  } catch (_) {
    // Not a URL: shown as text.
  }
  return el('span', {}, source);
}

function heading(item) {
  const section = item.section && item.section !== item.title ? item.section : null;
  return section ? `${item.title} › ${section}` : item.title || item.id;
}

// A hit's heading, the query's words in its title highlighted.
function hitHeading(hit) {
  if (!hit.title) return heading(hit);
  const out = document.createDocumentFragment();
  out.append(highlighted(hit.title, hit.title_highlights));
  const section = hit.section && hit.section !== hit.title ? hit.section : null;
  if (section) out.append(document.createTextNode(` › ${section}`));
  return out;
}

// ---- state in the URL --------------------------------------------------------------

function readState() {
  const params = new URLSearchParams(location.search);
  const state = {};
  for (const key of STATE_KEYS) {
    const value = params.get(key);
    if (value !== null && value.trim() !== '') state[key] = value;
  }
  return state;
}

function stateUrl(state) {
  const params = new URLSearchParams();
  for (const key of STATE_KEYS) {
    if (state[key] !== undefined && state[key] !== '' && !(key === 'offset' && +state[key] === 0)) {
      params.set(key, state[key]);
    }
  }
  const query = params.toString();
  return query ? `/?${query}` : '/';
}

function go(state) {
  const url = stateUrl(state);
  if (url !== location.pathname + location.search) history.pushState(null, '', url);
  render();
}

// ---- the API -----------------------------------------------------------------------

async function api(path, signal) {
  const response = await fetch(path, { signal, headers: { Accept: 'application/json' } });
  let body = null;
  try {
    body = await response.json();
  } catch (_) {
    body = null;
  }
  if (!response.ok) {
    const message = body && body.error ? body.error.message : `the server answered ${response.status}`;
    throw new Error(message);
  }
  return body;
}

// ---- drawing -----------------------------------------------------------------------

function setStatus(text, isError) {
  const status = $('status');
  status.textContent = text;
  status.classList.toggle('error', Boolean(isError));
}

function hitItem(hit, number) {
  const open = el('button', { type: 'button', className: 'title', 'data-id': hit.id }, hitHeading(hit));
  open.addEventListener('click', () => showContext(hit.id, open));
  const meta = el('p', { className: 'meta' });
  const parts = [];
  if (hit.date) parts.push(el('span', { className: 'date' }, hit.date));
  parts.push(el('span', { className: 'lang', title: hit.lang }, languageName(hit.lang)));
  if (hit.source) parts.push(sourceNode(hit.source));
  if (hit.page) parts.push(el('span', { className: 'page' }, `p. ${hit.page}`));
  parts.push(el('span', { className: 'id' }, hit.id));
  parts.forEach((part, i) => {
    if (i > 0) meta.append(el('span', { className: 'sep', 'aria-hidden': 'true' }, '·'));
    meta.append(part);
  });
  const fragment = hit.snippet.fragment;
  // The snippet marks its own cuts with '…'; mark only the ones it does not.
  // A cut the snippet marked at one end is not part of the text it compares at the other.
  const body = fragment.replace(/^…\s*/, '').replace(/\s*…$/, '');
  const cutBefore = typeof hit.text === 'string' && !hit.text.startsWith(body) && !fragment.startsWith('…');
  const cutAfter = typeof hit.text === 'string' && !hit.text.endsWith(body) && !fragment.endsWith('…');
  const snippet = el('p', { className: 'snippet' },
    cutBefore ? '… ' : null, highlighted(fragment, hit.snippet.highlights), cutAfter ? ' …' : null);
  const like = el('a', { href: stateUrl({ like: hit.id }), className: 'action like' }, 'More like this');
  like.addEventListener('click', (event) => {
    if (event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    go({ like: hit.id });
  });
  const context = el('button', { type: 'button', className: 'action' }, 'Show in context');
  context.addEventListener('click', () => showContext(hit.id, context));
  return el(
    'li',
    { className: 'hit' },
    el('div', { className: 'rank', 'aria-hidden': 'true' }, String(number)),
    el('div', { className: 'body' }, el('h3', {}, open), meta, snippet, copiesLine(hit), el('div', { className: 'actions' }, like, context)),
  );
}

// "Also in N documents", as the command line says it: the copies folded into this hit.
function copiesLine(hit) {
  const total = Number.isInteger(hit.copies_total) ? hit.copies_total : 0;
  if (total === 0) return null;
  const docs = Number.isInteger(hit.copies_documents) ? hit.copies_documents : total;
  const listed = Array.isArray(hit.copies) ? hit.copies : [];
  const names = listed.slice(0, 3).map((c) => String(c.id));
  const more = total - names.length;
  const where = names.join(', ') + (more > 0 ? ` and ${more} more` : '');
  const noun = docs === 1 ? 'document' : 'documents';
  return el('p', { className: 'copies' }, `Also in ${docs} ${noun}: ${where}`);
}

function drawHits(hits, offset) {
  $('results').replaceChildren(...hits.map((hit, i) => hitItem(hit, offset + i + 1)));
}

function facetList(name, counts, state, label) {
  const list = $(`facet-${name}`);
  const values = counts ? counts.values : [];
  const active = state[name];
  const items = values.map(({ value, count }) => {
    const pressed = active !== undefined && active.toLowerCase() === value.toLowerCase();
    const button = el(
      'button',
      { type: 'button', className: 'facet', 'aria-pressed': String(pressed), 'data-value': value },
      el('span', { className: 'facet-name' }, label(value)),
      el('span', { className: 'count' }, String(count)),
    );
    button.addEventListener('click', () => go({ ...readState(), [name]: pressed ? undefined : value, offset: undefined }));
    return el('li', {}, button);
  });
  if (active !== undefined && !values.some((v) => v.value.toLowerCase() === active.toLowerCase())) {
    const button = el('button', { type: 'button', className: 'facet', 'aria-pressed': 'true' }, label(active));
    button.addEventListener('click', () => go({ ...readState(), [name]: undefined, offset: undefined }));
    items.unshift(el('li', {}, button));
  }
  if (items.length === 0) items.push(el('li', { className: 'none' }, '—'));
  list.replaceChildren(...items);
}

function drawChips(state) {
  const chips = [];
  const names = { lang: 'Language', source: 'Source', since: 'From', until: 'To' };
  for (const key of Object.keys(names)) {
    if (state[key] === undefined) continue;
    const shown = key === 'lang' ? languageName(state[key]) : state[key];
    const chip = el('button', { type: 'button', className: 'chip', 'aria-label': `Remove filter ${names[key]} ${shown}` },
      `${names[key]}: ${shown}`, el('span', { 'aria-hidden': 'true' }, ' ×'));
    chip.addEventListener('click', () => go({ ...readState(), [key]: undefined, offset: undefined }));
    chips.push(chip);
  }
  $('active').replaceChildren(...chips);
}

function drawPager(state, page) {
  const offset = page.offset;
  const pager = $('pager');
  pager.hidden = offset === 0 && !page.more;
  $('prev').disabled = offset === 0;
  $('next').disabled = !page.more;
  $('page-info').textContent = page.hits.length ? `${offset + 1}–${offset + page.hits.length}` : '';
  $('prev').onclick = () => go({ ...state, offset: String(Math.max(0, offset - PAGE_SIZE)) });
  $('next').onclick = () => go({ ...state, offset: String(offset + PAGE_SIZE) });
}

function drawTerms(terms) {
  const list = $('terms');
  list.replaceChildren(...(terms || []).slice(0, 12).map((t) => el('li', {}, t.term)));
  list.hidden = !terms || terms.length === 0;
}

// ---- the three views ---------------------------------------------------------------

async function searchView(state, signal) {
  // Lenient, as the command line: a slip (an unclosed quote, a dangling AND) is
  // repaired and said in a note rather than refused.
  const params = new URLSearchParams({ q: state.q, n: String(PAGE_SIZE), facets: 'lang,source', lenient: 'true' });
  for (const key of ['lang', 'source', 'since', 'until', 'sort', 'offset']) {
    if (state[key] !== undefined) params.set(key, state[key]);
  }
  const started = performance.now();
  const page = await api(`/api/search?${params}`, signal);
  const ms = Math.round(performance.now() - started);
  drawHits(page.hits, page.offset);
  const facets = page.facets || {};
  facetList('lang', facets.lang, state, languageName);
  facetList('source', facets.source, state, (v) => v);
  const window = facets.lang ? facets.lang.window : 0;
  $('facet-note').textContent = window ? `Counts among the best ${window} matches.` : '';
  drawPager(state, page);
  if (page.hits.length === 0) {
    setStatus(page.offset > 0 ? 'No more passages.' : `No passage matches “${state.q}”.`);
    drawSuggestions(state, page.suggestions);
  } else {
    const last = page.offset + page.hits.length;
    const order = page.sort === 'date' ? `, newest first among the best ${page.window}` : '';
    setStatus(`Passages ${page.offset + 1}–${last} for “${state.q}”${order} · ${ms} ms`);
  }
  drawNotes(page.notes);
}

// What the lenient reading of the query repaired, after the status line.
function drawNotes(notes) {
  if (!Array.isArray(notes) || notes.length === 0) return;
  $('status').append(el('span', { className: 'notes' }, ` Note: ${notes.join('; ')}.`));
}

// "Did you mean": each suggestion a link to the query with the word it replaces (the
// first query word that begins with the analysed term), or to the suggestion alone.
function drawSuggestions(state, suggestions) {
  if (!Array.isArray(suggestions) || suggestions.length === 0) return;
  const links = suggestions.map((s) => {
    const next = { ...state, q: replaceWord(state.q, s.term, s.suggestion), offset: undefined };
    const link = el('a', { href: stateUrl(next) }, s.suggestion);
    link.addEventListener('click', (event) => {
      event.preventDefault();
      go(next);
    });
    return link;
  });
  const line = el('span', { className: 'suggestions' }, ' Did you mean ');
  links.forEach((link, i) => line.append(...(i > 0 ? [' ', link] : [link])));
  line.append('?');
  $('status').append(line);
}

function replaceWord(query, term, suggestion) {
  const words = query.split(/(\s+)/);
  const fold = (w) => w.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  const target = fold(term);
  const at = words.findIndex((w) => fold(w.replace(/^[^\p{L}\p{N}]+/u, '')).startsWith(target));
  if (at < 0) return suggestion;
  words[at] = words[at].replace(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/u, suggestion);
  return words.join('');
}

async function likeView(state, signal) {
  const [answer, example] = await Promise.all([
    api(`/api/like?${new URLSearchParams({ id: state.like, n: String(PAGE_SIZE) })}`, signal),
    api(`/api/passage/${encodeURIComponent(state.like)}?context=0`, signal),
  ]);
  drawHits(answer.hits, 0);
  drawTerms(answer.terms);
  $('pager').hidden = true;
  const name = `“${heading(example.passage)}” (${state.like})`;
  setStatus(answer.hits.length ? `Passages like ${name}` : `No passage is like ${name}.`);
}

async function homeView(signal) {
  $('results').replaceChildren();
  $('pager').hidden = true;
  const stats = await api('/api/stats', signal);
  const langs = stats.languages.map((l) => languageName(l.lang)).join(', ');
  setStatus(`${stats.passages.toLocaleString('en')} passages${langs ? ` in ${langs}` : ''}. Type a query: words, "a phrase", AND, OR, NOT.`);
}

async function render() {
  const state = readState();
  $('q').value = state.q || '';
  $('since').value = state.since || '';
  $('until').value = state.until || '';
  $('sort').value = state.sort === 'date' ? 'date' : 'relevance';
  document.body.classList.toggle('liking', state.like !== undefined);
  document.body.classList.toggle('home', state.q === undefined && state.like === undefined);
  document.title = state.q ? `${state.q} · briefs` : state.like ? `Like ${state.like} · briefs` : 'briefs';
  drawChips(state.like === undefined ? state : {});
  drawTerms([]);
  if (inFlight) inFlight.abort();
  inFlight = new AbortController();
  const signal = inFlight.signal;
  $('main').setAttribute('aria-busy', 'true');
  try {
    if (state.like !== undefined) await likeView(state, signal);
    else if (state.q !== undefined) await searchView(state, signal);
    else await homeView(signal);
  } catch (error) {
    if (error.name === 'AbortError') return;
    $('results').replaceChildren();
    $('pager').hidden = true;
    setStatus(error.message, true);
  } finally {
    if (!signal.aborted) $('main').removeAttribute('aria-busy');
  }
}

// ---- the passage in its document ---------------------------------------------------

async function showContext(id, opener) {
  const dialog = $('context');
  const body = $('context-body');
  $('context-title').textContent = id;
  $('context-meta').replaceChildren();
  body.replaceChildren(el('p', { className: 'note' }, 'Loading…'));
  $('context-like').href = stateUrl({ like: id });
  if (!dialog.open) dialog.showModal();
  dialog.onclose = () => opener && opener.focus();
  try {
    const answer = await api(`/api/passage/${encodeURIComponent(id)}?context=${CONTEXT}`);
    const passage = answer.passage;
    $('context-title').textContent = heading(passage);
    const page = passage.page ? `p. ${passage.page}` : null;
    const meta = [passage.date, languageName(passage.lang), passage.source, page, passage.id].filter(Boolean).join(' · ');
    $('context-meta').textContent = meta;
    const block = (record, current) => el(
      'section',
      { className: current ? 'passage current' : 'passage', 'aria-current': current ? 'true' : 'false' },
      el('span', { className: 'para' }, `¶ ${record.paragraph}`),
      record.section && record.section !== passage.title && !current ? el('h3', {}, record.section) : null,
      el('p', {}, record.text),
    );
    body.replaceChildren(
      ...answer.before.map((r) => block(r, false)),
      block(passage, true),
      ...answer.after.map((r) => block(r, false)),
    );
    const current = body.querySelector('.current');
    if (current) current.scrollIntoView({ block: 'center' });
  } catch (error) {
    body.replaceChildren(el('p', { className: 'error' }, error.message));
  }
}

// ---- wiring ------------------------------------------------------------------------

function start() {
  // Filters fold away on narrow screens, where they would push the results down.
  const narrow = window.matchMedia('(max-width: 720px)');
  const fold = () => { $('filter-box').open = !narrow.matches; };
  fold();
  narrow.addEventListener('change', fold);
  $('search').addEventListener('submit', (event) => {
    event.preventDefault();
    const q = $('q').value.trim();
    const state = readState();
    delete state.like;
    delete state.offset;
    go(q ? { ...state, q } : {});
  });
  $('dates').addEventListener('submit', (event) => {
    event.preventDefault();
    go({ ...readState(), since: $('since').value.trim(), until: $('until').value.trim(), offset: undefined });
  });
  $('sort').addEventListener('change', () => go({ ...readState(), sort: $('sort').value, offset: undefined }));
  $('close-context').addEventListener('click', () => $('context').close());
  $('context').addEventListener('click', (event) => {
    if (event.target === $('context')) $('context').close();
  });
  $('context-like').addEventListener('click', (event) => {
    if (event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    $('context').close();
    go(Object.fromEntries(new URLSearchParams($('context-like').search)));
  });
  document.addEventListener('keydown', (event) => {
    if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target;
    if (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return;
    event.preventDefault();
    $('q').focus();
    $('q').select();
  });
  window.addEventListener('popstate', render);
  render();
}

start();
