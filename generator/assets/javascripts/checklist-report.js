/*
 * Selvevaluering: the report. Shows the scores of the current assessment in #checklist-results
 * (a summary, the comparison choice, the score table and the radar chart) and the recommended
 * examples for the weakest areas in #checklist-recommendations. It only shows: which assessment
 * is current, and which one it is compared with, is kept by checklist.js.
 */
(function () {
  "use strict";

  var namespace = window.KatalogChecklist = window.KatalogChecklist || {};
  var results = namespace.results;
  var dom = window.Katalog.dom;
  var el = dom.el, setText = dom.setText, quoted = dom.quoted, describe = namespace.store.describe;

  var RECOMMENDED_AREAS = 3;

  function scoreText(score) {
    return score === null ? "–" : results.formatNumber(score) + " af 3";
  }

  // ---- Results: summary, comparison, score table, radar chart ----

  /** Fills `container` once; returns the parts that each render updates. */
  function buildResults(container, areas, onCompare) {
    var parts = {
      // The one-line summary is the only part announced when an answer changes: a polite live
      // region, on the page before its first text so that changes to it are read out.
      summary: el("p", {"class": "katalog-results-summary", role: "status", "aria-live": "polite"}),
      compare: el("select", {id: "checklist-compare"}),
      scoresBox: dom.scrollBox("checklist-scores-caption"),
      radarTitle: el("figcaption"),
      legend: el("ul", {"class": "katalog-radar-legend"}),
      radar: results.createRadar(document, areas.map(function (area) { return area.code; }), {
        title: "Radardiagram over scoren i hvert område",
        desc: "Diagrammet viser scoren fra 0 i midten til 3 yderst for hvert af de " + areas.length +
          " områder. De samme tal står i tabellen " + quoted("Score pr. område") + "."
      })
    };
    parts.compare.addEventListener("change", function () { onCompare(parts.compare.value); });
    var compareField = dom.field("checklist-compare", "Sammenlign med", parts.compare);
    compareField.classList.add("katalog-compare");
    // The table, chart and comparison would repeat the summary at length: they are not live.
    container.removeAttribute("aria-live");
    container.replaceChildren(parts.summary, el("div", {"class": "katalog-results-detail"}, [
      compareField,
      parts.scoresBox,
      el("figure", {"class": "katalog-radar"}, [parts.radar, parts.legend, parts.radarTitle])
    ]));
    return parts;
  }

  function scoreRow(attributes, header, withChange) {
    var cells = [el("td", {"class": "katalog-number"}), el("td", {"class": "katalog-number"}),
      el("td", {"class": "katalog-number"}), el("td", {"class": "katalog-number"})];
    if (withChange) cells.push(el("td", {"class": "katalog-number", "data-change": ""}));
    return el("tr", attributes, [el("th", {scope: "row"}, [header])].concat(cells));
  }

  /** An empty score table in `box`: one row per area and one overall, with or without the change column. */
  function buildScoreTable(box, areas, withChange) {
    var headers = ["Område", "Score", "Besvaret", "Ved ikke", "Ubesvaret"].concat(withChange ? ["Ændring"] : []);
    var body = el("tbody", {}, areas.map(function (area) {
      // The area's heading, which the server writes just before its questions.
      return scoreRow({"data-area": area.id}, el("a", {href: "#omraade-" + area.id}, [area.name]), withChange);
    }));
    body.appendChild(scoreRow({id: "checklist-overall", "data-area": "samlet"}, "Samlet", withChange));
    box.replaceChildren(el("table", {id: "checklist-scores", "class": "katalog-table"}, [
      el("caption", {id: "checklist-scores-caption"}, ["Score pr. område (gennemsnit på skalaen 0–3)"]),
      el("thead", {}, [el("tr", {}, headers.map(function (text, index) {
        return el("th", index ? {scope: "col", "class": "katalog-number"} : {scope: "col"}, [text]);
      }))]),
      body
    ]));
  }

  function fillScoreRow(row, scored, earlier) {
    row.setAttribute("data-score", scored.score === null ? "" : String(scored.score));
    row.setAttribute("data-answered", String(scored.answered));
    row.setAttribute("data-unknown", String(scored.unknown));
    row.setAttribute("data-unanswered", String(scored.unanswered));
    var cells = row.querySelectorAll("td");
    setText(cells[0], scoreText(scored.score));
    setText(cells[1], String(scored.answered));
    setText(cells[2], String(scored.unknown));
    setText(cells[3], String(scored.unanswered));
    if (!earlier) return;
    var change = results.change(scored.score, earlier.score);
    cells[4].setAttribute("data-change", change === null ? "" : String(change));
    setText(cells[4], change === null ? "–" : results.formatChange(change));
  }

  /** Writes the scores (and the changes since `earlierScores`, if any) into the table's rows. */
  function fillScoreTable(box, scores, earlierScores) {
    var rows = box.querySelectorAll("tbody tr");
    var before = earlierScores ? earlierScores.areas.concat([earlierScores.overall]) : [];
    scores.areas.concat([scores.overall]).forEach(function (scored, index) {
      fillScoreRow(rows[index], scored, before[index] || null);
    });
    dom.markScrolling(box);
  }

  function summaryText(scores, earlierScores, earlier) {
    var overall = scores.overall;
    var total = overall.answered + overall.unknown + overall.unanswered;
    if (overall.score === null) {
      return "Der er endnu ingen score. Besvar nogle af spørgsmålene med 0, 1, 2 eller 3, så vises " +
        "resultatet her.";
    }
    var text = "Samlet score: " + scoreText(overall.score) + ". " + overall.answered + " af " + total +
      " spørgsmål har en score" + (overall.unknown ? ", " + overall.unknown + " er besvaret med ved ikke" : "") + ".";
    var change = earlierScores ? results.change(overall.score, earlierScores.overall.score) : null;
    return change === null ? text
      : text + " Ændring siden " + quoted(earlier.name) + ": " + results.formatChange(change) + ".";
  }

  function legendItem(kind, assessment, line) {
    return el("li", {}, [el("span", {"class": "katalog-swatch katalog-swatch-" + kind, "aria-hidden": "true"}),
      describe(assessment) + " (" + line + ")"]);
  }

  function renderRadar(parts, assessment, scores, earlier, earlierScores) {
    function values(of) { return of.areas.map(function (one) { return one.score; }); }
    results.drawRadar(parts.radar, values(scores), earlierScores ? values(earlierScores) : null);
    parts.legend.hidden = !earlier;
    parts.legend.replaceChildren();
    if (earlier) {
      parts.legend.append(legendItem("current", assessment, "fuld linje"),
        legendItem("earlier", earlier, "stiplet linje"));
    }
    setText(parts.radarTitle, earlier
      ? "Score pr. område for " + quoted(describe(assessment)) + " sammenlignet med " +
        quoted(describe(earlier)) + "."
      : "Score pr. område for " + quoted(describe(assessment)) + ", fra 0 i midten til 3 yderst.");
  }

  // ---- Recommendations ----

  /** What the recommendations show, as a string: equal strings need no new links. */
  function recommendationsKey(scores, weakest) {
    return scores.overall.score === null ? "none" : weakest.map(function (one) {
      return one.id + "=" + results.formatNumber(one.score);
    }).join(" ");
  }

  /** An area's section: its heading, a link to its page and a copy of the server-rendered examples in `source`. */
  function recommendation(area, scored, source) {
    var section = el("section", {"data-area": area.id, "class": "katalog-recommendation"}, [
      el("h3", {}, [area.name + " (score " + results.formatNumber(scored.score) + " af 3)"])
    ]);
    if (area.page) {
      section.appendChild(el("p", {}, [el("a", {href: area.page.url}, [area.page.text + " " + quoted(area.title)])]));
    }
    var examples = source && source.querySelector('[data-recommend="' + area.id + '"]');
    Array.prototype.forEach.call(examples ? examples.childNodes : [], function (node) {
      var copy = node.cloneNode(true);
      // Ids must stay unique on the page, and the original stays in the hidden source.
      if (copy.nodeType === Node.ELEMENT_NODE) {
        copy.removeAttribute("id");
        Array.prototype.forEach.call(copy.querySelectorAll("[id]"), function (inner) {
          inner.removeAttribute("id");
        });
      }
      section.appendChild(copy);
    });
    return section;
  }

  function fillRecommendations(container, source, areaById, scores, weakest) {
    dom.rebuild(container, function () {
      if (scores.overall.score === null) {
        container.appendChild(el("p", {}, ["Når du har besvaret nogle af spørgsmålene med 0, 1, 2 eller 3, " +
          "foreslår siden her eksempler fra kataloget inden for de områder, hvor I står svagest."]));
      } else if (weakest.length === 0) {
        container.appendChild(el("p", {}, ["Alle de besvarede områder har den højeste score, 3, så der er " +
          "ingen anbefalinger lige nu."]));
      } else {
        container.appendChild(el("p", {}, ["Her er eksempler fra kataloget inden for de " +
          (weakest.length === 1 ? "område" : weakest.length + " områder") + ", hvor jeres score er lavest."]));
        weakest.forEach(function (scored) {
          container.appendChild(recommendation(areaById[scored.id], scored, source));
        });
      }
    });
  }

  /**
   * Builds the report in `containers.results`; `containers.recommendations` is filled on render,
   * from the examples in `containers.source`. `questionnaire` is what checklist.js read from the
   * page; onCompare(id) is called with the assessment id chosen under "Sammenlign med" ("" for none).
   * Returns {render(view), stop()}, where view is {assessment, earlier (or null), assessments (all of them)};
   * stop() is for when the page has gone.
   */
  function create(containers, questionnaire, onCompare) {
    var parts = buildResults(containers.results, questionnaire.areas, onCompare);
    var comparing = null; // whether the score table was built with the change column
    var shownRecommendations = null; // the recommendationsKey of what is on screen

    function render(view) {
      var assessment = view.assessment;
      var earlier = view.earlier;
      var scores = results.score(questionnaire.specs, assessment.answers);
      var earlierScores = earlier ? results.score(questionnaire.specs, earlier.answers) : null;
      var others = view.assessments.filter(function (one) { return one !== assessment; });
      dom.syncOptions(parts.compare, [{value: "", text: "Ingen sammenligning"}].concat(others.map(function (one) {
        return {value: one.id, text: describe(one)};
      })), earlier ? earlier.id : "");
      if (comparing !== Boolean(earlierScores)) {
        comparing = Boolean(earlierScores);
        buildScoreTable(parts.scoresBox, questionnaire.areas, comparing);
      }
      fillScoreTable(parts.scoresBox, scores, earlierScores);
      setText(parts.summary, summaryText(scores, earlierScores, earlier));
      renderRadar(parts, assessment, scores, earlier, earlierScores);

      var weakest = results.weakest(scores.areas, RECOMMENDED_AREAS);
      var key = recommendationsKey(scores, weakest);
      if (key === shownRecommendations) return; // unchanged: keep the links (and any focus on them)
      shownRecommendations = key;
      fillRecommendations(containers.recommendations, containers.source, questionnaire.areaById, scores, weakest);
    }

    function stop() {
      dom.unwatchScrolling(parts.scoresBox);
    }

    return {render: render, stop: stop};
  }

  namespace.report = {create: create};
})();
