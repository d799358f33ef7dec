// The search page: one query over every shard of the Pagefind index (see sitegen/search/shards.py), answered
// shard by shard so that the first results show while the rest of a large archive is still being searched.
//
// The engine (search-engine.js) runs in Web Workers, one per core up to four, each holding its share of the
// shards (in the page itself where there is no Worker). A query goes to every worker with its shards in the
// order the reader asked for: newest first for "best match" and "newest first", oldest first for "oldest
// first" (undated clippings last in both). Each shard answers with its number of matches (and, for best match,
// their scores); the page merges them:
// - newest or oldest first: shards are disjoint date ranges, each sorted by date, so a result's place is known
//   as soon as the shards before it have answered, and the first results are final when they are shown;
// - best match: the best results of the shards searched so far, shown at once and updated as shards answer.
// Until every shard has answered, the count says "at least"; a year filter searches only its years' shards.
// A query needs at least two letters: a one-letter prefix or a filter-only query would make Pagefind fetch
// most of the word index (tens of megabytes for a large archive).
// The form's state lives in the address (?q=...&source=...&sort=newest), so every search can be linked.
// Every word it shows comes from the page (#search-words), in the site's interface language.

const PAGE_SIZE = 20;
const REDRAW_MS = 250; // while a best-match search goes on, its list is drawn again at most this often
const root = document.getElementById("search");
const form = document.getElementById("search-form");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const more = document.getElementById("search-more");
const FILTERS = ["source", "category", "year"];
const shards = JSON.parse(root.dataset.shards); // [{name, count, years: [first, last] | null}], newest first
const indexBase = root.dataset.index;
const siteBase = root.dataset.base;
const WORDS = JSON.parse(document.getElementById("search-words").textContent);
const LANGUAGE = document.documentElement.lang;
const plurals = new Intl.PluralRules(LANGUAGE);
const numbers = new Intl.NumberFormat(LANGUAGE, { numberingSystem: "latn" }); // as the pages write counts

// ---- The engines: workers (or the page), each with its share of the shards --------------------------------

let engines = null; // [{ send(message, transfer) }]
const owner = new Map(); // shard name -> engine
let nextRequest = 0;
const waiting = new Map(); // request -> resolve, for data requests

function startEngines() {
  if (engines) return engines;
  const wanted = Math.max(1, Math.min(navigator.hardwareConcurrency || 2, 4, shards.length));
  const url = new URL("search-engine.js", import.meta.url);
  engines = [];
  try {
    for (let i = 0; i < wanted; i++) {
      const worker = new Worker(url, { type: "module" });
      worker.addEventListener("message", (event) => receive(event.data));
      worker.addEventListener("error", () => fallBack());
      engines.push({ send: (message, transfer) => worker.postMessage(message, transfer || []), worker });
    }
  } catch {
    engines.forEach((engine) => engine.worker.terminate());
    engines = [inPage()];
  }
  assign();
  return engines;
}

// Where there is no Worker (or one fails to start), the engine runs in the page.
function inPage() {
  const loaded = import("./search-engine.js").then((engine) => {
    engine.connect((message) => queueMicrotask(() => receive(message)));
    return engine;
  });
  return { send: (message) => loaded.then((engine) => engine.handle(message)).catch(failed) };
}

function fallBack() {
  if (engines.length === 1 && !engines[0].worker) return;
  engines.forEach((engine) => engine.worker && engine.worker.terminate());
  engines = [inPage()];
  assign();
  if (query) run();
}

// Each engine loads its first two shards (newest first) while the reader types; not when the address already
// holds a query, whose own shards (the oldest first, or a year's) are then the ones to load first.
function assign() {
  owner.clear();
  shards.forEach((shard, i) => owner.set(shard.name, engines[i % engines.length]));
  const asked = readForm().q.length >= 2;
  engines.forEach((engine, i) => engine.send({
    type: "init", indexBase, siteBase, runtime: shards[0].name,
    warm: asked ? [] : shards.filter((_, j) => j % engines.length === i).slice(0, 2).map((s) => s.name),
  }));
}

function receive(message) {
  if (message.type === "data") {
    waiting.get(message.request)?.(message.items);
    waiting.delete(message.request);
  } else if (query && message.id === query.id) {
    if (message.type === "shard") query.answered(message);
    else if (message.type === "failed") failed(message.error);
  }
}

function fetchItems(id, shard, positions) {
  const request = ++nextRequest;
  return new Promise((resolve) => {
    waiting.set(request, resolve);
    owner.get(shard).send({ type: "data", id, request, shard, positions });
  });
}

// ---- One query: which shards, in which order; what has been found so far ---------------------------------

let query = null;
let nextQuery = 0;

class Query {
  constructor(state) {
    this.id = ++nextQuery;
    this.state = state;
    this.sort = state.sort === "oldest" ? "asc" : state.sort === "newest" ? "desc" : "";
    this.order = order(state.filters.year, this.sort);
    this.counts = new Map(); // shard -> matches
    this.scores = new Map(); // shard -> Float32Array, best first (best match only)
    this.records = new Map(); // "shard#position" -> Promise of a record
    this.wanted = PAGE_SIZE; // results the reader has asked to see
    this.drawn = []; // "shard#position" of each result on the page, in order
    this.version = 0; // answers received
    this.need = null; // what the engines were last told the page needs (see tellNeed)
    this.waiters = [];
    this.drawing = Promise.resolve(true); // draws run one after the other
  }

