/*
 * The site's search, answered by Pagefind inside Material for MkDocs' own search box.
 *
 * Material's search box talks to a web worker in four messages (SETUP, READY, QUERY,
 * RESULT). Its own worker downloads every page's text and builds a Lunr index in the
 * browser, which takes seconds and tens of megabytes on an archive of thousands of
 * claims. This worker speaks the same messages but answers from the Pagefind index in
 * pagefind/, of which a query downloads only the few small chunks it needs.
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
/** Sections of one page shown under it (in Material's "more on this page"). */
const SECTIONS = 3;
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

// This file is <site>/search/factcheck-search.js, and the index is <site>/pagefind/.
const root = new URL("../", self.location.href);
let pagefind = null;
let filterValues = null;
let latest = 0;

const ready = import(new URL("pagefind/pagefind.js", root).href).then(async (module) => {
  pagefind = module.createInstance({
    basePath: new URL("pagefind/", root).pathname,
    baseUrl: root.pathname,
    excerptLength: 24,
  });
  await pagefind.init();
});

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

/** Lowercase words and hyphens only: "Mostly false" and "mostly-false" alike. */
function fold(text) {
  return String(text).toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-|-$/g, "");
}

/** The query's words, and its filters resolved to the index's own values. */
async function parse(query) {
  const filters = {};
  const named = [...query.matchAll(FILTER)];
  if (named.length) {
    filterValues = filterValues || await pagefind.filters();
    for (const [, key, quoted, bare] of named) {
      const name = NAMES.get(key.toLocaleLowerCase());
      let wanted = fold(quoted !== undefined ? quoted : bare);
      if (name === "verdict" && SITE.verdicts[wanted]) wanted = fold(SITE.verdicts[wanted]);
      const known = Object.keys(filterValues[name] || {});
      const value = known.find((v) => fold(v) === wanted) || wanted;
      (filters[name] = filters[name] || []).push(value);
    }
  }
  return { words: query.replace(FILTER, " ").trim(), filters: filters };
}

/** The words of a query, for Material to highlight on the page a reader opens. */
function termsOf(words) {
  const terms = {};
  for (const word of words.toLowerCase().split(/[\s\-]+/)) {
    if (word) terms[word] = true;
  }
  return terms;
}

/** Escaped text with each query word that starts a word marked. */
function highlight(text, terms) {
  const words = Object.keys(terms).map(escapeRegExp);
  const html = escapeHtml(text);
  if (!words.length) return html;
  return html.replace(new RegExp(`(^|[^\\p{L}\\p{N}])(${words.join("|")})`, "giu"),
                      "$1<mark>$2</mark>");
}

/** One Pagefind result as Material's list of documents: the page, then its sections. */
function documentsOf(data, score, terms) {
  const meta = data.meta || {};
  const title = meta.title || data.url;
  const tags = [meta.verdict, meta.claimant].filter(Boolean).map(escapeHtml);
  if (meta.claimant) tags[tags.length - 1] = auto(tags[tags.length - 1]);
  let text = data.excerpt; // Pagefind's excerpt: escaped text with <mark> around the terms
  if (meta.summary) {
    text = auto(highlight(meta.summary, terms)); // a claim: its short answer
  } else if (data.excerpt.replace(/<\/?mark>/g, "").replace(/\.$/, "").trim() === title) {
    text = ""; // a listing: its title says it all
  }
  const page = {
    location: data.url,
    title: meta.summary ? auto(highlight(title, terms)) : highlight(title, terms),
    text: text,
    tags: tags.length ? tags : undefined,
    score: score,
    terms: terms,
  };
  const sections = (data.sub_results || [])
    .filter((section) => section.url !== data.url && section.url.includes("#"))
    .slice(0, SECTIONS)
    .map((section) => ({
      location: section.url,
      title: escapeHtml(section.title),
      text: section.excerpt,
      score: score / 2, // below the page, so Material folds them under it
      terms: terms,
    }));
  return [page, ...sections];
}

/** Answer a query: the first results as soon as they are loaded, then the rest. */
async function answer(query, id) {
  await ready;
  if (id !== latest) return;
  const { words, filters } = await parse(query);
  const filtered = Object.keys(filters).length > 0;
  if (!words && !filtered) {
    self.postMessage({ type: RESULT, data: { items: [] } });
    return;
  }
  const found = await pagefind.search(words || null, filtered ? { filters: filters } : {});
  if (id !== latest) return; // a newer query has been typed
  if (!found || !found.results.length) {
    self.postMessage({ type: RESULT, data: { items: [] } });
    return;
  }
  const terms = termsOf(words);
  let items = [];
  for (const end of [FIRST, MOST]) {
    const more = found.results.slice(items.length, end);
    if (!more.length) break;
    const data = await Promise.all(more.map((result) => result.data()));
    if (id !== latest) return;
    items = items.concat(data.map((page, i) => documentsOf(page, more[i].score || 1, terms)));
    self.postMessage({ type: RESULT, data: { items: items } });
  }
}

self.addEventListener("message", (event) => {
  const message = event.data;
  if (message.type === SETUP) {
    // Material sends its own (empty) index; Pagefind's is loaded above instead.
    ready.then(
      () => self.postMessage({ type: READY }),
      (error) => console.error("Search could not load its index:", error),
    );
  } else if (message.type === QUERY) {
    answer(message.data, ++latest).catch((error) => console.error("Search failed:", error));
  }
});
