/* The site search's worker: Material's own, loaded by this one, with Danish query analysis.
 *
 * Material's worker splits a query with the index's separator (generator/search/client.py writes it:
 * spaces, stop words, inflection endings, the catalogue's compound heads) and matches each token as
 * the start of an indexed word. This wrapper adds what the separator cannot do:
 *
 * - Compounds the index does not know. A token that no indexed word starts with is split into parts
 *   that the index does know ("virksomhedssamarbejde" → "virksomhed" and "samarbejde"); the last
 *   part may be cut to the start of an indexed word ("videndeling" → "viden" and "del…"). The parts
 *   of a compound the index does know count too, for less ("matrixorganisation" also finds
 *   "matrixmodel").
 * - Synonyms. A query word of a synonym group (the index's configuration lists the groups, as
 *   tokens) also finds the group's other words, with a lower weight ("tovholderen" finds
 *   "koordinator").
 * - Nearness. A result in which consecutive query tokens stand next to each other ranks higher. The
 *   separator drops stop words, so "plan for borgeren" counts as next to each other, and so do the
 *   parts of a compound: "myndighedskoordinator" puts the page that has the word above pages that
 *   say "myndighed" often.
 *
 * A query with lunr's own syntax (+ - " : ~ ^ *) is left to Material as it is.
 *
 * It also restores the index's entries from the compact form the file is written in (see `restore`).
 *
 * The plugin points every page at this file (generator/search/client.py, use_catalogue_worker) and
 * passes Material's worker file name after the "#".
 *
 * In the offline copy opened from file:// (`katalog build --offline`) no browser starts a Worker:
 * the iframe-worker shim (javascripts/vendor/) runs this file in a hidden iframe instead, where its
 * address, Material's language scripts and importScripts differ (see `OWN_URL` and the end of the file).
 */
"use strict"

const MATERIAL_WORKER = /^search\.[0-9a-f]+\.min\.js$/
const SETUP = 0  // Material's SearchMessageType
const QUERY = 2
const LUNR_SYNTAX = /[+\-":~^*]/
/** Fewest letters of a compound's part. */
const MIN_PART = 3
/** Longer tokens are left as they are: no Danish word is this long, and splitting costs per letter. */
const MAX_WORD = 60
/** Tokens of a query looked at, and its characters: the rest of a pasted text is left out. */
const MAX_TOKENS = 30
const MAX_QUERY = 500
/** Letters that join two parts of a compound: "virksomhed|s|samarbejde", "børn|e|sag". */
const LINKS = ["", "s", "e"]
/** How much a result gains when every pair of consecutive query tokens stands together in it. */
const NEARNESS = 3
/** Endings that make one word of another, never a compound's second part (as lexicon.DERIVATIONS). */
const DERIVATIONS = ["hed", "ing", "else", "lig", "skab"]
/** A word the index holds may follow a first part though it starts like a derivation if it is longer. */
const MAX_ENDING = 4
/** Most letters the separator may cut off a first part: "famili|e", "vid|en", "virksom|hed", but
 * not "vid|ende". */
const MAX_HEAD_ENDING = 3
/** Most indexed words looked at to tell whether a word starts compounds. */
const MAX_SCAN = 200
/** What a part of a known compound weighs against the whole word. */
const PART_BOOST = 0.3
/** What a synonym weighs against the word typed. */
const SYNONYM_BOOST = 0.5
/** Shorter tokens of a synonym the separator splits are left out: "deltager" is "del tag" to the
 * index, and every "del…" and "tag…" would otherwise count as "borger". */
const MIN_SYNONYM_PART = 4

/** The index's separator, compiled once with the index: tokens() runs for every split point tried. */
let separator = null
/** The index's terms, sorted, to find the words that start with a token. */
let vocabulary = []
let known = new Set()
/** Whether a word starts compounds, as `startsCompounds` found it. */
let heads = new Map()
/** Each synonym's tokens ("forløb koordinator"), with the other words of its groups. */
let synonyms = new Map()

/** The tokens Material makes of `text`: split by the index's separator, in lower case. */
function tokens(text) {
  const found = []
  let start = 0
  for (const match of text.matchAll(separator)) {
    if (start < match.index)
      found.push(text.slice(start, match.index).toLowerCase())
    start = Math.max(start, match.index + match[0].length)
  }
  if (start < text.length)
    found.push(text.slice(start).toLowerCase())
  return found
}

/** The position of the first indexed word not before `prefix`. */
function firstFrom(prefix) {
  let low = 0, high = vocabulary.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if (vocabulary[middle] < prefix) low = middle + 1
    else high = middle
  }
  return low
}

/** Whether some indexed word starts with `prefix`. */
function indexed(prefix) {
  const at = firstFrom(prefix)
  return at < vocabulary.length && vocabulary[at].startsWith(prefix)
}

/** Whether `rest` may follow a first part: it is long enough and does not start with a derivation's
 * ending ("virksom|hed", "del|ing"), unless the index holds it as a word longer than an ending. */