  get done() {
    return this.counts.size === this.order.length;
  }

  get total() {
    let total = 0;
    for (const count of this.counts.values()) total += count;
    return total;
  }

  start() {
    const filters = { ...this.state.filters };
    for (const engine of engines) {
      const mine = this.order.filter((name) => owner.get(name) === engine);
      if (mine.length) {
        engine.send({ type: "search", id: this.id, term: this.state.q, filters, sort: this.sort, shards: mine,
          head: PAGE_SIZE });
      }
    }
  }

  answered({ shard, count, scores, items }) {
    this.counts.set(shard, count);
    if (scores) this.scores.set(shard, scores);
    (items || []).forEach((item, position) => this.records.set(`${shard}#${position}`, Promise.resolve(item)));
    this.version++;
    this.tellNeed();
    this.waiters.splice(0).forEach((wake) => wake());
  }

  // Tell the engines which results of the shards still to answer can make the page, so that they send records
  // for those only: for best match, scores above the lowest on a full page (a later shard's result with the same
  // score comes after it: the merge keeps the order answers came in); sorted, none once the page is full.
  tellNeed() {
    const slots = this.slots(this.wanted);
    let need = { floor: -Infinity, full: false }; // (also once the reader has asked for a longer page)
    if (slots.length >= this.wanted) {
      need = this.sort ? { floor: -Infinity, full: true }
        : { floor: Math.min(...slots.map(([name, p]) => this.scores.get(name)[p])), full: false };
    } else if (!this.need) {
      return;
    }
    if (this.need && this.need.floor === need.floor && this.need.full === need.full) return;
    this.need = need;
    for (const engine of engines) engine.send({ type: "need", id: this.id, need });
  }

  // Resolves once an answer later than `version` has come (at once if one has).
  after(version) {
    return this.version > version ? Promise.resolve() : new Promise((wake) => this.waiters.push(wake));
  }

  // The first `count` results as far as they are known now, as [shard, position] pairs. Sorted: only those
  // whose place is final (every shard before theirs has answered). Best match: the best so far.
  slots(count) {
    const slots = [];
    if (this.sort) {
      for (const name of this.order) {
        if (!this.counts.has(name)) break;
        for (let p = 0; p < this.counts.get(name) && slots.length < count; p++) slots.push([name, p]);
        if (slots.length >= count) break;
      }
      return slots;
    }
    const heads = [];
    for (const [name, scores] of this.scores) {
      for (let p = 0; p < Math.min(scores.length, count); p++) heads.push([scores[p], name, p]);
    }
    heads.sort((a, b) => b[0] - a[0]);
    return heads.slice(0, count).map(([, name, p]) => [name, p]);
  }

  record(name, position) {
    const key = `${name}#${position}`;
    if (!this.records.has(key)) {
      this.records.set(key, fetchItems(this.id, name, [position]).then((items) => items && items[0]));
    }
    return this.records.get(key);
  }
}

// The shards to search, in the order to search them: a year filter leaves out the shards without that year.
function order(year, sort) {
  const wanted = shards.filter((shard) => !year || (year === "Undated"
    ? shard.years === null
    : shard.years !== null && shard.years[0] <= Number(year) && Number(year) <= shard.years[1]));
  const dated = wanted.filter((shard) => shard.years !== null);
  const undated = wanted.filter((shard) => shard.years === null);
  return [...(sort === "asc" ? dated.reverse() : dated), ...undated].map((shard) => shard.name);
}

// ---- The form and the address ----------------------------------------------------------------------------

function readForm() {
  const data = new FormData(form);
  const state = { q: (data.get("q") || "").trim(), sort: data.get("sort") || "", filters: {} };
  for (const key of FILTERS) {
    const value = data.get(key);
    if (value) state.filters[key] = value;
  }
  return state;
}

function writeAddress(state) {
  const params = new URLSearchParams();
  if (state.q) params.set("q", state.q);
  for (const [key, value] of Object.entries(state.filters)) params.set(key, value);
  if (state.sort) params.set("sort", state.sort);
  const address = params.toString();
  history.replaceState(null, "", address ? `?${address}` : location.pathname);
}

function readAddress() {
  const params = new URLSearchParams(location.search);
  form.elements.q.value = params.get("q") || "";
  for (const key of [...FILTERS, "sort"]) {
    const select = form.elements[key];
    const value = params.get(key) || "";
    if ([...select.options].some((o) => o.value === value)) select.value = value;
  }
}

// ---- Running a query and showing what it finds -----------------------------------------------------------

