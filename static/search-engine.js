// The search engine behind /search/: one Pagefind instance per shard of the index, searched shard by shard.
//
// It runs in a Web Worker (the search page starts one per core, up to four, and gives each its share of the
// shards) or, where there is no Worker, in the page itself; static/search.js speaks to it either way through
// `handle` (messages in) and `post` (messages out).
//
// Why one instance per shard, not one index with the others merged into it (Pagefind's mergeIndex): a merged
// index answers a query only once every shard has loaded the query's words and been searched, and Pagefind
// scores a shard's results in time that grows with the square of the matches in it. Searched one small shard
// at a time, in the order the page asks (newest first), the first shard's results are on the page while the
// others are searched; each shard's words are fetched just before it is searched.
//
// Pagefind's script and WebAssembly are published in the primary (newest) shard only. An instance loads the
// WebAssembly from its own folder, but every instance of this scope shares the one module the first one
// loaded (Pagefind's wasm-bindgen glue initialises once), so the other shards' requests for it are answered
// here without the network (`fetchHook`).

const SIGNATURE = new TextEncoder().encode("pagefind_dcd"); // what Pagefind takes as already decompressed
const FIRST = 2; // shards of a worker's list whose tables of packs are fetched before they have answered
const AHEAD = 4; // shards whose words are fetched while another is searched (a word in no clipping is a
// few small fetches per shard and no search: the fetches in flight set how soon the page can say so)

let config = null; // { indexBase, siteBase, runtime, fetchOriginal, indexPath }
let pagefind = null; // Promise of Pagefind's module
let primaryReady = null; // Promise: the runtime shard's instance is ready, so the WebAssembly is loaded
const instances = new Map(); // shard name -> Promise of its Pagefind instance
let current = null; // { id, results: Map(shard -> results) } of the latest search
let post = () => {};

export function connect(send) {
  post = send;
}

export async function handle(message) {
  if (message.type === "init") {
    if (!config) start(message);
    for (const name of message.warm || []) open(name).catch(() => {});
  } else if (message.type === "search") {
    await search(message);
  } else if (message.type === "data") {
    await data(message);
  } else if (message.type === "need" && current && current.id === message.id) {
    current.need = message.need;
  }
}

function start({ indexBase, siteBase, runtime }) {
  const fetchOriginal = globalThis.fetch.bind(globalThis);
  config = {
    indexBase, siteBase, runtime, fetchOriginal, indexPath: new URL(indexBase, globalThis.location.href).pathname,
  };
  globalThis.fetch = (input, init) => fetchHook(fetchOriginal, input, init);
  pagefind = import(`${indexBase}${runtime}/pagefind.js`);
  primaryReady = open(runtime);
  primaryReady.catch(() => {});
}

// Pagefind's requests for files this scope answers itself: the WebAssembly of a shard other than the runtime's
// (see above), and a result (`fragment/<hash>.pf_fragment`), which the build packs with its neighbours in a few
// files per shard (sitegen/search/packs.py): answered from its pack with exactly the bytes Pagefind wrote.
function fetchHook(fetchOriginal, input, init) {
  const url = new URL(typeof input === "string" ? input : input.url, globalThis.location.href);
  const path = url.pathname;
  if (!path.startsWith(config.indexPath)) return fetchOriginal(input, init);
  if (/\/wasm\.[^/]+\.pagefind$/.test(path) && !path.startsWith(`${config.indexPath}${config.runtime}/`)) {
    return Promise.resolve(new Response(SIGNATURE));
  }
  const result = /^(.*\/)fragment\/([^/]+)\.pf_fragment$/.exec(path);
  if (result) return packedResult(fetchOriginal, new URL(result[1], url).href, result[2]);
  return fetchOriginal(input, init);
}

// The shards a query searches first have their tables of packs fetched with their words, not after their first
// results (one round trip less before the page shows them); the others', only once they have results to show:
// a word found in few shards, or none, fetches few tables.
function fetchTable(name) {
  const folder = new URL(`${config.indexBase}${name}/`, globalThis.location.href).href;
  cached(tables, folder, () => packTable(config.fetchOriginal, folder)).catch(() => {});
}

const tables = new Map(); // shard folder URL -> Promise of Map(result hash -> [pack URL, offset, length])
const packs = new Map(); // pack URL -> Promise of its bytes (ArrayBuffer)

async function packedResult(fetchOriginal, folder, hash) {
  const table = await cached(tables, folder, () => packTable(fetchOriginal, folder));
  const place = table.get(hash);
  if (!place) return new Response(null, { status: 404, statusText: "Not in the shard's packs" });
  const [pack, offset, length] = place;
  const data = await cached(packs, pack, async () => {
    const response = await fetchOriginal(pack);
    if (!response.ok) throw new Error(`${pack}: ${response.status}`);
    return response.arrayBuffer();
  });
  return new Response(data.slice(offset, offset + length));
}

