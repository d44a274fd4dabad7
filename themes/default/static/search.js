/* recap search: runs the query in the browser against the sharded index
 * that `recap build` writes under /search/ (see src/search/).
 *
 * The index is loaded with <script> tags, never fetch(), so the page works
 * opened from file:// as well as served over HTTP. search-index.js records
 * the URL it was loaded from; shards are loaded relative to it, and result
 * links relative to the site root above it, so the same files work at the
 * root of a host, under a sub-path, and in the relative offline bundle.
 *
 * Interface strings come from data-* attributes of #search (the theme's
 * strings.toml), never from this file. Tokenisation must stay identical to
 * src/search/mod.rs: NFKC + lowercase + traditional characters folded to
 * simplified; Latin words of letters and digits; CJK bigrams (a lone CJK
 * character is a unigram).
 *
 * `?of=product:amazon-bedrock` (an entity's kind and slug, the link at the
 * end of a long entity page) finds every passage that mentions the entity,
 * whatever words it is called by there; `q` then only names it.
 */
(function () {
  "use strict";

  var root = document.getElementById("search");
  var meta = window.RECAP_SEARCH;
  if (!root) return;
  // search-index.js records where it was loaded from; should it not have
  // (no currentScript), the index is ../search/ from this script.
  var ownSrc = document.currentScript && document.currentScript.src;
  if (meta && !meta.base && ownSrc) meta.base = new URL("../search/", ownSrc).href;

  var form = root.querySelector("form");
  var input = root.querySelector("input[name=q]");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var moreButton = document.getElementById("search-more");
  var str = root.dataset;

  var MAX_WORD = 40;
  var MAX_WEIGHT = 63;
  var K1 = 1.2;
  var PAGE = 10; // pages of results shown at a time
  var HITS_PER_GROUP = 3;
  var ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
  var DIGIT = {};
  for (var a = 0; a < ALPHABET.length; a++) DIGIT[ALPHABET.charCodeAt(a)] = a;
  var WORD_CHAR = /[\p{Alphabetic}\p{N}]/u;

  // ---- tokenisation (mirror of src/search/mod.rs) ----------------------

  function isCjk(cp) {
    return (cp >= 0x3040 && cp <= 0x30ff) || (cp >= 0x3400 && cp <= 0x4dbf) ||
      (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0xac00 && cp <= 0xd7af) ||
      (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x20000 && cp <= 0x2fa1f);
  }

  // Traditional characters and their simplified forms, pair by pair
  // (search-index.js carries the table src/search/mod.rs folds with): a
  // query in either script finds text in the other. Each character is one
  // UTF-16 unit, so a folded string is as long as the text it came from.
  var FOLD = {};
  var foldPairs = (meta && meta.fold) || "";
  for (var f = 0; f + 1 < foldPairs.length; f += 2) FOLD[foldPairs[f]] = foldPairs[f + 1];

  function fold(text) {
    return foldPairs ? text.replace(/[\u4e00-\u9fff]/g, function (c) { return FOLD[c] || c; }) : text;
  }

  function normalize(text) {
    return fold(text.normalize("NFKC").toLowerCase());
  }

  // Words Taiwan and the mainland write differently, as pairs of
  // normalised words (src/search/words.rs): a query is also run in each
  // side's words, and what any of them finds is shown.
  var WORDS = (meta && meta.words) || [];

  /** `q`, normalised, with each word of side `from` (0: Taiwan, 1: the
   * mainland) in the other side's, the longest word first. */
  function inWordsOf(q, from) {
    var out = "";
    var i = 0;
    while (i < q.length) {
      var best = null;
      for (var k = 0; k < WORDS.length; k++) {
        var w = WORDS[k][from];
        if ((!best || w.length > best[from].length) && q.startsWith(w, i)) best = WORDS[k];
      }
      if (best) {
        out += best[1 - from];
        i += best[from].length;
      } else {
        out += q[i];
        i += 1;
      }
    }
    return out;
  }

  /** A name and its number written apart or together: `nova2` as
   * `nova 2`, `trainium 3` as `trainium3` (the index keeps them as
   * written). Words of one or two letters stay as they are: `s3` is no
   * `s 3`. */
  function numberedApart(q) {
    return q.replace(/([a-z]{3,})([0-9]+)(?![a-z0-9])/g, "$1 $2");
  }

  function numberedTogether(q) {
    return q.replace(/(^|[^a-z0-9])([a-z]{3,}) ([0-9]+)(?![0-9.,])/g, "$1$2$3");
  }

  /** The query as written, in the mainland's words and in Taiwan's, and
   * with names and their numbers apart and together. */
  function variants(query) {
    var out = [normalize(query)];
    function add(v) { if (out.indexOf(v) < 0) out.push(v); }
    [0, 1].forEach(function (from) { add(inWordsOf(out[0], from)); });
    add(numberedApart(out[0]));
    add(numberedTogether(out[0]));
    return out;
  }

  /** Runs of one kind: {word: ["n", "o", "v", "a"]} or {cjk: [three Han characters]}. */
  function runs(normalized) {
    var out = [];
    var word = [];
    var cjk = [];
    for (var ch of normalized) {
      if (isCjk(ch.codePointAt(0))) {
        if (word.length) { out.push({ word: word }); word = []; }
        cjk.push(ch);
      } else {
        if (cjk.length) { out.push({ cjk: cjk }); cjk = []; }
        if (WORD_CHAR.test(ch)) word.push(ch);
        else if (word.length) { out.push({ word: word }); word = []; }
      }
    }
    if (word.length) out.push({ word: word });
    if (cjk.length) out.push({ cjk: cjk });
    return out;
  }

  function queryTokens(query) {
    var out = [];
    function push(t) { if (out.indexOf(t) < 0) out.push(t); }
    runs(normalize(query)).forEach(function (r) {
      if (r.word) push(r.word.slice(0, MAX_WORD).join(""));
      else if (r.cjk.length === 1) push(r.cjk[0]);
      else for (var i = 0; i + 1 < r.cjk.length; i++) push(r.cjk[i] + r.cjk[i + 1]);
    });
    return out;
  }

  /** What to highlight: whole Latin words, CJK runs and their bigrams. */
  function needles(query) {
    var out = [];
    runs(normalize(query)).forEach(function (r) {
      if (r.word) out.push({ text: r.word.join(""), word: true });
      else {
        out.push({ text: r.cjk.join(""), word: false });
        for (var i = 0; i + 1 < r.cjk.length && r.cjk.length > 2; i++) {
          out.push({ text: r.cjk[i] + r.cjk[i + 1], word: false });
        }
      }
    });
    return out;
  }

  function tokenHash(token) {
    var bytes = new TextEncoder().encode(token);
    var h = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) {
      h ^= bytes[i];
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h >>> 0;
  }

  function decodePostings(s) {
    var docs = [];
    var weights = [];
    var prev = -1;
    var i = 0;
    while (i < s.length) {
      var v = DIGIT[s.charCodeAt(i++)];
      var gap = v & 31;
      var mul = 32;
      while (v & 32) {
        v = DIGIT[s.charCodeAt(i++)];
        gap += (v & 31) * mul;
        mul *= 32;
      }
      var doc = prev < 0 ? gap : prev + gap + 1;
      docs.push(doc);
      weights.push(DIGIT[s.charCodeAt(i++)]);
      prev = doc;
    }
    return { docs: docs, weights: weights };
  }

  // ---- loading shards with <script> -------------------------------------

  var loaded = {};
  var waiting = {};

  window.RECAP_SEARCH_LOADED = function (kind, k, data) {
    var key = kind + k;
    loaded[key] = data;
    if (waiting[key]) waiting[key].resolve(data);
  };

  function loadShard(kind, k) {
    var key = kind + k;
    if (key in loaded) return Promise.resolve(loaded[key]);
    if (waiting[key]) return waiting[key].promise;
    var w = {};
    w.promise = new Promise(function (resolve, reject) {
      w.resolve = resolve;
      var s = document.createElement("script");
      s.src = meta.base + kind + "/" + k + ".js?v=" + meta.h;
      s.async = true;
      s.onerror = function () {
        delete waiting[key];
        reject(new Error("cannot load " + s.src));
      };
      document.head.appendChild(s);
    });
    waiting[key] = w;
    return w.promise;
  }

  // ---- ranking -----------------------------------------------------------

  function isUnigram(t) {
    var cps = Array.from(t);
    return cps.length === 1 && isCjk(cps[0].codePointAt(0));
  }

  /** Where each page's documents start (decoded from meta.s). */
  var pageStarts = (function () {
    var starts = [];
    if (!meta || !meta.s) return starts;
    var at = 0;
    var s = meta.s;
    for (var i = 0; i < s.length;) {
      var v = DIGIT[s.charCodeAt(i++)];
      var n = v & 31;
      var mul = 32;
      while (v & 32) {
        v = DIGIT[s.charCodeAt(i++)];
        n += (v & 31) * mul;
        mul *= 32;
      }
      at += n;
      starts.push(at);
    }
    return starts;
  })();

  function pageOf(doc) {
    var lo = 0;
    var hi = pageStarts.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (pageStarts[mid] <= doc) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** BM25: the per-posting weight is precomputed; the idf comes from df. */
  function rank(tokens) {
    var loads = tokens.map(function (t) {
      return isUnigram(t) ? loadShard("u", tokenHash(t) % meta.u) : loadShard("p", tokenHash(t) % meta.p);
    });
    return Promise.all(loads).then(function (maps) {
      var n = meta.n;
      var scores = new Map();
      var counts = new Map();
      tokens.forEach(function (t, i) {
        var l = maps[i][t] ? decodePostings(maps[i][t]) : { docs: [], weights: [] };
        var df = l.docs.length;
        var idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
        for (var j = 0; j < df; j++) {
          var d = l.docs[j];
          scores.set(d, (scores.get(d) || 0) + idf * (l.weights[j] / MAX_WEIGHT) * (K1 + 1));
          counts.set(d, (counts.get(d) || 0) + 1);
        }
      });
      // Every token must match; when nothing has them all, show the best
      // partial matches (and say so) rather than nothing.
      var all = [];
      var some = [];
      scores.forEach(function (s, d) {
        var c = counts.get(d);
        (c === tokens.length ? all : some).push([d, s * c / tokens.length]);
      });
      var partial = all.length === 0;
      return { hits: partial ? some : all, partial: partial };
    });
  }

  /** The hits of a query's variants together, each document at its best
   * score; the partial matches only when no variant matches fully.
   * `used[i]`: whether variant `i` gave any of them (only those are
   * highlighted). */
  function merged(rs) {
    var full = rs.filter(function (r) { return !r.partial; });
    var taken = full.length ? full : rs;
    var best = new Map();
    taken.forEach(function (r) {
      r.hits.forEach(function (h) {
        if (!(best.get(h[0]) >= h[1])) best.set(h[0], h[1]);
      });
    });
    var hits = [];
    best.forEach(function (s, d) { hits.push([d, s]); });
    var used = rs.map(function (r) { return taken.indexOf(r) >= 0 && r.hits.length > 0; });
    return { hits: hits, partial: full.length === 0, used: used };
  }

  /** Hits grouped by page, best page first: a page scores its best hit
   * plus a little for each further one. */
  function group(hits) {
    var byPage = new Map();
    hits.forEach(function (h) {
      var p = pageOf(h[0]);
      var g = byPage.get(p);
      if (!g) byPage.set(p, (g = { page: p, hits: [] }));
      g.hits.push(h);
    });
    var groups = Array.from(byPage.values());
    groups.forEach(function (g) {
      g.hits.sort(function (x, y) { return y[1] - x[1] || x[0] - y[0]; });
      var rest = 0;
      for (var i = 1; i < g.hits.length; i++) rest += g.hits[i][1];
      g.score = g.hits[0][1] + 0.1 * rest;
    });
    groups.sort(function (x, y) { return y.score - x.score || x.hits[0][0] - y.hits[0][0]; });
    return groups;
  }

  /** The documents `ids`, loading the shards they are in. */
  function loadDocs(ids) {
    var shards = [];
    ids.forEach(function (id) {
      var k = Math.floor(id / meta.d);
      if (shards.indexOf(k) < 0) shards.push(k);
    });
    return Promise.all(shards.map(function (k) { return loadShard("d", k); })).then(function () {
      var out = new Map();
      ids.forEach(function (id) {
        var shard = loaded["d" + Math.floor(id / meta.d)];
        var rec = shard.docs[id % meta.d];
        var page = shard.pages[rec[0]];
        out.set(id, { id: id, url: page[0], title: page[1], kind: page[2], anchor: rec[1], label: rec[2], text: rec[3] });
      });
      return out;
    });
  }

  /** Where the query appears as written, the hit goes up; a page whose
   * title is mostly the query (the Bedrock page for "bedrock") goes up
   * more than one that merely mentions it. */
  function boost(doc, query) {
    var q = normalize(query).replace(/\s+/g, " ").trim();
    if (!q) return 1;
    var b = 1;
    if (normalize(doc.title + " " + doc.label + " " + doc.text).indexOf(q) >= 0) b *= 1.5;
    var title = normalize(doc.title);
    if (!doc.anchor && title.indexOf(q) >= 0) b *= 1 + q.length / title.length;
    return b;
  }

  // ---- display -----------------------------------------------------------

  var siteRoot = meta && meta.base ? new URL("../", meta.base) : null;

  function href(pageUrl, anchor) {
    var u = new URL(pageUrl, siteRoot);
    if (u.protocol === "file:" && /\/$/.test(u.pathname)) u.pathname += "index.html";
    u.hash = anchor ? "#" + anchor : "";
    return u.href;
  }

  function isWordAt(text, i) {
    if (i < 0 || i >= text.length) return false;
    var ch = String.fromCodePoint(text.codePointAt(i));
    return !isCjk(ch.codePointAt(0)) && WORD_CHAR.test(ch);
  }

  /** Sorted, merged [start, end) spans of `text` that match a needle. */
  function matches(text, ns) {
    var lower = fold(text.toLowerCase());
    var spans = [];
    if (lower.length !== text.length) return spans;
    ns.forEach(function (n) {
      var from = 0;
      var at;
      while (n.text && (at = lower.indexOf(n.text, from)) >= 0) {
        var end = at + n.text.length;
        if (!n.word || (!isWordAt(lower, at - 1) && !isWordAt(lower, end))) spans.push([at, end]);
        from = end;
      }
    });
    spans.sort(function (x, y) { return x[0] - y[0] || y[1] - x[1]; });
    var merged = [];
    spans.forEach(function (s) {
      var last = merged[merged.length - 1];
      if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
      else merged.push([s[0], s[1]]);
    });
    return merged;
  }

  /** Append `text` to `el`, matches wrapped in <mark>. */
  function highlight(el, text, ns) {
    var pos = 0;
    matches(text, ns).forEach(function (s) {
      if (s[0] > pos) el.appendChild(document.createTextNode(text.slice(pos, s[0])));
      var m = document.createElement("mark");
      m.textContent = text.slice(s[0], s[1]);
      el.appendChild(m);
      pos = s[1];
    });
    if (pos < text.length) el.appendChild(document.createTextNode(text.slice(pos)));
  }

  /** About 160 characters of `text` around its first match. */
  function excerpt(text, ns) {
    var EXCERPT = 160;
    var flat = text.replace(/\s*\n\s*/g, " · ");
    if (flat.length <= EXCERPT) return flat;
    var spans = matches(flat, ns);
    var start = spans.length ? Math.max(0, spans[0][0] - 50) : 0;
    var end = Math.min(flat.length, start + EXCERPT);
    start = Math.max(0, Math.min(start, end - EXCERPT));
    if (start > 0 && /[\udc00-\udfff]/.test(flat[start])) start++;
    if (end < flat.length && /[\ud800-\udbff]/.test(flat[end - 1])) end--;
    return (start > 0 ? "…" : "") + flat.slice(start, end) + (end < flat.length ? "…" : "");
  }

  /** Counts grouped by thousands in the page's language, as the pages
   * built by recap write them (`40,478`). */
  var count = (function () {
    try {
      var f = new Intl.NumberFormat(document.documentElement.lang || undefined);
      return function (n) { return f.format(n); };
    } catch (e) {
      return String;
    }
  })();

  function fill(template, n, m) {
    return (template || "").replace("{n}", count(n)).replace("{m}", count(m));
  }

  function kindLabel(kind) {
    return str["kind" + kind.charAt(0).toUpperCase() + kind.slice(1)] || "";
  }

  function renderGroup(g, ns) {
    var first = g.docs[0];
    var li = document.createElement("li");
    li.className = "search-result";
    var h = document.createElement("h2");
    h.className = "search-result-title";
    var a = document.createElement("a");
    a.href = href(first.url, "");
    highlight(a, first.title, ns);
    h.appendChild(a);
    var kind = kindLabel(first.kind);
    if (kind) {
      var k = document.createElement("span");
      k.className = "search-kind";
      k.textContent = kind;
      h.appendChild(document.createTextNode(" "));
      h.appendChild(k);
    }
    li.appendChild(h);
    var sub = document.createElement("ul");
    sub.className = "search-hits";
    g.docs.forEach(function (hit) {
      var item = document.createElement("li");
      if (hit.anchor) {
        var link = document.createElement("a");
        link.href = href(hit.url, hit.anchor);
        link.className = "search-hit-label";
        highlight(link, hit.label || hit.anchor, ns);
        item.appendChild(link);
      } else if (hit.label) {
        var label = document.createElement("span");
        label.className = "search-hit-label";
        highlight(label, hit.label, ns);
        item.appendChild(label);
      }
      if (hit.text) {
        var p = document.createElement("p");
        p.className = "search-excerpt";
        highlight(p, excerpt(hit.text, ns), ns);
        item.appendChild(p);
      }
      sub.appendChild(item);
    });
    li.appendChild(sub);
    if (g.hits.length > g.docs.length && str.moreHits) {
      var more = document.createElement("p");
      more.className = "search-more-hits";
      more.textContent = fill(str.moreHits, g.hits.length - g.docs.length);
      li.appendChild(more);
    }
    return li;
  }

  var current = { groups: [], shown: 0, ns: [], queries: [], generation: 0 };
  var generation = 0;

  /** Load the documents of the next PAGE groups and show them. */
  function showMore() {
    var mine = current.generation;
    var batch = current.groups.slice(current.shown, current.shown + PAGE);
    var ids = [];
    batch.forEach(function (g) {
      g.hits.slice(0, HITS_PER_GROUP).forEach(function (h) { ids.push(h[0]); });
    });
    return loadDocs(ids).then(function (docs) {
      if (mine !== generation) return;
      batch.forEach(function (g) {
        g.docs = g.hits.slice(0, HITS_PER_GROUP).map(function (h) {
          var d = docs.get(h[0]);
          d.score = h[1] * Math.max.apply(null, current.queries.map(function (q) { return boost(d, q); }));
          return d;
        });
        g.docs.sort(function (x, y) { return y.score - x.score || x.id - y.id; });
        g.shownScore = g.docs[0].score + (g.score - g.hits[0][1]);
      });
      batch.sort(function (x, y) { return y.shownScore - x.shownScore || x.hits[0][0] - y.hits[0][0]; });
      batch.forEach(function (g) { list.appendChild(renderGroup(g, current.ns)); });
      current.shown += batch.length;
      if (moreButton) moreButton.hidden = current.shown >= current.groups.length;
    });
  }

  /** Search for `query`, or with `of` (an entity's tag), for the passages
   * that mention that entity, `query` being its name. */
  function search(query, of) {
    var mine = ++generation;
    var started = performance.now();
    list.textContent = "";
    if (moreButton) moreButton.hidden = true;
    var queries = of ? [query] : variants(query);
    var tokenLists = of ? [[of]] : queries.map(queryTokens);
    var done = function (text) {
      status.textContent = text;
      root.dataset.searchMs = (performance.now() - started).toFixed(1);
      root.dataset.searchQuery = query;
      root.setAttribute("aria-busy", "false");
    };
    if (!tokenLists[0].length) {
      done(query.trim() ? str.none || "" : "");
      return Promise.resolve();
    }
    status.textContent = str.loading || "";
    root.setAttribute("aria-busy", "true");
    return Promise.all(tokenLists.map(rank)).then(function (rs) {
      if (mine !== generation) return;
      var r = merged(rs);
      var groups = group(r.hits);
      var finding = queries.filter(function (q, i) { return r.used[i]; });
      if (!finding.length) finding = [queries[0]];
      var ns = [];
      finding.forEach(function (q) { ns = ns.concat(needles(q)); });
      current = { groups: groups, shown: 0, ns: ns, queries: finding, generation: mine };
      return showMore().then(function () {
        if (mine !== generation) return;
        if (!groups.length) done(str.none || "");
        // A function, so that a `$` in the name is not a replacement pattern.
        else if (of) done(fill(str.mentionsOf, r.hits.length, groups.length).replace("{name}", function () { return query; }));
        else done(fill(r.partial ? str.partial : str.results, r.hits.length, groups.length));
      });
    }).catch(function (e) {
      if (mine !== generation) return;
      done(str.error || String(e));
      if (window.console) console.warn(e);
    });
  }

  // ---- wiring ------------------------------------------------------------

  function fromLocation(name) {
    return new URLSearchParams(window.location.search).get(name) || "";
  }

  /** Put `query` in the address bar; a query typed is a search of words,
   * so an entity's `of` goes. */
  function remember(query) {
    try {
      var u = new URL(window.location.href);
      u.searchParams.set("q", query);
      u.searchParams.delete("of");
      window.history.replaceState(null, "", u.href);
    } catch (e) {
      // Some browsers refuse history changes on file:// pages; the search
      // still works, the address bar just does not show the query.
    }
  }

  if (!form || !input || !status || !list) return;
  if (!meta || !meta.base) {
    // The index did not load: say so, and let the form reload the page.
    status.textContent = str.error || "";
    return;
  }

  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    remember(input.value);
    search(input.value);
  });

  var timer = 0;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { remember(input.value); search(input.value); }, 200);
  });

  // Arrow keys move between the box and the result links.
  root.addEventListener("keydown", function (ev) {
    if (ev.key !== "ArrowDown" && ev.key !== "ArrowUp") return;
    var links = Array.prototype.slice.call(list.querySelectorAll("a"));
    if (!links.length) return;
    var i = links.indexOf(document.activeElement);
    if (document.activeElement === input && ev.key === "ArrowDown") i = 0;
    else if (i < 0) return;
    else i += ev.key === "ArrowDown" ? 1 : -1;
    ev.preventDefault();
    if (i < 0) input.focus();
    else links[Math.min(i, links.length - 1)].focus();
  });

  if (moreButton) {
    moreButton.addEventListener("click", function () {
      var before = list.children.length;
      showMore().then(function () {
        // Keyboard users continue where the new results start.
        var next = list.children[before];
        var link = next && next.querySelector("a");
        if (link) link.focus();
      });
    });
  }

  root.classList.add("search-ready");
  var initial = fromLocation("q");
  var of = fromLocation("of");
  if (initial || of) {
    input.value = initial;
    search(initial, of);
  }

  // For tests and tools: the tokeniser as the page runs it.
  window.RECAP_SEARCH_TOKENS = queryTokens;
  window.RECAP_SEARCH_VARIANTS = variants;
})();