async function run() {
  const state = readForm();
  writeAddress(state);
  delete root.dataset.state;
  if (state.q.length < 2) {
    // Filters only narrow a search: Pagefind answers a filter-only query by fetching the whole word index.
    query = null;
    list.replaceChildren();
    more.hidden = true;
    root.removeAttribute("aria-busy");
    say(state.q || Object.keys(state.filters).length ? WORDS.short : WORDS.empty);
    return;
  }
  startEngines();
  const mine = query = new Query(state);
  root.setAttribute("aria-busy", "true");
  list.replaceChildren();
  more.hidden = true;
  say(WORDS.searching);
  mine.start();
  let last = 0;
  while (query === mine) {
    const version = mine.version;
    const done = mine.done; // (more shards may answer while this draw waits for its records)
    if (!await draw(mine)) return;
    tell(mine, done);
    if (done) break;
    await mine.after(version);
    // Best match: the list changes with every shard; it is drawn again at most every REDRAW_MS.
    const wait = last + REDRAW_MS - performance.now();
    if (!mine.sort && wait > 0 && !mine.done) await pause(wait);
    last = performance.now();
  }
  if (query !== mine) return;
  root.removeAttribute("aria-busy");
}

// Bring the list up to what is known of the first `wanted` results: results already shown in their place are
// kept (so a reader's place and focus stay), the rest replaced. False when the query is no longer current.
function draw(mine) {
  mine.drawing = mine.drawing.then((current) => current && redraw(mine));
  return mine.drawing;
}

async function redraw(mine) {
  const slots = mine.slots(mine.wanted);
  const keys = slots.map(([name, position]) => `${name}#${position}`);
  let same = 0;
  while (same < keys.length && same < mine.drawn.length && keys[same] === mine.drawn[same]) same++;
  if (same === keys.length && same === mine.drawn.length) return true;
  const items = await Promise.all(slots.slice(same).map(([name, position]) => mine.record(name, position)));
  if (query !== mine || items.includes(null)) return false;
  while (list.children.length > same) list.lastElementChild.remove();
  list.append(...items.map(item));
  mine.drawn = keys;
  return true;
}

// Say how many have been found: "at least" while shards are still to answer (`done` false).
function tell(mine, done = mine.done) {
  const total = mine.total;
  const values = { num: numbers.format(total), query: mine.state.q };
  if (!done) {
    say(total ? fill(plural(WORDS.progress, total), values) : WORDS.searching);
  } else {
    say(total ? fill(plural(WORDS.found, total), values) : fill(WORDS.none, values));
  }
  // More can be asked for once the page is full, and, for best match, once the order is final.
  more.hidden = mine.drawn.length < mine.wanted || (done && total <= mine.drawn.length) || (!done && !mine.sort);
}

function failed(error) {
  if (!query) return;
  console.error(error);
  query = null;
  root.dataset.state = "error";
  root.removeAttribute("aria-busy");
  more.hidden = true;
  say(WORDS.error);
}

async function showMore() {
  const mine = query;
  if (!mine) return;
  const from = mine.drawn.length;
  mine.wanted += PAGE_SIZE;
  mine.tellNeed();
  while (query === mine && mine.slots(mine.wanted).length < mine.wanted && !mine.done) {
    await mine.after(mine.version);
  }
  if (query !== mine || !await draw(mine)) return;
  tell(mine);
  list.children[from]?.querySelector("a").focus();
}

function item(data) {
  const li = document.createElement("li");
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = data.meta.title || data.url;
  if (data.meta.lang) link.lang = data.meta.lang;
  link.dir = data.meta.dir || "ltr"; // a clipping's own direction (its page marks a right-to-left one)
  const meta = document.createElement("span");
  meta.className = "meta";
  meta.textContent = [data.meta.date, data.meta.source, data.meta.excerpt].filter(Boolean).join(" · ");
  const excerpt = document.createElement("p");
  excerpt.className = "excerpt";
  if (data.meta.lang) excerpt.lang = data.meta.lang;
  excerpt.dir = link.dir;
  excerpt.append(...data.excerpt.map(([text, marked]) => {
    if (!marked) return document.createTextNode(text);
    const mark = document.createElement("mark");
    mark.textContent = text;
    return mark;
  }));
  li.append(link, meta, excerpt);
  return li;
}

function say(text) {
  if (status.textContent !== text) status.textContent = text;
}

// A message's form for `count` (a message with a count has a form per plural category of the language).
function plural(forms, count) {
  return forms[plurals.select(count)] ?? forms.other;
}

// A message with its `%(name)s` placeholders filled in (as text: the status line is set with textContent).
function fill(message, values) {
  return message.replace(/%\((\w+)\)s/g, (_, name) => values[name]);
}

function pause(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

let timer = null;
form.addEventListener("input", (event) => {
  clearTimeout(timer);
  timer = setTimeout(run, event.target.name === "q" ? 250 : 0);
});
form.addEventListener("submit", (event) => {
  event.preventDefault();
  clearTimeout(timer);
  run();
});
more.addEventListener("click", async () => {
  more.disabled = true;
  try {
    await showMore();
  } finally {
    more.disabled = false;
  }
});

// The engines start with the page, so that the index is ready when the reader has typed.
readAddress();
startEngines();
run();