// The table of a shard's packs (`fragment/packs.json`): where each result's bytes are. Its name is the same in
// every build, so it is revalidated; the packs it names are named by their bytes.
async function packTable(fetchOriginal, folder) {
  const response = await fetchOriginal(`${folder}fragment/packs.json`, { cache: "no-cache" });
  if (!response.ok) throw new Error(`${folder}fragment/packs.json: ${response.status}`);
  const places = new Map();
  for (const { file, fragments } of (await response.json()).packs) {
    let offset = 0;
    for (const [hash, length] of fragments) {
      places.set(hash, [`${folder}fragment/${file}`, offset, length]);
      offset += length;
    }
  }
  return places;
}

// The promise made once for `key`, forgotten if it fails so that a later search asks again.
function cached(map, key, make) {
  if (!map.has(key)) {
    const made = make();
    made.catch(() => map.delete(key));
    map.set(key, made);
  }
  return map.get(key);
}

function open(name) {
  if (!instances.has(name)) {
    instances.set(name, (async () => {
      const module = await pagefind;
      if (name !== config.runtime) await primaryReady;
      const instance = module.createInstance({
        basePath: `${config.indexBase}${name}/`, baseUrl: config.siteBase, noWorker: true,
      });
      await instance.search(""); // resolves once the instance has loaded its metadata (and the WebAssembly)
      return instance;
    })());
  }
  return instances.get(name);
}

// Each shard's answer carries the records of those of its first `head` results that can still make the page's
// first results: a worker searching its next shard is busy in Pagefind's WebAssembly for a while on a common
// word, and a page that had to ask it for the records it shows first would wait that long. What can still make
// the page is what the page last said it needs (`need`): for best match, scores above the lowest score on a full
// page (`floor`); sorted, none once the page is full (`full`). Every record sent costs a request, so a query over
// dozens of shards no longer fetches `head` records from each.
async function search({ id, term, filters, sort, shards, head = 0 }) {
  current = { id, results: new Map(), need: { floor: -Infinity, full: false } };
  const options = { filters, sort: sort ? { date: sort } : {} };
  const preload = (name) => open(name).then((instance) => instance.preload(term, options)).catch(() => {});
  shards.slice(0, AHEAD).forEach(preload);
  shards.slice(0, FIRST).forEach(fetchTable);
  for (const [position, name] of shards.entries()) {
    if (current.id !== id) return; // a newer search has started
    if (position + AHEAD < shards.length) preload(shards[position + AHEAD]);
    let found;
    try {
      found = await (await open(name)).search(term, options);
    } catch (error) {
      post({ type: "failed", id, shard: name, error: String(error) });
      return;
    }
    if (current.id !== id) return;
    current.results.set(name, found.results);
    const scores = sort ? null : Float32Array.from(found.results, (result) => result.score);
    const { floor, full } = current.need;
    const wanted = full ? []
      : found.results.slice(0, head).filter((result) => sort || Math.fround(result.score) > floor);
    const items = await Promise.all(wanted.map(async (result) => record(await result.data())));
    if (current.id !== id) return;
    post({ type: "shard", id, shard: name, count: found.results.length, scores, items },
      scores ? [scores.buffer] : []);
  }
}

// The results at `positions` of a shard's list, as plain records the page can show.
async function data({ id, request, shard, positions }) {
  const results = current && current.id === id ? current.results.get(shard) : null;
  if (!results) {
    post({ type: "data", id, request, items: null });
    return;
  }
  const items = await Promise.all(positions.map(async (position) => record(await results[position].data())));
  post({ type: "data", id, request, items });
}

const LEDE_WORDS = 30; // as many as Pagefind puts in an excerpt

function record(found) {
  const marked = found.excerpt.includes("<mark>");
  return {
    url: found.url,
    meta: found.meta,
    excerpt: marked ? segments(found.excerpt) : [[lede(found), false]],
  };
}

// Pagefind's excerpt is the text with `<` and `>` written as entities and <mark> around the matches: as
// [text, marked] pairs, the entities undone (the page sets them as text, never as HTML).
function segments(html) {
  return html.split(/(<mark>.*?<\/mark>)/s).filter(Boolean).map((part) => {
    const marked = part.startsWith("<mark>");
    const text = marked ? part.slice(6, -7) : part;
    return [text.replace(/&lt;/g, "<").replace(/&gt;/g, ">"), marked];
  });
}

// The start of the text, for a result whose excerpt marks nothing: a match past the words a compact site keeps
// in a result (Pagefind then cuts its excerpt from the end of what is kept).
function lede(found) {
  let text = found.content || "";
  const title = found.meta.title || "";
  if (title && text.startsWith(title)) text = text.slice(title.length).replace(/^[.\s]+/, "");
  const words = text.split(/\s+/).filter(Boolean);
  return words.slice(0, LEDE_WORDS).join(" ") + (words.length > LEDE_WORDS ? " …" : "");
}

// In a worker: messages from the page drive the engine.
if (typeof WorkerGlobalScope !== "undefined" && globalThis instanceof WorkerGlobalScope) {
  connect((message, transfer) => globalThis.postMessage(message, transfer || []));
  globalThis.addEventListener("message", (event) => {
    handle(event.data).catch((error) => globalThis.postMessage({ type: "failed", id: event.data.id, error: String(error) }));
  });
}
