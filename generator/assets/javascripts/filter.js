/*
 * The case filter on the overview and the matrix: a reader ticks values of the facets (municipality,
 * model, target group, principle, prerequisite, status, tag), and only the cases that have, in every
 * facet with a tick, one of its ticked values stay shown (OR within a facet, AND across them).
 *
 * The page lists every case, so a reader without JavaScript sees them all: the matrix as rows with
 * data-case="<id>", the overview as entries of a list .katalog-entries whose first link goes to the case's
 * page (to keep that page small); this script gives those entries their data-case too, which the
 * comparison (compare.js) uses as well. Which values each case has comes from the script named by the filter box's data-facets
 * (generator/facets.py), loaded by a <script> element, which works from file:// as well. The ticks
 * live in the page's address (?kommune=aarhus-kommune&princip=relation), so a filtered view can be
 * shared and bookmarked; other parameters in the address are left as they are.
 *
 * On the overview the shown cases can be downloaded as CSV or JSON: cut from the site's data files
 * by id, so the columns and fields are those the Data page documents.
 */
(function () {
  "use strict";

  var dom = window.Katalog.dom;
  var el = dom.el;
  var STATUS_ALL = "Viser alle {total} eksempler.";
  var STATUS_SOME = "Viser {shown} af {total} eksempler.";
  var STATUS_NONE = "Ingen af de {total} eksempler passer til filteret. Fjern et flueben, eller nulstil filteret.";
  var DOWNLOAD_FAILED = "Udvalget kunne ikke hentes. Hvis du har åbnet en kopi af kataloget direkte fra disken, " +
    "kan du i stedet hente alle eksemplerne på siden Data.";
  var SEPARATOR = ",";
  var FACETS_FILE = /\/facetter\.js$/; // generator/facets.py FACETS_URI

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (match, name) { return String(values[name]); });
  }

  /* --- What is ticked, and the address that holds it ------------------------------------------- */

  function tickedFromAddress(facets) {
    var query = new URLSearchParams(window.location.search);
    var ticked = {};
    facets.forEach(function (facet) {
      var known = facet.values.map(function (value) { return value[0]; });
      var wanted = (query.get(facet.key) || "").split(SEPARATOR).filter(function (id) { return known.indexOf(id) >= 0; });
      ticked[facet.key] = wanted;
    });
    return ticked;
  }

  /* The ticks into the address, each facet as key=id,id; other parameters stay exactly as written. */
  function writeAddress(facets, ticked) {
    var keys = facets.map(function (facet) { return facet.key; });
    var parts = window.location.search.replace(/^\?/, "").split("&").filter(function (part) {
      return part && keys.indexOf(decodeURIComponent(part.split("=")[0])) < 0;
    });
    facets.forEach(function (facet) {
      if (ticked[facet.key].length) {
        parts.push(facet.key + "=" + ticked[facet.key].map(encodeURIComponent).join(SEPARATOR));
      }
    });
    var search = parts.length ? "?" + parts.join("&") : "";
    window.history.replaceState(window.history.state, "", window.location.pathname + search + window.location.hash);
  }

  /* --- Which cases match -------------------------------------------------------------------------- */

  /* A case matches when, in every facet with a tick, it has one of the ticked values. */
  function matches(data, caseId, ticked) {
    var values = Object.prototype.hasOwnProperty.call(data.cases, caseId) ? data.cases[caseId] : null;
    if (!values) {
      return true; // a case the facet data does not know (an older copy of it): never hidden
    }
    return data.facets.every(function (facet, index) {
      var wanted = ticked[facet.key];
      return !wanted.length || values[index].some(function (position) {
        return wanted.indexOf(facet.values[position][0]) >= 0;
      });
    });
  }

  function apply(data, items, ticked, status) {
    var total = {};
    var shown = {};
    items.forEach(function (item) {
      var id = item.getAttribute("data-case");
      var match = matches(data, id, ticked);
      item.hidden = !match;
      total[id] = true;
      if (match) {
        shown[id] = true;
      }
    });
    var counts = { shown: Object.keys(shown).length, total: Object.keys(total).length };
    dom.setText(status, format(counts.shown === counts.total ? STATUS_ALL : counts.shown ? STATUS_SOME : STATUS_NONE, counts));
    return Object.keys(shown);
  }

  /* --- The form -------------------------------------------------------------------------------- */

  function facetGroup(facet, ticked, onChange) {
    // The summary names the group for sight; the legend does for assistive technology.
    var fieldset = el("fieldset", {"class": "katalog-facet"}, [el("legend", {"class": "katalog-visually-hidden"}, [facet.label])]);
    facet.values.forEach(function (value) {
      var id = "filter-" + facet.key + "-" + value[0];
      var box = el("input", {type: "checkbox", id: id, name: facet.key, value: value[0]});
      box.checked = ticked[facet.key].indexOf(value[0]) >= 0;
      box.addEventListener("change", onChange);
      var label = el("label", {"for": id}, [value[1] + " ", el("span", {"class": "katalog-facet-count"}, ["(" + value[2] + ")"])]);
      fieldset.appendChild(el("div", {"class": "katalog-facet-value"}, [box, label]));
    });
    var summary = el("summary", {}, [facet.label, el("span", {"class": "katalog-facet-ticked"})]);
    var details = el("details", {"class": "katalog-facet-group"}, [summary, fieldset]);
    details.open = ticked[facet.key].length > 0;
    return details;
  }

  /* "Kommune (2 valgt)": what a closed group holds ticked. */
  function showTicked(form, ticked) {
    Array.prototype.forEach.call(form.querySelectorAll(".katalog-facet-group"), function (group) {
      var count = ticked[group.querySelector("input").name].length;
      dom.setText(group.querySelector(".katalog-facet-ticked"), count ? " (" + count + " valgt)" : "");
    });
  }

  function readTicks(form, facets) {
    var ticked = {};
    facets.forEach(function (facet) {
      var boxes = form.querySelectorAll("input[name='" + facet.key + "']");
      ticked[facet.key] = Array.prototype.filter.call(boxes, function (box) { return box.checked; })
        .map(function (box) { return box.value; });
    });
    return ticked;
  }

  /* --- Downloading what is shown ----------------------------------------------------------------- */

  /* The records of a CSV text, each as written (quotes kept), split at line ends outside quotes. */
  function csvRecords(text) {
    var records = [];
    var quoted = false;
    var start = 0;
    for (var index = 0; index < text.length; index += 1) {
      var character = text[index];
      if (character === "\"") {
        quoted = !quoted;
      } else if (!quoted && character === "\n") {
        records.push(text.slice(start, index + 1));
        start = index + 1;
      }
    }
    if (start < text.length) {
      records.push(text.slice(start));
    }
    return records;
  }

  function firstCell(record) {
    return record.split(";")[0].replace(/^"|"$/g, "");
  }

  /* The header and the shown cases' rows, with the byte order mark Excel needs to read UTF-8 (fetch
     drops the file's own). */
  function shownCsv(text, ids) {
    var records = csvRecords(text.replace(/^\uFEFF/, ""));
    return "\uFEFF" + records.slice(0, 1).concat(records.slice(1).filter(function (record) {
      return ids.indexOf(firstCell(record)) >= 0;
    })).join("");
  }

  /* The shown cases, and in the principles, tags and sources the lists of cases cut to them too. */
  function shownJson(text, ids) {
    function shown(id) { return ids.indexOf(id) >= 0; }
    var catalogue = JSON.parse(text);
    catalogue.cases = catalogue.cases.filter(function (record) { return shown(record.id); });
    ["principles", "tags", "sources"].forEach(function (key) {
      catalogue[key].forEach(function (record) { record.cases = record.cases.filter(shown); });
    });
    return JSON.stringify(catalogue) + "\n";
  }

  function downloadButton(source, label, cut, type, name, shownIds, status) {
    var button = el("button", {type: "button", "class": "md-button"}, [label]);
    button.addEventListener("click", function () {
      fetch(source.href).then(function (response) {
        if (!response.ok) {
          throw new Error(response.statusText);
        }
        return response.text();
      }).then(function (text) {
        dom.download(cut(text, shownIds()), name, type);
      }).catch(function () {
        dom.setText(status, DOWNLOAD_FAILED);
      });
    });
    return button;
  }

  function downloads(shownIds, status) {
    var csv = document.querySelector("a[download='cases.csv']");
    var json = document.querySelector("a[download='katalog.json']");
    if (!csv || !json) {
      return null;
    }
    return el("p", {"class": "katalog-filter-downloads"}, [
      downloadButton(csv, "Hent de viste som regneark (CSV)", shownCsv, "text/csv;charset=utf-8", "eksempler-udvalg.csv", shownIds, status),
      " ",
      downloadButton(json, "Hent de viste som JSON", shownJson, "application/json", "eksempler-udvalg.json", shownIds, status)
    ]);
  }

  /* --- Putting it together ----------------------------------------------------------------------- */

  function build(box, data) {
    var items = Array.prototype.slice.call(document.querySelectorAll("[data-case]"));
    var ticked = tickedFromAddress(data.facets);
    var status = el("p", {"class": "katalog-filter-status", role: "status"});
    var shown = [];
    var form = el("form", {"class": "katalog-filter-form", "aria-label": "Filtrér eksemplerne"});
    function update() {
      ticked = readTicks(form, data.facets);
      writeAddress(data.facets, ticked);
      showTicked(form, ticked);
      shown = apply(data, items, ticked, status);
    }
    data.facets.forEach(function (facet) {
      form.appendChild(facetGroup(facet, ticked, update));
    });
    var reset = el("button", {type: "button", "class": "md-button"}, ["Nulstil filteret"]);
    reset.addEventListener("click", function () {
      Array.prototype.forEach.call(form.querySelectorAll("input[type='checkbox']"), function (input) { input.checked = false; });
      update();
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    box.appendChild(el("h2", {id: "filter"}, ["Filtrér eksemplerne"]));
    box.appendChild(form);
    box.appendChild(el("p", {"class": "katalog-filter-actions"}, [reset]));
    var download = downloads(function () { return shown; }, status);
    if (download) {
      box.appendChild(download);
    }
    box.appendChild(status);
    showTicked(form, ticked);
    shown = apply(data, items, ticked, status);
    box.hidden = false;
  }

  function markEntries() {
    Array.prototype.forEach.call(document.querySelectorAll(".katalog-entries > li"), function (entry) {
      var link = entry.querySelector("a[href]");
      if (link) {
        entry.setAttribute("data-case", dom.caseIdOf(new URL(link.href)));
      }
    });
  }

  function start() {
    markEntries();
    var box = document.querySelector(".katalog-filter[data-facets]");
    if (!box) {
      return;
    }
    if (window.katalogFacets) {
      build(box, window.katalogFacets);
      return;
    }
    var source = new URL(box.getAttribute("data-facets"), document.baseURI);
    if (source.origin !== window.location.origin || !FACETS_FILE.test(source.pathname)) {
      return; // only the site's own facet script is ever loaded
    }
    var script = document.createElement("script");
    script.src = source.href;
    script.addEventListener("load", function () {
      if (window.katalogFacets) {
        build(box, window.katalogFacets);
      }
    });
    document.head.appendChild(script);
  }

  dom.onEveryPage(start);
})();
