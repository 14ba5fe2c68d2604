/*
 * Selvevaluering: the team view in #checklist-team. Colleagues' exported files are read
 * (each validated as an import) and kept in memory only; their answers are shown side by side
 * with the current assessment's, and the questions they disagree most on are listed.
 */
(function () {
  "use strict";

  var namespace = window.KatalogChecklist = window.KatalogChecklist || {};
  var store = namespace.store;
  var results = namespace.results;
  var dom = window.Katalog.dom;
  var el = dom.el;

  var LISTED_DISAGREEMENTS = 5;

  function plural(count, one, many) {
    return count + " " + (count === 1 ? one : many);
  }

  function answerText(value) {
    return value === null ? "–" : String(value);
  }

  function counts(texts) {
    var count = Object.create(null);
    texts.forEach(function (text) { count[text] = (count[text] || 0) + 1; });
    return count;
  }

  /**
   * A distinct heading per member: the name; a name that two members share gets its source (the
   * file name, or "denne browser"), and the same file chosen twice also gets " nr. 1", " nr. 2"….
   */
  function columnLabels(members) {
    var sources = members.map(function (member) { return member.fileName || "denne browser"; });
    var names = counts(members.map(function (member) { return member.name; }));
    var pairs = counts(members.map(function (member, index) { return member.name + "\n" + sources[index]; }));
    var seen = Object.create(null);
    return members.map(function (member, index) {
      if (names[member.name] === 1) return member.name;
      var pair = member.name + "\n" + sources[index];
      var label = member.name + " (" + sources[index] + ")";
      if (pairs[pair] === 1) return label;
      seen[pair] = (seen[pair] || 0) + 1;
      return label + " nr. " + seen[pair];
    });
  }

  /** Fills `container` once with the controls; returns them and the view that each render refills. */
  function buildControls(container) {
    var parts = {
      fileInput: el("input", {type: "file", id: "checklist-team-import", multiple: "",
        accept: ".json,application/json", "aria-describedby": "checklist-team-hint"}),
      include: dom.button("checklist-team-include-current", "Medtag min egen vurdering"),
      clear: dom.button("checklist-team-clear", "Fjern de indlæste filer"),
      view: el("div", {"class": "katalog-team-view"}),
      box: dom.scrollBox("checklist-team-caption") // kept across renders, so focus on it stays
    };
    parts.include.setAttribute("aria-pressed", "true");
    container.replaceChildren(el("div", {"class": "katalog-team-controls"}, [
      dom.field("checklist-team-import", "Importér kollegers filer", parts.fileInput, [
        el("p", {id: "checklist-team-hint", "class": "katalog-hint"}, ["Filerne bliver kun læst her og " +
          "bliver ikke gemt: de forsvinder igen, når du forlader eller genindlæser siden."])
      ]),
      el("div", {"class": "katalog-buttons"}, [parts.include, parts.clear])
    ]), parts.view);
    return parts;
  }

  /** The columns: the current assessment (when included) and each file, a clashing name with its source. */
  function teamMembers(assessment, includeCurrent, files) {
    var members = (includeCurrent ? [{name: assessment.name, fileName: null, answers: assessment.answers}] : [])
      .concat(files);
    var labels = columnLabels(members);
    return members.map(function (member, index) { return {label: labels[index], answers: member.answers}; });
  }

  function spreadText(row) {
    return row.spread === null ? "" : String(row.spread);
  }

  function teamRow(question, row) {
    var cells = row.values.map(function (value) {
      return el("td", {"class": "katalog-number"}, [answerText(value)]);
    });
    cells.push(el("td", {"class": "katalog-number", "data-spread": spreadText(row)}, [answerText(row.spread)]));
    return el("tr", {"data-question": question.id}, [el("th", {scope: "row"}, [question.text])].concat(cells));
  }

  function teamTable(areas, members, rows) {
    var byId = Object.create(null);
    rows.forEach(function (row) { byId[row.id] = row; });
    var table = el("table", {id: "checklist-team-table", "class": "katalog-table katalog-team-table"}, [
      el("caption", {id: "checklist-team-caption"}, ["Svarene side om side"]),
      el("thead", {}, [el("tr", {}, [el("th", {scope: "col"}, ["Spørgsmål"])].concat(members.map(function (member) {
        return el("th", {scope: "col", "class": "katalog-number"}, [member.label]);
      }), [el("th", {scope: "col", "class": "katalog-number"}, ["Spredning"])]))])
    ]);
    areas.forEach(function (area) {
      var body = el("tbody", {}, [el("tr", {"class": "katalog-team-area"}, [
        el("th", {scope: "rowgroup", colspan: String(members.length + 2)}, [el("span", {}, [area.name])])])]);
      area.questions.forEach(function (question) { body.appendChild(teamRow(question, byId[question.id])); });
      table.appendChild(body);
    });
    return table;
  }

  /** Writes new answers and headings into a table that teamTable built for as many members. */
  function refreshTable(table, members, rows) {
    var headings = table.querySelectorAll("thead th");
    members.forEach(function (member, index) { dom.setText(headings[index + 1], member.label); });
    var body = table.querySelectorAll("tbody tr[data-question]");
    rows.forEach(function (row, index) {
      var cells = body[index].querySelectorAll("td");
      row.values.forEach(function (value, column) { dom.setText(cells[column], answerText(value)); });
      var spread = cells[row.values.length];
      if (spread.getAttribute("data-spread") !== spreadText(row)) spread.setAttribute("data-spread", spreadText(row));
      dom.setText(spread, answerText(row.spread));
    });
  }

  function disagreementList(worst, questionById) {
    if (worst.length === 0) {
      return el("p", {}, ["Der er ingen spørgsmål, hvor jeres svar ligger 1 eller mere fra hinanden."]);
    }
    return el("ol", {id: "checklist-team-disagreements"}, worst.map(function (row) {
      return el("li", {"data-question": row.id}, [el("a", {href: "#spm-" + row.id}, [questionById[row.id].text]),
        " – forskel på " + row.spread + " (svarene går fra " + row.min + " til " + row.max + ")"]);
    }));
  }

  /** What the disagreement list shows, as a string: equal strings need no new list (nor new links). */
  function disagreementsKey(worst) {
    return worst.map(function (row) { return row.id + "=" + row.spread + ":" + row.min + "-" + row.max; }).join(" ");
  }

  /** The status message after reading `read` files, of which those in `skipped` (reasons) were not usable. */
  function importMessage(read, skipped) {
    var added = read - skipped.length;
    return dom.sentences(
      added ? plural(added, "fil er", "filer er") + " indlæst i teamvisningen." : "Ingen filer er indlæst.",
      skipped.length ? plural(skipped.length, "fil er", "filer er") + " sprunget over. " + skipped.join(" ") : ""
    );
  }

  /**
   * Builds the team view in `container`. `questionnaire` is what checklist.js read from the page;
   * hooks.current() gives the current assessment, hooks.say(message, kind) writes the status line.
   * Returns {render(assessment), stop()}: render shows the files beside `assessment`, stop is for
   * when the page has gone.
   */
  function create(container, questionnaire, hooks) {
    var parts = buildControls(container);
    var files = []; // {name, fileName, answers} of each file read, in memory only
    var includeCurrent = true;
    var columns = ""; // which columns the table on screen was built for: files read and includeCurrent
    var filesRead = 0; // grows with every import and clear, so new files always mean a new table
    var shownDisagreements = null; // the disagreementsKey of the list on screen

    function showNothing() {
      columns = "";
      dom.unwatchScrolling(parts.box);
      dom.rebuild(parts.view, function () {
        parts.view.appendChild(el("p", {}, ["Der er ikke indlæst nogen filer endnu."]));
      });
    }

    function showTable(members, rows) {
      parts.box.replaceChildren(teamTable(questionnaire.areas, members, rows));
      dom.rebuild(parts.view, function () {
        parts.view.append(
          el("p", {"class": "katalog-hint"}, ["0–3 er svaret på skalaen, ? er ved ikke / ikke relevant, og – er " +
            "ikke besvaret. Spredningen er forskellen mellem det højeste og det laveste svar."]),
          parts.box,
          el("h3", {}, ["Her er I mest uenige"]),
          el("div", {"class": "katalog-team-disagreements"}));
      });
      shownDisagreements = null;
      dom.watchScrolling(parts.box);
      dom.markScrolling(parts.box);
    }

    function showDisagreements(rows) {
      var worst = results.disagreements(rows, LISTED_DISAGREEMENTS);
      var key = disagreementsKey(worst);
      if (key === shownDisagreements) return;
      shownDisagreements = key;
      var holder = parts.view.querySelector(".katalog-team-disagreements");
      dom.rebuild(holder, function () { holder.appendChild(disagreementList(worst, questionnaire.questionById)); });
    }

    // A new table only when the columns change; otherwise only the cells that differ are rewritten.
    function render(assessment) {
      if (files.length === 0) {
        if (columns !== "" || !parts.view.firstChild) showNothing();
        return;
      }
      var members = teamMembers(assessment, includeCurrent, files);
      var rows = results.teamRows(questionnaire.questionIds, members.map(function (member) {
        return member.answers;
      }));
      var wanted = filesRead + "|" + includeCurrent;
      if (wanted !== columns) {
        columns = wanted;
        showTable(members, rows);
      } else {
        refreshTable(parts.box.firstChild, members, rows);
      }
      showDisagreements(rows);
    }

    function importFiles() {
      var chosen = Array.prototype.slice.call(parts.fileInput.files);
      if (chosen.length === 0) return;
      Promise.all(chosen.map(function (file) {
        return store.readImport(file).then(function (result) { return {file: file, result: result}; });
      })).then(function (outcomes) {
        parts.fileInput.value = "";
        var skipped = [];
        outcomes.forEach(function (outcome) {
          if (outcome.result.ok) {
            var assessment = outcome.result.assessment;
            files.push({name: assessment.name, fileName: outcome.file.name, answers: assessment.answers});
          } else {
            skipped.push(dom.quoted(outcome.file.name) + ": " + outcome.result.error);
          }
        });
        filesRead += 1;
        render(hooks.current());
        hooks.say(importMessage(outcomes.length, skipped), skipped.length ? "error" : "success");
      });
    }

    parts.fileInput.addEventListener("change", importFiles);
    parts.include.addEventListener("click", function () {
      includeCurrent = !includeCurrent;
      parts.include.setAttribute("aria-pressed", String(includeCurrent));
      render(hooks.current());
    });
    parts.clear.addEventListener("click", function () {
      files = [];
      filesRead += 1;
      render(hooks.current());
      hooks.say("De indlæste filer er fjernet fra teamvisningen.", "success");
    });
    return {render: render, stop: function () { dom.unwatchScrolling(parts.box); }};
  }

  namespace.team = {create: create};
})();
