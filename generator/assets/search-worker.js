/*
 * The site's search, answered from the site's own index inside Material for MkDocs' search box.
 *
 * Material's search box talks to a web worker in four messages (SETUP, READY, QUERY,
 * RESULT). Its own worker downloads every page's text and builds a Lunr index in the
 * browser, which takes seconds and tens of megabytes on an archive of thousands of
 * claims. This worker speaks the same messages but answers from the index in
 * search/index/ (written by generator/search_index.py), of which a query fetches only
 * the few small files it needs: the files of its words, then those of the results shown.
 *
 * Typing sends a query at every key. A query first waits a moment (SETTLE) for the next
 * key, and is dropped as soon as a newer one arrives (then and after each file it waits
 * for), so only the last query's results are shown and a query typed at a steady pace
 * downloads little more than its own files; the files a dropped one fetched stay, and
 * usually are what the last one needs.
 *
 * Ranking: a record matches a query when it has every word of it, the last one perhaps
 * only begun (typing "okaf" finds Okafor). A whole word counts more than the start of a
 * longer one, so "Person 17" ranks Person 17 above Person 177; a word in the claim, the
 * claimant or the tags counts more than one in the short answer; rarer words count more;
 * and a query that is a claimant's whole name puts that claimant's claims first.
 *
 * A query may name filters: `verdict:false`, `tag:immigration`, `claimant:"Paul LePage"`
 * (any case; a verdict by its label or its key, such as mostly-false), in English or
 * with the names the site's language gives them (see SITE).
 *
 * Written into the site by the factcheck plugin (generator/search.py); not edited by hand.
 */
"use strict";

const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
/** Results shown at once (Material draws ten before the reader scrolls), then at most. */
const FIRST = 10, MOST = 50;
/** What a word counts for in each field (bits as in generator/search_index.py FIELDS). */
const FIELD_WEIGHTS = [[1, 4], [2, 4], [4, 2], [8, 2], [16, 1], [32, 3], [64, 1]];
/** A whole word, and the start of a longer one (only for words of two letters or more). */
const WHOLE = 1, START = 0.35;
/** How many word files a begun word may look through. */
const START_FILES = 3;
/**
 * How long a query waits for the next key before it fetches anything (ms). Someone typing
 * at a steady pace (about 80 ms a key) sends a query per key; waiting this long lets each
 * be superseded before it downloads the files of a word not yet typed in full.
 */
const SETTLE = 120;
/**
 * The site's own words, written here by the plugin (generator/search.py): for each filter,
 * the names a reader may type (English and the site's language), and each verdict's key
 * with its label. Readers can type `verdict:faux` or `verdict:false` on a French site.
 */
const SITE = {"filters": {"verdict": ["verdict"], "claimant": ["claimant"], "tag": ["tag"]}, "verdicts": {}};
const NAMES = new Map(Object.entries(SITE.filters).flatMap(
  ([filter, names]) => names.map((name) => [name.toLocaleLowerCase(), filter])));
const FILTER = new RegExp(
  `(?<![\\p{L}\\p{N}])(${[...NAMES.keys()].map(escapeRegExp).join("|")}):(?:"([^"]*)"?|(\\S+))`,
  "giu");
const WORD = /[\p{L}\p{N}]+/gu;

// This file is <site>/search/factcheck-search.js, and the index is <site>/search/index/.
const root = new URL("../", self.location.href);
const folder = new URL("search/index/", root);
const files = new Map();
let latest = 0;

/** A file of the index, fetched once and kept. */
function load(name) {
  if (!files.has(name)) {
    files.set(name, fetch(new URL(name, folder)).then((response) => {
      if (!response.ok) throw new Error(`${name}: ${response.status}`);
      return response.json();
    }));
  }
  return files.get(name);
}

const meta = load("meta.json");

/** Lower case without accents, as generator/search_index.py folds. */
function fold(text) {
  return String(text).normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
}

function words(text) {
  return fold(text).match(WORD) || [];
}

function nameKey(text) {
  return words(text).join("-");
}

/** Text for Material's result list, which inserts it as HTML. */
function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Claim text, shown in its own direction (an Arabic claim on an English site). */
function auto(html) {
  return `<span dir="auto">${html}</span>`;
}

/** The query's words, its filters, and whether its last word is still being typed. */
function parse(query) {
  const filters = [];
  for (const [, key, quoted, bare] of query.matchAll(FILTER)) {
    const value = nameKey(quoted !== undefined ? quoted : bare);
    if (value) filters.push(`${NAMES.get(key.toLocaleLowerCase())}:${value}`);
  }
  const rest = query.replace(FILTER, " ");
  return { words: words(rest), filters: filters, open: /[\p{L}\p{N}]$/u.test(rest) };
}

/** The word file that holds `word`, by the first words of all files. */
function fileOf(firsts, word) {
  let low = 0, high = firsts.length - 1, found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (firsts[middle] <= word) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}

function fieldWeight(bits) {
  let weight = 0;
  for (const [bit, value] of FIELD_WEIGHTS) if (bits & bit) weight += value;
  return weight || 1;
}

