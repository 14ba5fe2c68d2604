/*
 * Selvevaluering, checklist-results.js (the second of six scripts: store, results, dom, report,
 * team, checklist): scores, the radar chart, comparison, the choice of recommendations and the
 * team view's maths. No storage here and no page wiring:
 * everything takes plain data (and a document for the chart) and returns plain data.
 */
(function () {
  "use strict";

  var namespace = window.KatalogChecklist = window.KatalogChecklist || {};

  var SVG = "http://www.w3.org/2000/svg";
  var CENTRE = 200;
  var RADIUS = 140;
  var TOP = 3;
  var LABEL_GAP = 24;

  function tally(questionIds, answers) {
    var count = {sum: 0, answered: 0, unknown: 0, unanswered: 0};
    questionIds.forEach(function (id) {
      var value = answers[id];
      if (typeof value === "number") {
        count.sum += value;
        count.answered += 1;
      } else if (value === "?") {
        count.unknown += 1;
      } else {
        count.unanswered += 1;
      }
    });
    return count;
  }

  function scored(id, count) {
    return {id: id, score: count.answered ? count.sum / count.answered : null,
      answered: count.answered, unknown: count.unknown, unanswered: count.unanswered};
  }

  /**
   * Scores for `areas` ([{id, questions: [question id, …]}]) from `answers`: per area the mean of
   * the numeric answers, and overall the mean of all numeric answers (not of the area means).
   * Answers to questions not in `areas` are ignored. A score is null when nothing was scored.
   */
  function score(areas, answers) {
    var all = [];
    var perArea = areas.map(function (area) {
      all = all.concat(area.questions);
      return scored(area.id, tally(area.questions, answers));
    });
    return {areas: perArea, overall: scored("samlet", tally(all, answers))};
  }

  /** current − earlier, or null when either has no score. */
  function change(current, earlier) {
    return current === null || earlier === null ? null : current - earlier;
  }

  // Half away from zero, as people round: 2,25 → 2,3 (toFixed alone would follow the binary value).
  function roundOne(value) {
    var rounded = Math.round(Math.abs(value) * 10) / 10;
    return value < 0 ? -rounded : rounded;
  }

  /** 2.3333 → "2,3". */
  function formatNumber(value) {
    return roundOne(value).toFixed(1).replace(".", ",");
  }

  /** A change with its sign: "+0,5", "-1,0"; "0,0" when it rounds to nothing. */
  function formatChange(value) {
    var rounded = roundOne(value);
    if (rounded === 0) return "0,0";
    return (rounded > 0 ? "+" : "-") + formatNumber(Math.abs(rounded));
  }

  /** The areas with a score under the top of the scale, weakest first (ties keep page order). */
  function weakest(areaScores, limit) {
    return areaScores
      .map(function (area, index) { return {area: area, index: index}; })
      .filter(function (item) { return item.area.score !== null && item.area.score < TOP; })
      .sort(function (a, b) { return a.area.score - b.area.score || a.index - b.index; })
      .slice(0, limit)
      .map(function (item) { return item.area; });
  }

  // ---- Radar chart ----

  function angle(index, count) {
    return -Math.PI / 2 + 2 * Math.PI * index / count;
  }

  function at(index, count, radius) {
    return {x: CENTRE + radius * Math.cos(angle(index, count)), y: CENTRE + radius * Math.sin(angle(index, count))};
  }

  /** The polygon points for scores (null sits at the centre), each coordinate to one decimal. */
  function radarPoints(scores) {
    return scores.map(function (value, index) {
      var point = at(index, scores.length, RADIUS * (value === null ? 0 : value) / TOP);
      return point.x.toFixed(1) + "," + point.y.toFixed(1);
    }).join(" ");
  }

  function svgElement(doc, name, attributes, text) {
    var element = doc.createElementNS(SVG, name);
    Object.keys(attributes).forEach(function (key) { element.setAttribute(key, attributes[key]); });
    if (text !== undefined) element.textContent = text;
    return element;
  }

  /** The grid ring where every one of `count` axes has `value`. */
  function ring(doc, count, value) {
    var values = [];
    for (var index = 0; index < count; index++) values.push(value);
    return svgElement(doc, "polygon", {"class": "katalog-radar-ring", points: radarPoints(values)});
  }

  function axis(doc, count, index, code) {
    var group = svgElement(doc, "g", {"class": "katalog-radar-axis"});
    var end = at(index, count, RADIUS);
    var label = at(index, count, RADIUS + LABEL_GAP);
    var horizontal = Math.cos(angle(index, count));
    var anchor = Math.abs(horizontal) < 0.2 ? "middle" : horizontal > 0 ? "start" : "end";
    group.appendChild(svgElement(doc, "line", {x1: CENTRE, y1: CENTRE, x2: end.x.toFixed(1), y2: end.y.toFixed(1)}));
    group.appendChild(svgElement(doc, "text", {x: label.x.toFixed(1), y: label.y.toFixed(1), "text-anchor": anchor,
      "dominant-baseline": "middle", "class": "katalog-radar-label"}, code));
    return group;
  }

  /**
   * The chart's frame: <svg id="checklist-radar"> with its title and description, rings at 1, 2
   * and 3 and one labelled axis per area code, clockwise from the top. Polygons come from drawRadar.
   */
  function createRadar(doc, codes, texts) {
    var svg = svgElement(doc, "svg", {id: "checklist-radar", viewBox: "0 0 400 400", role: "img",
      "aria-labelledby": "checklist-radar-title", "aria-describedby": "checklist-radar-desc",
      "class": "katalog-radar-chart"});
    svg.appendChild(svgElement(doc, "title", {id: "checklist-radar-title"}, texts.title));
    svg.appendChild(svgElement(doc, "desc", {id: "checklist-radar-desc"}, texts.desc));
    for (var value = 1; value <= TOP; value++) {
      svg.appendChild(ring(doc, codes.length, value));
      svg.appendChild(svgElement(doc, "text", {x: CENTRE + 4, y: (CENTRE - RADIUS * value / TOP - 4).toFixed(1),
        "class": "katalog-radar-tick"}, String(value)));
    }
    codes.forEach(function (code, index) { svg.appendChild(axis(doc, codes.length, index, code)); });
    return svg;
  }

  function setPolygon(svg, className, scores) {
    var polygon = svg.querySelector("polygon." + className);
    if (scores === null) {
      if (polygon) svg.removeChild(polygon);
      return;
    }
    if (!polygon) polygon = svg.appendChild(svgElement(svg.ownerDocument, "polygon", {"class": className}));
    polygon.setAttribute("points", radarPoints(scores));
  }

  /** Draws the current scores, and the earlier ones (dashed, behind) or none when `earlier` is null. */
  function drawRadar(svg, current, earlier) {
    setPolygon(svg, "katalog-radar-earlier", earlier);
    setPolygon(svg, "katalog-radar-current", current);
    // The current shape is drawn last so that it stays on top of the earlier one.
    svg.appendChild(svg.querySelector("polygon.katalog-radar-current"));
  }

  // ---- Team view ----

  function spreadOf(numbers) {
    if (numbers.length < 2) return {spread: null, deviation: null};
    var mean = numbers.reduce(function (sum, value) { return sum + value; }, 0) / numbers.length;
    var variance = numbers.reduce(function (sum, value) { return sum + (value - mean) * (value - mean); }, 0) /
      numbers.length;
    return {spread: Math.max.apply(null, numbers) - Math.min.apply(null, numbers), deviation: Math.sqrt(variance)};
  }

  /**
   * One row per question id: each member's answer (0–3, "?" or null) and the spread (max − min)
   * and standard deviation of the numeric answers, both null when fewer than two are numeric.
   */
  function teamRows(questionIds, memberAnswers) {
    return questionIds.map(function (id, index) {
      var values = memberAnswers.map(function (answers) {
        return Object.prototype.hasOwnProperty.call(answers, id) ? answers[id] : null;
      });
      var numbers = values.filter(function (value) { return typeof value === "number"; });
      var spread = spreadOf(numbers);
      return {id: id, index: index, values: values, spread: spread.spread, deviation: spread.deviation,
        min: numbers.length ? Math.min.apply(null, numbers) : null,
        max: numbers.length ? Math.max.apply(null, numbers) : null};
    });
  }

  /** The rows where the team disagrees by at least 1: largest spread, then deviation, then page order. */
  function disagreements(rows, limit) {
    return rows
      .filter(function (row) { return row.spread !== null && row.spread >= 1; })
      .sort(function (a, b) { return b.spread - a.spread || b.deviation - a.deviation || a.index - b.index; })
      .slice(0, limit);
  }

  namespace.results = {
    score: score,
    change: change,
    formatNumber: formatNumber,
    formatChange: formatChange,
    weakest: weakest,
    radarPoints: radarPoints,
    createRadar: createRadar,
    drawRadar: drawRadar,
    teamRows: teamRows,
    disagreements: disagreements
  };
})();
