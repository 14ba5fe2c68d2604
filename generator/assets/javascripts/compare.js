/*
 * Sammenlign eksempler: two to four cases side by side.
 *
 * On the overview (a list .katalog-entries, each entry's first link to a case's page) every case gets a
 * "Sammenlign" checkbox.
 * The choice, at most four, is kept in the overview's own address (?sammenlign=a,b: reloading or going
 * back keeps it), and a bar below the list links to the comparison page with ?eksempler=a,b.
 *
 * The comparison page (.katalog-compare-page) fetches the overview to find each case's page, which
 * works whether MkDocs writes directory URLs or not, then fetches the case pages and copies their facts,
 * roles, results, principles, prerequisites and cited works into one table. What it copies comes from
 * this site's own sanitized pages, and only as DOM nodes, never as HTML text; ids are removed (no
 * duplicates) and every link is resolved against the case page, so a citation leads to that page's
 * reference list.
 *
 * Loaded on every page: it does nothing where neither part is found. It uses the shared DOM helpers
 * of dom.js, which is loaded before it.
 */
(function () {
  "use strict";

  var dom = window.Katalog.dom;
  var MIN = 2;
  var MAX = 4;
  var CHOICE_PARAM = "sammenlign"; // the overview's own address
  var PAGE_PARAM = "eksempler"; // the comparison page's address
  var ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/; // a case id (generator/schema.py SLUG_PATTERN); at most 80 characters
  var CITATION = "kilde-"; // the anchors of a page's reference list (generator/markup.py)
  var started = new WeakSet();

  // ---- The choice in an address ----

  /** The ids in `param` of a query string, each once, in their order. */
  function idsIn(search, param) {
    var ids = (new URLSearchParams(search).get(param) || "").split(",").map(function (id) { return id.trim(); });
    return ids.filter(function (id, index) { return id && ids.indexOf(id) === index; });
  }

  /** `search` with `param` set to `ids`, or left out when there are none; other parameters stay as written. */
  function withIds(search, param, ids) {
    var parts = search.replace(/^\?/, "").split("&").filter(function (part) {
      return part && part.split("=")[0] !== param;
    });
    if (ids.length) parts.push(param + "=" + ids.map(encodeURIComponent).join(","));
    return parts.length ? "?" + parts.join("&") : "";
  }

  /** Replaces `param` in this page's address, without a new history entry or a reload. */
  function keepInAddress(param, ids) {
    var here = window.location;
    window.history.replaceState(window.history.state, "", here.pathname + withIds(here.search, param, ids) + here.hash);
  }

  /** `url` (a link's own href attribute) without its query and fragment, then `param=ids` if any. */
  function addressWith(url, param, ids) {
    return url.split(/[?#]/)[0] + withIds("", param, ids);
  }

  /** The overview's entries (generator/templates/cases_index.md.j2): each case's id and the page its first
   * link goes to, resolved against `base`, the overview's own address. */
  function entriesOf(doc, base) {
    return Array.prototype.map.call(doc.querySelectorAll(".katalog-entries > li"), function (item) {
      var link = item.querySelector("a[href]");
      var url = link ? new URL(link.getAttribute("href"), base) : null;
      return url ? {item: item, id: dom.caseIdOf(url), url: url} : null;
    }).filter(Boolean);
  }

  function count(number) {
    return number + (number === 1 ? " eksempel" : " eksempler");
  }

  // ---- The overview: choosing ----

  function addCheckbox(entry, title) {
    var box = dom.el("input", {type: "checkbox"});
    entry.appendChild(dom.el("label", {"class": "katalog-compare-choice"}, [
      box, "Sammenlign", dom.el("span", {"class": "katalog-visually-hidden"}, [" " + title])
    ]));
    return box;
  }

  function setUpChoice(pageLink) {
    var entries = entriesOf(document, document.baseURI);
    var known = entries.map(function (entry) { return entry.id; });
    var chosen = idsIn(window.location.search, CHOICE_PARAM).filter(function (id) {
      return known.indexOf(id) >= 0;
    }).slice(0, MAX);
    var pageUrl = pageLink.getAttribute("href");
    var link = dom.el("a", {"class": "md-button md-button--primary"});
    var status = dom.el("p", {"class": "katalog-compare-status", role: "status"});
    var bar = dom.el("div", {"class": "katalog-compare-bar"}, [link, status]);
    document.querySelector(".katalog-entries").insertAdjacentElement("afterend", bar);

    function update() {
      var address = addressWith(pageUrl, PAGE_PARAM, chosen);
      link.setAttribute("href", address);
      pageLink.setAttribute("href", address);
      dom.setText(link, "Sammenlign de valgte (" + chosen.length + ")");
      link.hidden = chosen.length < MIN;
      bar.hidden = chosen.length === 0;
      dom.setText(status, count(chosen.length) + " valgt." +
        (chosen.length === 1 ? " Vælg mindst ét mere for at sammenligne." : ""));
      keepInAddress(CHOICE_PARAM, chosen);
    }

    entries.forEach(function (entry) {
      var id = entry.id;
      var box = addCheckbox(entry.item, entry.item.querySelector("a[href]").textContent.trim());
      box.checked = chosen.indexOf(id) >= 0;
      box.addEventListener("change", function () {
        if (box.checked && chosen.length >= MAX) {
          box.checked = false;
          dom.setText(status, "Du kan højst sammenligne fire eksempler ad gangen. " +
            "Fjern et af krydsene, før du vælger et nyt.");
          return;
        }
        chosen = box.checked ? chosen.concat(id) : chosen.filter(function (other) { return other !== id; });
        update();
      });
    });
    update();
  }

  // ---- The comparison page: reading the case pages ----

  function fetchDocument(url) {
    return fetch(url, {credentials: "same-origin"}).then(function (response) {
      if (!response.ok) throw new Error(response.status + " " + url);
      // A server may redirect; nothing from another site is ever copied into the page.
      if (response.url && new URL(response.url).origin !== window.location.origin) throw new Error("redirect " + url);
      return response.text().then(function (text) {
        return {url: response.url || url, doc: new DOMParser().parseFromString(text, "text/html")};
      });
    });
  }

  /** What the address asked for that the catalogue does not have. An id is repeated only when it looks
   * like one (a slug, as case ids are): the address is anyone's to write, the message is the site's. */
  function unknownText(unknown) {
    if (!unknown.length) return "";
    var shown = unknown.filter(function (id) { return id.length <= 80 && ID.test(id); });
    if (shown.length !== unknown.length || shown.length > MAX) {
      return unknown.length === 1 ? "Kataloget har ikke ét af de valgte eksempler." :
        "Kataloget har ikke " + unknown.length + " af de valgte eksempler.";
    }
    return "Kataloget har ikke " + (shown.length === 1 ? "eksemplet " : "eksemplerne ") +
      shown.map(dom.quoted).join(", ") + ".";
  }

  /** Each id's case page on this site, from the overview's entries; null for an id it does not list. */
  function casePages(overview, ids) {
    var pages = Object.create(null);
    entriesOf(overview.doc, overview.url).forEach(function (entry) {
      if (entry.url.origin === window.location.origin) pages[entry.id] = entry.url.href;
    });
    return ids.map(function (id) { return pages[id] ? {id: id, url: pages[id]} : null; });
  }

  /** The first element named `tag` after the heading with `id` and before the next heading. */
  function after(doc, id, tag) {
    var heading = doc.getElementById(id);
    for (var node = heading && heading.nextElementSibling; node && !/^H[1-6]$/.test(node.tagName);
      node = node.nextElementSibling) {
      if (node.tagName === tag) return node;
    }
    return null;
  }

  /** The facts box of a case page (generator/templates/case.md.j2) as its terms → their definitions. */
  function readFacts(doc) {
    var facts = {};
    var term = null;
    Array.prototype.forEach.call(doc.querySelectorAll(".katalog-facts dt, .katalog-facts dd"), function (element) {
      if (element.tagName === "DT") {
        term = element.textContent.trim();
        facts[term] = [];
      } else if (term) {
        facts[term].push(element);
      }
    });
    return facts;
  }

  /** What the comparison shows of one case page: the elements to copy from it, found by their headings. */
  function readCase(found, page) {
    var heading = page.doc.querySelector("article h1");
    var sources = after(page.doc, "kilder-paa-siden", "OL");
    return {
      id: found.id,
      url: page.url,
      title: heading && copy(heading, page.url, []).textContent.trim() || found.id,
      facts: readFacts(page.doc),
      roles: after(page.doc, "roller", "UL"),
      results: after(page.doc, "resultater", "TABLE"),
      principles: after(page.doc, "principper", "UL"),
      prerequisites: after(page.doc, "forudsaetninger", "UL"),
      sources: sources ? Array.prototype.slice.call(sources.children) : []
    };
  }

  // ---- The comparison page: copying into this page ----

  /** An address on this site without scheme and host: print adds the address only after links to other sites. */
  function onSite(url) {
    return url.pathname + url.search + url.hash;
  }

  /** Points a copied link where it pointed on `pageUrl`; a citation's key is noted in `cited`. */
  function relink(link, pageUrl, cited) {
    var href = link.getAttribute("href");
    if (href.indexOf("#" + CITATION) === 0) cited.push(href.slice(1));
    var url;
    try {
      url = new URL(href, pageUrl);
    } catch (error) {
      link.removeAttribute("href");
      return;
    }
    if (url.origin === window.location.origin) {
      link.setAttribute("href", onSite(url));
    } else if (/^(https?|mailto):$/.test(url.protocol)) {
      link.setAttribute("href", url.href);
    } else {
      link.removeAttribute("href");
    }
  }

  /** A copy of `element` from a case page, made safe to put here (see the top of this file). */
  function copy(element, pageUrl, cited) {
    var copied = document.importNode(element, true);
    copied.removeAttribute("id");
    Array.prototype.forEach.call(copied.querySelectorAll("[id]"), function (inner) { inner.removeAttribute("id"); });
    Array.prototype.forEach.call(copied.querySelectorAll(".headerlink"), function (inner) { inner.remove(); });
    Array.prototype.forEach.call(copied.querySelectorAll("a[href]"), function (link) { relink(link, pageUrl, cited); });
    return copied;
  }

  function moveChildren(from, to) {
    while (from.firstChild) to.appendChild(from.firstChild);
    return to;
  }

  /** The children of copied elements, in a new `tag` (each in a `wrap` of its own, if given). */
  function contentsIn(tag, copies, wrap) {
    var container = document.createElement(tag);
    copies.forEach(function (copied) {
      moveChildren(copied, wrap ? container.appendChild(document.createElement(wrap)) : container);
    });
    return container;
  }

  /** A fact's definitions: one as it is, several (a case's target groups) as a list. */
  function fact(found, term, copyOne) {
    var definitions = (found.facts[term] || []).map(copyOne);
    if (!definitions.length) return null;
    return definitions.length === 1 ? contentsIn("div", definitions) : contentsIn("ul", definitions, "li");
  }

  /** The results table as a list that fits a narrow column: "figure: what it shows (kind, source)". */
  function results(table, copyOne) {
    if (!table || !table.tBodies.length) return null;
    var list = dom.el("ul", {"class": "katalog-compare-results"});
    Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
      var cells = Array.prototype.map.call(row.cells, copyOne);
      var item = list.appendChild(document.createElement("li"));
      cells.forEach(function (cell, index) {
        if (index) item.appendChild(document.createTextNode(index === 1 ? ": " : index === 2 ? " (" : ", "));
        moveChildren(cell, index ? item : item.appendChild(document.createElement("strong")));
      });
      if (cells.length > 2) item.appendChild(document.createTextNode(")"));
    });
    return list;
  }

  /** The works the case's other cells cite, from its page's reference list; so it is the last row. */
  function citedWorks(found, copyOne, cited) {
    var works = found.sources.filter(function (item) {
      var reference = item.querySelector("[id]");
      return reference && cited.indexOf(reference.id) >= 0;
    });
    return works.length ? dom.el("ol", {"class": "katalog-compare-sources"}, works.map(copyOne)) : null;
  }

  function factRow(term) {
    return [term, function (found, copyOne) { return fact(found, term, copyOne); }];
  }

  function partRow(name, part) {
    return [name, function (found, copyOne) { return found[part] && copyOne(found[part]); }];
  }

  /** The comparison's rows: a name, and how to make one case's cell (null where its page has nothing). */
  var ROWS = ["Kommune", "Periode", "Status", "Målgruppe", "Organisering"].map(factRow).concat([
    partRow("Roller", "roles"),
    ["Resultater", function (found, copyOne) { return results(found.results, copyOne); }],
    partRow("Principper", "principles"),
    partRow("Forudsætninger", "prerequisites"),
    ["Kilder", citedWorks]
  ]);

  /** One case's cells, in the order of ROWS. */
  function column(found) {
    var cited = [];
    function copyOne(element) { return copy(element, found.url, cited); }
    return ROWS.map(function (row) { return row[1](found, copyOne, cited); });
  }

  function header(found, onRemove) {
    var remove = dom.el("button", {type: "button", "class": "katalog-button katalog-compare-remove",
      "aria-label": "Fjern " + found.title + " fra sammenligningen"}, ["Fjern"]);
    remove.addEventListener("click", function () { onRemove(found); });
    return dom.el("th", {scope: "col"}, [dom.el("a", {href: onSite(new URL(found.url))}, [found.title]), remove]);
  }

  function table(shown, onRemove) {
    var columns = shown.map(column);
    var body = dom.el("tbody", {}, ROWS.map(function (spec, row) {
      return dom.el("tr", {}, [dom.el("th", {scope: "row"}, [spec[0]])].concat(columns.map(function (cells) {
        return dom.el("td", {}, [cells[row] || dom.el("span", {"class": "katalog-compare-none"}, ["Ikke beskrevet"])]);
      })));
    }));
    var attributes = {"class": "katalog-table katalog-compare-table", style: "--katalog-columns: " + shown.length};
    return dom.el("table", attributes, [
      dom.el("caption", {id: "katalog-compare-caption"}, ["Sammenligning af " + count(shown.length)]),
      dom.el("thead", {}, [dom.el("tr", {}, [dom.el("td")].concat(shown.map(function (found) {
        return header(found, onRemove);
      })))]),
      body
    ]);
  }

  // ---- The comparison page ----

  function setUpPage(root) {
    var message = root.querySelector(".katalog-compare-message");
    var overviewLink = document.querySelector("a.katalog-compare-overview");
    var noScript = document.querySelector(".katalog-compare-nojs");
    if (!message || !overviewLink) return;
    if (noScript) noScript.hidden = true;
    root.hidden = false;
    if (window.location.protocol === "file:") {
      dom.setText(message, "Sammenligningen virker kun, når kataloget bliver vist fra en webserver (en adresse, der " +
        "begynder med http eller https), fordi den henter eksemplernes sider. I denne kopi kan du læse " +
        "eksemplerne hver for sig fra oversigten.");
      return;
    }
    var overviewUrl = overviewLink.getAttribute("href");
    var box = dom.scrollBox("katalog-compare-caption");
    box.hidden = true;
    root.appendChild(box);
    var wanted = idsIn(window.location.search, PAGE_PARAM);
    var shown = [];

    function remember(ids) {
      overviewLink.setAttribute("href", addressWith(overviewUrl, CHOICE_PARAM, ids));
    }

    function render(note) {
      var enough = shown.length >= MIN;
      box.replaceChildren();
      if (enough) box.appendChild(table(shown, removeCase));
      box.hidden = !enough;
      dom.markScrolling(box);
      dom.setText(message, dom.sentences(note, enough ? ""
        : shown.length ? "Vælg mindst ét eksempel mere i oversigten for at sammenligne."
        : "Vælg to til fire eksempler i oversigten over eksempler for at sammenligne dem."));
    }

    function removeCase(found) {
      var index = shown.indexOf(found);
      shown.splice(index, 1);
      var ids = shown.map(function (one) { return one.id; });
      keepInAddress(PAGE_PARAM, ids);
      remember(ids);
      render(found.title + " er fjernet fra sammenligningen.");
      var buttons = box.querySelectorAll(".katalog-compare-remove");
      var next = buttons[Math.min(index, buttons.length - 1)];
      if (next) {
        next.focus();
      } else {
        message.setAttribute("tabindex", "-1");
        message.focus();
      }
    }

    remember(wanted.slice(0, MAX));
    if (wanted.length < MIN) {
      render("");
      return;
    }
    dom.setText(message, "Henter eksemplerne …");
    fetchDocument(overviewLink.href).then(function (overview) {
      var pages = casePages(overview, wanted);
      var unknown = wanted.filter(function (id, index) { return !pages[index]; });
      var found = pages.filter(Boolean).slice(0, MAX);
      return Promise.all(found.map(function (one) {
        return fetchDocument(one.url).then(function (page) { return readCase(one, page); });
      })).then(function (cases) {
        shown = cases;
        remember(cases.map(function (one) { return one.id; }));
        render(dom.sentences(
          unknownText(unknown),
          pages.filter(Boolean).length > MAX ? "Der kan højst være fire eksempler i en sammenligning, så kun " +
            "de første fire vises." : ""));
      });
    }).catch(function () {
      dom.setText(message, "Eksemplerne kunne ikke hentes. Tjek forbindelsen, og genindlæs siden.");
    });
  }

  function setUp() {
    if (!dom) return;
    var root = document.querySelector(".katalog-compare-page");
    var pageLink = document.querySelector("a.katalog-compare-link");
    if (root && !started.has(root)) {
      started.add(root);
      setUpPage(root);
    }
    if (pageLink && document.querySelector(".katalog-entries") && !started.has(pageLink)) {
      started.add(pageLink);
      setUpChoice(pageLink);
    }
  }

  dom.onEveryPage(setUp);
})();