function canFollow(rest) {
  return rest.length >= MIN_PART
    && (!DERIVATIONS.some(ending => rest.startsWith(ending)) || (known.has(rest) && rest.length > MAX_ENDING))
}

/** Whether the index holds at least two compounds that start with `head` ("matrix|model",
 * "matrix|organisering"): a first part the index has only inside compounds. Kept per head. */
function startsCompounds(head) {
  if (!heads.has(head)) {
    let count = 0
    const first = firstFrom(head)
    const last = Math.min(first + MAX_SCAN, vocabulary.length)
    for (let at = first; at < last && vocabulary[at].startsWith(head); at++) {
      const rest = vocabulary[at].slice(head.length)
      if (LINKS.some(link => rest.startsWith(link) && canFollow(rest.slice(link.length)) && indexed(rest.slice(link.length))))
        count++
    }
    heads.set(head, count >= 2)
  }
  return heads.get(head)
}

/** `part`'s token, if the index holds it as a word or as the first part of compounds and the
 * separator cut no more than a short ending off it (MAX_HEAD_ENDING). */
function headToken(part) {
  const made = tokens(part)
  const token = made.length === 1 ? made[0] : ""
  return token.length >= MIN_PART && part.length - token.length <= MAX_HEAD_ENDING
    && (known.has(token) || startsCompounds(token)) ? token : null
}

/** `word` as a known first part and parts that follow it ("familiebehandl" → famili, behandl), the
 * longest first part first; null if it splits no way. A first part must be one `headToken` takes;
 * the last only has to start an indexed word, or with `loose`, to start with the start of one
 * ("deling" → "del"). `memo` keeps the answer for each rest: a long word's split points would
 * otherwise be tried again at every level. */
function splits(word, loose, memo) {
  for (let end = word.length - MIN_PART; end >= MIN_PART; end--) {
    const head = headToken(word.slice(0, end))
    if (!head)
      continue
    for (const link of LINKS) {
      const rest = word.slice(end + link.length)
      const tail = word.startsWith(link, end) && canFollow(rest) ? parts(rest, loose, memo) : null
      if (tail)
        return [head, ...tail]
    }
  }
  return null
}

/** `word` as it is if an indexed word starts with it, else as parts (see `splits`); null if none. */
function parts(word, loose, memo = new Map()) {
  if (!memo.has(word))
    memo.set(word, indexed(word) ? [word] : splits(word, loose, memo) || (loose ? knownStart(word) : null))
  return memo.get(word)
}

/** The longest start of `word`, of at least MIN_PART letters, that starts an indexed word. */
function knownStart(word) {
  for (let end = word.length; end >= MIN_PART; end--)
    if (indexed(word.slice(0, end)))
      return [word.slice(0, end)]
  return null
}

/** What to search for in a query without lunr syntax: `sequence`, the query's tokens in order, with
 * a token no indexed word starts with written as parts that do; and `clauses`, those tokens and, with
 * lower weights, the parts of the known compounds among them ("matrixorganisation" also finds
 * "matrix" and "organisation" on their own) and the synonyms of each word and each token. Null for a
 * query Material should read itself. */
function analyse(query) {
  if (LUNR_SYNTAX.test(query) || !vocabulary.length)
    return null
  const sequence = [], clauses = new Map()
  const add = (term, boost) => clauses.set(term, Math.max(boost, clauses.get(term) || 0))
  for (const word of query.slice(0, MAX_QUERY).split(/\s+/)) {
    const made = tokens(word).slice(0, MAX_TOKENS - sequence.length)
    for (const token of made) {
      if (token.length > MAX_WORD || indexed(token)) {
        sequence.push(token)
        add(token, 1)
        for (const part of token.length > MAX_WORD ? [] : splits(token, false, new Map()) || [])
          add(part, PART_BOOST)
        continue
      }
      const found = parts(token, false) || splits(token, true, new Map()) || [token]
      sequence.push(...found)
      found.forEach(term => add(term, 1))
    }
    for (const key of [made.join(" "), ...made])
      for (const synonym of synonyms.get(key) || [])
        for (const term of synonym.split(" ").filter(term => term.length >= MIN_SYNONYM_PART))
          add(term, SYNONYM_BOOST)
    if (sequence.length >= MAX_TOKENS)
      break
  }
  return sequence.length ? { sequence, clauses: [...clauses].map(([term, boost]) => ({ term, boost })) } : null
}

/** The synonym groups of the index's configuration, by each word's tokens; nothing if malformed. */
function synonymsOf(groups) {
  const found = new Map()
  if (!Array.isArray(groups))
    return found
  for (const group of groups) {
    if (!Array.isArray(group) || !group.every(word => typeof word === "string"))
      continue
    for (const word of group)
      found.set(word, [...found.get(word) || [], ...group.filter(other => other !== word)])
  }
  return found
}

