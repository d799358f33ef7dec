// The search page: one query over every shard of the Pagefind index (see sitegen/search.py).
//
// The newest shard is Pagefind's primary index and the others are merged into it, each tagged with a
// synthetic `shard` filter. "Best match" is one merged search (Pagefind ranks across shards). Pagefind ranks
// a sorted search within each index only, so "newest first" walks the shards in date order instead, one
// filtered search per shard, only as far as the results shown need: shards are disjoint date ranges.
// A query needs at least two letters: a one-letter prefix or a filter-only query would make Pagefind fetch
// most of the word index (tens of megabytes for a large archive).
// The form's state lives in the address (?q=...&source=...&sort=newest), so every search can be linked.
// Every word it shows comes from the page (#search-words), in the site's interface language.

const PAGE_SIZE = 20;
const LEDE_WORDS = 30; // as many as Pagefind puts in an excerpt
const root = document.getElementById("search");
const form = document.getElementById("search-form");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const more = document.getElementById("search-more");
const FILTERS = ["source", "category", "year"];
const shards = root.dataset.shards.split(" ").filter(Boolean); // newest first, "undated" last
const indexBase = root.dataset.index;
const siteBase = root.dataset.base;
const WORDS = JSON.parse(document.getElementById("search-words").textContent);
const LANGUAGE = document.documentElement.lang;
const plurals = new Intl.PluralRules(LANGUAGE);
const numbers = new Intl.NumberFormat(LANGUAGE, { numberingSystem: "latn" }); // as the pages write counts

let engine = null;
let generation = 0;
let pending = null; // { take(n) -> results } for the current query

function loadEngine() {
  engine ??= (async () => {
    const pagefind = await import(`${indexBase}${shards[0]}/pagefind.js`);
    const instance = pagefind.createInstance({
      basePath: `${indexBase}${shards[0]}/`, baseUrl: siteBase, mergeFilter: { shard: shards[0] },
    });
    await instance.init();
    await Promise.all(shards.slice(1).map((name) => instance.mergeIndex(
      `${indexBase}${name}/`, { baseUrl: siteBase, mergeFilter: { shard: name } })));
    return instance;
  })();
  return engine;
}

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
  const query = params.toString();
  history.replaceState(null, "", query ? `?${query}` : location.pathname);
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

// A sorted query: one search per shard, in date order, run only when more results are needed.
function chronological(instance, term, filters, direction) {
  const dated = shards.filter((name) => name !== "undated");
  const order = direction === "asc" ? dated.reverse() : dated;
  if (shards.includes("undated")) order.push("undated");
  const buffer = [];
  return async (count) => {
    while (buffer.length < count && order.length) {
      const shard = order.shift();
      const found = await instance.search(term, { filters: { ...filters, shard }, sort: { date: direction } });
      buffer.push(...found.results);
    }
    return buffer.splice(0, count);
  };
}

async function run() {
  const state = readForm();
  const mine = ++generation;
  writeAddress(state);
  if (state.q.length < 2) {
    // Filters only narrow a search: Pagefind answers a filter-only query by fetching the whole word index.
    pending = null;
    list.replaceChildren();
    more.hidden = true;
    say(state.q || Object.keys(state.filters).length ? WORDS.short : WORDS.empty);
    return;
  }
  root.setAttribute("aria-busy", "true");
  say(WORDS.searching);
  try {
    const instance = await loadEngine();
    if (state.sort) {
      // Show the first page as soon as the newest (or oldest) shards answer; count everything after.
      const direction = state.sort === "oldest" ? "asc" : "desc";
      pending = { take: chronological(instance, state.q, state.filters, direction), shown: 0, total: null };
      list.replaceChildren();
      await showMore(mine, false);
      if (mine !== generation) return;
      say(fill(state.sort === "oldest" ? WORDS.oldest : WORDS.newest, { query: state.q }));
    }
    const found = await instance.search(state.q, { filters: state.filters });
    if (mine !== generation) return;
    const total = found.results.length;
    if (!state.sort) {
      const ranked = found.results;
      pending = { take: async (count) => ranked.splice(0, count), shown: 0, total };
      list.replaceChildren();
      await showMore(mine, false);
      if (mine !== generation) return;
    }
    pending.total = total;
    more.hidden = pending.shown >= total;
    say(total === 0
      ? fill(WORDS.none, { query: state.q })
      : fill(WORDS.found[plurals.select(total)] ?? WORDS.found.other, { num: numbers.format(total), query: state.q }));
  } catch (error) {
    if (mine !== generation) return;
    console.error(error);
    root.dataset.state = "error";
    say(WORDS.error);
  } finally {
    if (mine === generation) root.removeAttribute("aria-busy");
  }
}

async function showMore(mine, focus) {
  const batch = await pending.take(PAGE_SIZE);
  const items = await Promise.all(batch.map(async (result) => item(await result.data())));
  if (mine !== generation) return;
  list.append(...items);
  pending.shown += items.length;
  more.hidden = pending.total === null ? items.length < PAGE_SIZE : pending.shown >= pending.total;
  if (focus && items.length) items[0].querySelector("a").focus();
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
  excerpt.append(...(data.excerpt.includes("<mark>") ? excerptNodes(data.excerpt) : [lede(data)]));
  li.append(link, meta, excerpt);
  return li;
}

// The start of the text, for a result whose excerpt marks nothing: a match past the words a compact site keeps
// in a result (Pagefind then cuts its excerpt from the end of what is kept), or a search by filters alone.
function lede(data) {
  let text = data.content || "";
  const title = data.meta.title || "";
  if (title && text.startsWith(title)) text = text.slice(title.length).replace(/^[.\s]+/, "");
  const words = text.split(/\s+/).filter(Boolean);
  return document.createTextNode(words.slice(0, LEDE_WORDS).join(" ") + (words.length > LEDE_WORDS ? " …" : ""));
}

// Pagefind's excerpt is HTML with <mark> around the matches; keep only its text and the marks.
function excerptNodes(html) {
  const template = document.createElement("template");
  template.innerHTML = html; // inert: nothing in a template runs or loads
  return [...template.content.childNodes].map((node) => {
    if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      return mark;
    }
    return document.createTextNode(node.textContent);
  });
}

function say(text) {
  status.textContent = text;
}

// A message with its `%(name)s` placeholders filled in (as text: the status line is set with textContent).
function fill(message, values) {
  return message.replace(/%\((\w+)\)s/g, (_, name) => values[name]);
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
    await showMore(generation, true);
  } finally {
    more.disabled = false;
  }
});

// Start loading the index as soon as the reader heads for the search box.
form.elements.q.addEventListener("focus", () => loadEngine().catch(() => {}), { once: true });
readAddress();
run();