/** Score by record of one query word: whole words, and longer words it starts. */
async function match(index, word, begun) {
  const first = fileOf(index.words, word);
  const numbers = first >= 0 ? [first] : [];
  if (begun) {
    for (let i = first + 1; i < index.words.length && numbers.length < START_FILES &&
         index.words[i].startsWith(word); i++) numbers.push(i);
  }
  const chunks = await Promise.all(numbers.map((n) => load(`w${n}.json`)));
  const scores = new Map();
  const add = (entry, kind) => {
    const idf = Math.log(1 + index.records / (entry.length / 2));
    for (let i = 0; i < entry.length; i += 2) {
      const score = kind * idf * fieldWeight(entry[i + 1]);
      if (score > (scores.get(entry[i]) || 0)) scores.set(entry[i], score);
    }
  };
  for (const chunk of chunks) {
    if (chunk[word]) add(chunk[word], WHOLE);
    if (!begun) continue;
    for (const [other, entry] of Object.entries(chunk)) {
      if (other !== word && other.startsWith(word) && !other.includes(":")) add(entry, START);
    }
  }
  return scores;
}

/** The records that answer a query, best first: [record number, score]. */
async function rank(index, query) {
  // A word in too many records to say anything is not in the index: it is left out of
  // the query (even the last one, as typed: it is a whole word).
  const common = new Set(index.common);
  const last = query.words.length - 1;
  const wanted = query.words.map((word, i) => [word, i === last && query.open])
    .filter(([word]) => !common.has(word));
  const lists = await Promise.all([
    ...query.filters.map((filter) => match(index, filter, false)),
    ...wanted.map(([word, open]) => match(index, word, open && word.length > 1)),
  ]);
  if (!lists.length) return [];
  const name = query.words.length ? await match(index, `claimant:${query.words.join("-")}`,
                                                false) : new Map();
  const [shortest, ...others] = [...lists].sort((a, b) => a.size - b.size);
  const found = [];
  for (const [record] of shortest) {
    let score = 0;
    let every = true;
    for (const list of lists) {
      const value = list.get(record);
      if (value === undefined) {
        every = false;
        break;
      }
      score += value;
    }
    if (every) found.push([record, score + (name.has(record) ? 1000 : 0)]);
  }
  return found.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
}

/** The words of a query, for Material to highlight on the page a reader opens. */
function termsOf(list) {
  const terms = {};
  for (const word of list) terms[word] = true;
  return terms;
}

/** Escaped text with each query word that starts a word marked. */
function highlight(text, terms) {
  const list = Object.keys(terms).map(escapeRegExp);
  const html = escapeHtml(text);
  if (!list.length) return html;
  return html.replace(new RegExp(`(^|[^\\p{L}\\p{N}])(${list.join("|")})`, "giu"),
                      "$1<mark>$2</mark>");
}

/** Some words of a page's text around the first query word in it. */
function excerpt(text, terms) {
  const list = Object.keys(terms).map(escapeRegExp);
  const at = list.length ? text.search(new RegExp(`(^|[^\\p{L}\\p{N}])(${list.join("|")})`,
                                                  "iu")) : 0;
  const start = Math.max(0, text.lastIndexOf(" ", Math.max(0, at - 60)));
  const end = text.indexOf(" ", Math.min(text.length, at + 160));
  const part = text.slice(start, end < 0 ? text.length : end).trim();
  return (start > 0 ? "… " : "") + highlight(part, terms) + (end >= 0 ? " …" : "");
}

/** One record as Material's list of documents (a page with no sections under it). */
function documentOf(record, score, terms) {
  const [url, title, claimant, , verdict, summary, , text] = record;
  const tags = [verdict, claimant].filter(Boolean).map(escapeHtml);
  if (claimant) tags[tags.length - 1] = auto(tags[tags.length - 1]);
  // A claim (it has a short answer) is shown in its own direction; a page in the site's.
  return [{
    location: new URL(url, root).pathname,
    title: summary ? auto(highlight(title, terms)) : highlight(title || url, terms),
    text: summary ? auto(highlight(summary, terms)) : text ? excerpt(text, terms) : "",
    tags: tags.length ? tags : undefined,
    score: score,
    terms: terms,
  }];
}

/** Answer a query: the first results as soon as they are loaded, then the rest. */
async function answer(text, id) {
  const index = await meta;
  await new Promise((done) => setTimeout(done, SETTLE));
  if (id !== latest) return;
  const query = parse(text);
  const found = await rank(index, query);
  if (id !== latest) return;
  const terms = termsOf(query.words);
  let items = [];
  if (!found.length) self.postMessage({ type: RESULT, data: { items: [] } });
  for (const end of [FIRST, MOST]) {
    const more = found.slice(items.length, end);
    if (!more.length) break;
    const records = await Promise.all(more.map(async ([number]) => {
      const records = await load(`d${Math.floor(number / index.per_file)}.json`);
      return records[number % index.per_file];
    }));
    if (id !== latest) return; // a newer query has been typed
    items = items.concat(records.map((record, i) => documentOf(record, more[i][1], terms)));
    self.postMessage({ type: RESULT, data: { items: items } });
  }
}

self.addEventListener("message", (event) => {
  const message = event.data;
  if (message.type === SETUP) {
    // Material sends its own (empty) index; the site's own is loaded above instead.
    meta.then(
      () => self.postMessage({ type: READY }),
      (error) => console.error("Search could not load its index:", error),
    );
  } else if (message.type === QUERY) {
    answer(message.data, ++latest).catch((error) => console.error("Search failed:", error));
  }
});