/** The share of consecutive query tokens that stand next to each other in one of `match`'s fields. */
function nearness(match, queryTokens) {
  const positions = queryTokens.map(() => new Map())
  for (const [term, fields] of Object.entries(match.matchData.metadata))
    queryTokens.forEach((token, i) => {
      if (!term.startsWith(token))
        return
      for (const [field, data] of Object.entries(fields)) {
        const at = positions[i].get(field) || new Set()
        for (const position of data.position || [])
          at.add(position)
        positions[i].set(field, at)
      }
    })
  let near = 0
  for (let i = 0; i + 1 < queryTokens.length; i++) {
    const together = [...positions[i]].some(([field, at]) => {
      const next = positions[i + 1].get(field)
      return next && [...at].some(position => next.has(position + 1))
    })
    near += together ? 1 : 0
  }
  return near / (queryTokens.length - 1)
}

/** Raise the results whose text has the query's tokens together; Material sorts them again. */
function rankByNearness(results, queryTokens) {
  if (queryTokens.length < 2)
    return results
  for (const match of results)
    match.score *= 1 + NEARNESS * nearness(match, queryTokens)
  return results.sort((a, b) => b.score - a.score)
}

/** This script's address. In a Worker it is the worker's location; under the iframe-worker shim the
 * iframe's location is the page's, and the shim loads this script as `<address>?<time>`, which lands
 * after the "#". Read now: `document.currentScript` is only set while the script first runs. */
const OWN_URL = typeof document !== "undefined" && document.currentScript
  ? document.currentScript.src : self.location.href

/** Material's worker, whose file name the page passes after the "#" (without the shim's "?<time>"):
 * it sits in the theme's folder (assets/javascripts/workers/), and this one in the catalogue's
 * (javascripts/). */
function materialWorker() {
  const own = new URL(OWN_URL)
  const name = decodeURIComponent(own.hash.slice(1)).split("?")[0]
  if (!MATERIAL_WORKER.test(name))
    throw new Error(`Not Material's search worker: ${name}`)
  return new URL(`../assets/javascripts/workers/${name}`, own).href
}

/** The index's entries as Material reads them (generator/search/client.py keeps the file small): a
 * section's location may be its anchor alone ("#roller"), on the page of the entry before it, and an
 * entry's text comes without the paragraph Material shows it in. */
function restore(docs) {
  if (!Array.isArray(docs))
    return
  let page = ""
  for (const doc of docs) {
    if (typeof doc.location !== "string")
      continue
    if (doc.location.startsWith("#"))
      doc.location = page + doc.location
    page = doc.location.split("#")[0]
    if (doc.text)
      doc.text = `<p>${doc.text}</p>`
  }
}

/* Material's message listener gets each query as the tokens it should mark and count as found; the
 * analysis is there for the search Material runs while it handles the message (before its first await). */
let pending = null
const listen = self.addEventListener
self.addEventListener = function (type, listener, options) {
  if (type !== "message")
    return listen.call(self, type, listener, options)
  return listen.call(self, type, event => {
    const message = event.data
    if (message && message.type === SETUP && message.data) {
      synonyms = synonymsOf(message.data.config && message.data.config.synonyms)
      restore(message.data.docs)
    }
    pending = message && message.type === QUERY && typeof message.data === "string" ? analyse(message.data) : null
    try {
      return listener(pending ? { data: { ...message, data: pending.sequence.join(" ") } } : event)
    } finally {
      pending = null  // should Material ever search after an await, it searches its own way, never with a stale analysis
    }
  }, options)
}

/** Where Material's worker asks for its language scripts under the shim: it cuts the address of the
 * iframe's first script, which is this one, at "/worker" and adds "/lunr/", a folder meant to be
 * beside its own. In a Worker it asks for "../lunr/…", relative to its own folder. */
const SHIM_LUNR = `${OWN_URL.split("/worker")[0]}/lunr/`

/* Material's worker loads its language scripts by paths relative to its own folder. */
const material = materialWorker()
const load = self.importScripts
self.importScripts = (...urls) => load(...urls.map(url =>
  new URL(url.startsWith(SHIM_LUNR) ? `../lunr/${url.slice(SHIM_LUNR.length)}` : url, material).href))

/** Once Material's worker has run: its message listener is in place, and lunr is there to wrap. */
function patchMaterial() {
  self.addEventListener = listen

  const build = lunr.Builder.prototype.build
  lunr.Builder.prototype.build = function () {
    const index = build.call(this)
    separator = new RegExp(lunr.tokenizer.separator, "g")
    vocabulary = Object.keys(index.invertedIndex).sort()
    known = new Set(vocabulary)
    heads = new Map()
    return index
  }

  /* Searches with the pending analysis: each clause as the start of a word, weighted, then by nearness. */
  const search = lunr.Index.prototype.search
  lunr.Index.prototype.search = function (query) {
    const analysis = pending
    pending = null
    if (!analysis)
      return search.call(this, query)
    const results = this.query(builder => {
      for (const { term, boost } of analysis.clauses)
        builder.term(term, { boost, usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING })
    })
    return rankByNearness(results, analysis.sequence)
  }
}

/* A Worker's importScripts has run the script when it returns; the shim's adds a script element and
 * returns a Promise (the shim sends the first message only once the iframe has loaded it). */
const loading = importScripts(material)
if (loading && typeof loading.then === "function")
  loading.then(patchMaterial)
else
  patchMaterial()
