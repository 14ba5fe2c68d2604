/*
 * Selvevaluering, part 3 of 3: the page. Builds the assessment manager, the results, the
 * recommendations and the team view around the server-rendered questions, and saves every
 * answer at once (see checklist-store.js for the format).
 *
 * Loaded on every page of the site: it does nothing where #checklist-app is absent.
 * Text from the page, from storage or from a file only ever reaches the page through
 * textContent and setAttribute, never as HTML.
 */
(function () {
  "use strict";

  var namespace = window.KatalogChecklist = window.KatalogChecklist || {};
  if (namespace.setUp) return; // a second copy of this script: the first one already listens
  var store = namespace.store;
  var results = namespace.results;

  var FIRST_NAME = "Min vurdering";
  var NEW_NAME = "Ny vurdering";
  var COPY_SUFFIX = " (kopi)";
  var RECOMMENDED_AREAS = 3;
  var LISTED_DISAGREEMENTS = 5;
  var RAW_FILE_NAME = "selvevaluering-gemte-data.txt";

  var started = new WeakSet(); // the #checklist-app elements already set up
  var active = null; // the checklist now on screen, for the one storage listener

  // ---- Small DOM helpers ----

  function el(tag, attributes, children) {
    var element = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (key) { element.setAttribute(key, attributes[key]); });
    (children || []).forEach(function (child) {
      element.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return element;
  }

  // Changing only what differs keeps the live region from announcing unchanged text.
  function setText(element, text) {
    if (element.textContent !== text) element.textContent = text;
  }

  // A field the user is typing in is left alone, so a re-render never moves their cursor.
  function setValue(field, value) {
    if (document.activeElement !== field && field.value !== value) field.value = value;
  }

  function button(id, text) {
    return el("button", {type: "button", id: id, "class": "katalog-button"}, [text]);
  }

  function field(id, labelText, control, extra) {
    return el("div", {"class": "katalog-field"}, [el("label", {"for": id}, [labelText]), control].concat(extra || []));
  }

  /**
   * Empties `container` and lets `build` fill it. Focus inside it is not lost: it goes back to the
   * same element if that was put back, else to the container, never to the top of the page.
   */
  function rebuild(container, build) {
    var focused = container.contains(document.activeElement) ? document.activeElement : null;
    container.replaceChildren();
    build(container);
    if (!focused || document.activeElement === focused) return;
    if (container.contains(focused)) {
      focused.focus();
    } else {
      container.setAttribute("tabindex", "-1");
      container.focus();
    }
  }

  /** Keeps a select's options equal to `items` ([{value, text}]) without replacing the select itself. */
  function syncOptions(select, items, selected) {
    while (select.options.length > items.length) select.remove(select.options.length - 1);
    items.forEach(function (item, index) {
      var option = select.options[index] || select.appendChild(document.createElement("option"));
      if (option.value !== item.value) option.value = item.value;
      setText(option, item.text);
    });
    select.value = selected;
  }

  /**
   * A wide table scrolls sideways inside its own box on a phone. Only then is the box a
   * focusable, named region, so a keyboard can scroll it and a wide screen gets no empty tab stop.
   */
  function markScrolling(box) {
    var scrolls = box.scrollWidth > box.clientWidth + 1;
    if (scrolls === box.hasAttribute("tabindex")) return;
    if (scrolls) {
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "region");
    } else {
      box.removeAttribute("tabindex");
      box.removeAttribute("role");
    }
  }

  /** The box for a table labelled by `labelId`; it is re-marked whenever its width changes. */
  function scrollBox(labelId) {
    var box = el("div", {"class": "katalog-table-scroll", "aria-labelledby": labelId});
    new ResizeObserver(function () { markScrolling(box); }).observe(box);
    return box;
  }

  function download(text, fileName, type) {
    var url = URL.createObjectURL(new Blob([text], {type: type}));
    var link = el("a", {href: url, download: fileName});
    document.body.appendChild(link);
    link.click();
    document.body.removeChild(link);
    // The browser has started the download by now; the object URL is only released later to be safe.
    window.setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
  }

  // ---- Texts ----

  function quoted(text) {
    return "»" + text + "«";
  }

  function describe(assessment) {
    return assessment.name + " (" + store.danishDate(assessment.date) + ")";
  }

  /** The non-empty sentences, joined. */
  function sentences() {
    return Array.prototype.filter.call(arguments, Boolean).join(" ");
  }

  function plural(count, one, many) {
    return count + " " + (count === 1 ? one : many);
  }

  function scoreText(score) {
    return score === null ? "–" : results.formatNumber(score) + " af 3";
  }

  function answerText(value) {
    return value === null ? "–" : String(value);
  }

  /** `texts` with each text that occurs more than once replaced by widen(text, index, nth among its equals). */
  function distinct(texts, widen) {
    var counts = Object.create(null);
    var seen = Object.create(null);
    texts.forEach(function (text) { counts[text] = (counts[text] || 0) + 1; });
    return texts.map(function (text, index) {
      if (counts[text] === 1) return text;
      seen[text] = (seen[text] || 0) + 1;
      return widen(text, index, seen[text]);
    });
  }

  // ---- Reading the server-rendered questions ----

  function normalise(text) {
    return text.replace(/\s+/g, " ").trim();
  }

  function readQuestion(fieldset) {
    var legend = fieldset.querySelector("legend");
    return {id: fieldset.getAttribute("data-question"), text: normalise(legend ? legend.textContent : ""),
      fieldset: fieldset, radios: Array.prototype.slice.call(fieldset.querySelectorAll('input[type="radio"]'))};
  }

  // Only the relative links the server writes (or plain web addresses) are followed.
  function safeUrl(url) {
    return url && !/^(?!https?:)[a-z][a-z0-9+.-]*:/i.test(url.trim()) ? url : null;
  }

  function readArea(element) {
    var note = element.querySelector("textarea[data-note]");
    var fieldsets = Array.prototype.slice.call(element.querySelectorAll("fieldset[data-question]"));
    return {
      id: element.getAttribute("data-area"),
      kind: element.getAttribute("data-area-kind"),
      code: element.getAttribute("data-area-code") || "",
      title: element.getAttribute("data-area-title") || "",
      url: safeUrl(element.getAttribute("data-area-url")),
      element: element,
      questions: fieldsets.filter(function (fieldset) {
        return store.isKey(fieldset.getAttribute("data-question"));
      }).map(readQuestion),
      note: note && store.isKey(note.getAttribute("data-note")) ? note : null
    };
  }

  function readAreas() {
    return Array.prototype.slice.call(document.querySelectorAll(".katalog-area")).filter(function (element) {
      return store.isKey(element.getAttribute("data-area"));
    }).map(readArea);
  }

  function radioAnswer(radio) {
    return radio.value === "?" ? "?" : Number(radio.value);
  }

  function areaName(area) {
    return (area.code ? area.code + " " : "") + area.title;
  }

  // ---- The checklist on one page ----

  function createChecklist(app) {
    var areas = readAreas();
    var specs = areas.map(function (area) {
      return {id: area.id, questions: area.questions.map(function (question) { return question.id; })};
    });
    var questionIds = [].concat.apply([], specs.map(function (spec) { return spec.questions; }));
    // What this page shows, by id; stored answers and notes for anything else are kept but not shown.
    var areaById = Object.create(null);
    var questionById = Object.create(null);
    var noteShown = Object.create(null);
    areas.forEach(function (area) {
      areaById[area.id] = area;
      area.questions.forEach(function (question) { questionById[question.id] = question; });
      if (area.note) noteShown[area.note.getAttribute("data-note")] = true;
    });

    var ui = {
      manager: document.getElementById("checklist-manager"),
      alert: document.getElementById("checklist-alert"),
      status: document.getElementById("checklist-status"),
      results: document.getElementById("checklist-results"),
      recommendations: document.getElementById("checklist-recommendations"),
      source: document.getElementById("checklist-recommendation-source"),
      team: document.getElementById("checklist-team"),
      printTitle: document.getElementById("checklist-print-title"),
      mirrors: []
    };
    var state = null; // {current: id, assessments: [...]}
    var mode = "stored"; // "stored", "memory" (no storage) or "locked" (the stored value is unreadable)
    var pristine = false; // the first-visit assessment, not yet changed or saved
    var rawStored = null; // the unreadable stored string, offered for download
    var compareId = "";
    var comparing = null; // whether the score table was built with the change column
    var recommendationsKey = null;
    var team = {files: [], includeCurrent: true};

    function say(message, kind) {
      ui.status.setAttribute("data-kind", kind);
      ui.status.textContent = message;
    }

    function current() {
      return find(state.current) || state.assessments[0];
    }

    function find(id) {
      return state.assessments.filter(function (one) { return one.id === id; })[0] || null;
    }

    function freshState() {
      var first = store.newAssessment(FIRST_NAME, store.todayISO(), []);
      return {current: first.id, assessments: [first]};
    }

    function persist() {
      if (mode === "locked") return;
      pristine = false;
      if (mode === "memory") return;
      var problem = store.save(state);
      if (problem) say("Ændringen kunne ikke gemmes: " + problem + ".", "error");
    }

    /** Answers and notes kept for questions and areas this page no longer shows, as a Danish sentence. */
    function keptMessage(assessment) {
      var answers = Object.keys(assessment.answers).filter(function (id) { return !questionById[id]; }).length;
      var notes = Object.keys(assessment.notes).filter(function (id) { return !noteShown[id]; }).length;
      return sentences(
        answers === 1 ? "1 svar hører til et spørgsmål, som ikke længere er med. " +
          "Det er gemt, men tælles ikke med." : "",
        answers > 1 ? answers + " svar hører til spørgsmål, som ikke længere er med. " +
          "De er gemt, men tælles ikke med." : "",
        notes === 1 ? "1 note hører til et område, som ikke længere er med. Den er gemt, men vises ikke." : "",
        notes > 1 ? notes + " noter hører til områder, som ikke længere er med. De er gemt, men vises ikke." : "");
    }

    // ---- Manager ----

    function buildManager() {
      ui.current = el("select", {id: "checklist-current"});
      ui.name = el("input", {id: "checklist-name", type: "text", maxlength: String(store.LIMITS.name),
        autocomplete: "off"});
      ui.date = el("input", {id: "checklist-date", type: "date"});
      ui.import = el("input", {type: "file", id: "checklist-import", accept: ".json,application/json"});
      ui.buttons = [
        [button("checklist-new", "Ny vurdering"), addNew],
        [button("checklist-duplicate", "Kopiér"), duplicateCurrent],
        [button("checklist-delete", "Slet"), deleteCurrent],
        [button("checklist-export", "Eksportér som fil"), exportCurrent],
        [button("checklist-print", "Udskriv rapport"), function () { window.print(); }]
      ];
      ui.manager.replaceChildren(
        el("div", {"class": "katalog-manager-fields"}, [
          field("checklist-current", "Vurdering", ui.current),
          field("checklist-name", "Navn", ui.name),
          field("checklist-date", "Dato", ui.date)
        ]),
        el("div", {"class": "katalog-buttons"}, ui.buttons.map(function (pair) { return pair[0]; })),
        field("checklist-import", "Importér en vurdering (JSON-fil)", ui.import)
      );
      ui.buttons.forEach(function (pair) { pair[0].addEventListener("click", pair[1]); });
      ui.current.addEventListener("change", switchTo);
      ui.name.addEventListener("input", rename);
      ui.name.addEventListener("blur", restoreInvalid);
      ui.date.addEventListener("input", redate);
      ui.date.addEventListener("change", redate);
      ui.date.addEventListener("blur", restoreInvalid);
      ui.import.addEventListener("change", importChosen);
    }

    function renderManager(assessment) {
      syncOptions(ui.current, state.assessments.map(function (one) {
        return {value: one.id, text: describe(one)};
      }), assessment.id);
      setValue(ui.name, assessment.name);
      setValue(ui.date, assessment.date);
    }

    function switchTo() {
      if (!find(ui.current.value)) return;
      state.current = ui.current.value;
      persist();
      render();
      say(sentences("Du ser nu vurderingen " + quoted(describe(current())) + ".", keptMessage(current())), "info");
    }

    function rename() {
      var valid = store.isName(ui.name.value);
      var wasInvalid = ui.name.getAttribute("aria-invalid") === "true";
      ui.name.setAttribute("aria-invalid", String(!valid));
      if (!valid) {
        say("Vurderingen skal have et navn.", "error");
        return;
      }
      if (wasInvalid) say("", "info"); // the complaint no longer holds
      current().name = ui.name.value.trim();
      persist();
      render();
    }

    function redate() {
      var valid = store.isRealDate(ui.date.value);
      ui.date.setAttribute("aria-invalid", String(!valid));
      if (!valid || ui.date.value === current().date) return;
      current().date = ui.date.value;
      persist();
      render();
    }

    // Leaving a name or date field that holds no valid value puts the saved one back.
    function restoreInvalid(event) {
      var input = event.target;
      if (input.getAttribute("aria-invalid") !== "true") return;
      var isName = input === ui.name;
      input.value = isName ? current().name : current().date;
      input.setAttribute("aria-invalid", "false");
      say(isName
        ? "Vurderingen skal have et navn, så det gemte navn " + quoted(current().name) + " er sat ind igen."
        : "Datoen var ikke gyldig, så den gemte dato " + store.danishDate(current().date) + " er sat ind igen.",
      "info");
    }

    function roomForOneMore() {
      if (state.assessments.length < store.LIMITS.assessments) return true;
      say("Du kan højst have " + store.LIMITS.assessments + " vurderinger. Slet en, før du opretter eller " +
        "importerer en ny.", "error");
      return false;
    }

    function makeCurrent(assessment) {
      state.current = assessment.id;
      if (compareId === assessment.id) compareId = "";
      persist();
      render();
    }

    function addNew() {
      if (!roomForOneMore()) return;
      var assessment = store.newAssessment(NEW_NAME, store.todayISO(), state.assessments);
      state.assessments.push(assessment);
      makeCurrent(assessment);
      ui.name.focus();
      ui.name.select();
      say("Der er oprettet en ny, tom vurdering. Skriv dens navn i feltet »Navn«.", "success");
    }

    function duplicateCurrent() {
      if (!roomForOneMore()) return;
      var original = current();
      var name = original.name.slice(0, store.LIMITS.name - COPY_SUFFIX.length) + COPY_SUFFIX;
      var copy = store.duplicate(original, name, store.todayISO(), state.assessments);
      state.assessments.push(copy);
      makeCurrent(copy);
      say("Kopien " + quoted(copy.name) + " er oprettet, og du ser den nu.", "success");
    }

    function deleteCurrent() {
      var doomed = current();
      if (!window.confirm("Vil du slette vurderingen " + quoted(describe(doomed)) + "? Svarene og noterne " +
          "kan ikke hentes tilbage, medmindre du har eksporteret dem.")) return;
      var index = state.assessments.indexOf(doomed);
      state.assessments.splice(index, 1);
      var fresh = state.assessments.length === 0;
      if (fresh) state.assessments.push(store.newAssessment(FIRST_NAME, store.todayISO(), []));
      if (compareId === doomed.id) compareId = "";
      makeCurrent(state.assessments[Math.max(0, index - 1)]);
      say("Vurderingen " + quoted(doomed.name) + " er slettet." +
        (fresh ? " Der er oprettet en ny, tom vurdering." : ""), "success");
    }

    function exportCurrent() {
      var assessment = current();
      var fileName = store.exportFileName(assessment);
      download(store.exportText(assessment, new Date()), fileName, "application/json");
      say("Vurderingen " + quoted(assessment.name) + " er eksporteret som filen " + fileName +
        ". Du finder den, hvor din browser gemmer hentede filer.", "success");
    }

    function importChosen() {
      var file = ui.import.files[0];
      if (!file) return;
      store.readImport(file).then(function (result) {
        ui.import.value = ""; // the same file can be chosen again
        if (!result.ok) {
          say(result.error + " Intet er ændret.", "error");
          return;
        }
        addImported(result.assessment);
      });
    }

    // The untouched first-visit assessment is replaced by an import without asking.
    function onlyPristine() {
      return pristine && state.assessments.length === 1 && store.isEmpty(state.assessments[0]);
    }

    function addImported(assessment) {
      var existing = find(assessment.id);
      var replaced = false;
      if (onlyPristine()) {
        state.assessments = [assessment];
      } else if (existing) {
        if (!window.confirm("Der findes allerede en vurdering med samme id: " + quoted(describe(existing)) +
            ". Den importerede hedder " + quoted(describe(assessment)) +
            ". Vil du erstatte den med den importerede?")) {
          say("Importen er annulleret. Intet er ændret.", "info");
          return;
        }
        state.assessments[state.assessments.indexOf(existing)] = assessment;
        replaced = true;
      } else {
        if (!roomForOneMore()) return;
        state.assessments.push(assessment);
      }
      makeCurrent(assessment);
      say(sentences("Vurderingen " + quoted(describe(assessment)) + " er importeret" +
        (replaced ? " og har erstattet den tidligere udgave" : "") + ", og du ser den nu.", keptMessage(assessment)),
      "success");
    }

    // ---- Answers and notes ----

    function bindAreas() {
      areas.forEach(function (area) {
        area.element.addEventListener("change", answer);
        if (!area.note) return;
        area.note.setAttribute("maxlength", String(store.LIMITS.note));
        area.note.addEventListener("input", writeNote);
        // Printing shows the full note, which a textarea cannot; this paragraph carries it.
        var mirror = el("p", {"class": "katalog-print-only katalog-note-print"});
        area.note.parentNode.insertBefore(mirror, area.note.nextSibling);
        ui.mirrors.push({note: area.note, mirror: mirror});
      });
    }

    function answer(event) {
      var radio = event.target;
      var fieldset = radio.closest("fieldset[data-question]");
      if (!fieldset || radio.type !== "radio" || !radio.checked) return;
      var id = fieldset.getAttribute("data-question");
      var value = radioAnswer(radio);
      if (!questionById[id] || !store.isAnswer(value)) return;
      current().answers[id] = value;
      persist();
      render();
    }

    function writeNote(event) {
      var note = event.target;
      var key = note.getAttribute("data-note");
      if (note.value === "") {
        delete current().notes[key];
      } else {
        current().notes[key] = note.value;
      }
      persist();
      renderMirrors(current());
    }

    function renderAnswers(assessment) {
      areas.forEach(function (area) {
        area.questions.forEach(function (question) {
          var value = Object.prototype.hasOwnProperty.call(assessment.answers, question.id)
            ? assessment.answers[question.id] : null;
          question.radios.forEach(function (radio) { radio.checked = radioAnswer(radio) === value; });
        });
        if (area.note) setValue(area.note, assessment.notes[area.note.getAttribute("data-note")] || "");
      });
      renderMirrors(assessment);
    }

    function renderMirrors(assessment) {
      ui.mirrors.forEach(function (pair) {
        setText(pair.mirror, assessment.notes[pair.note.getAttribute("data-note")] || "Ingen noter.");
      });
    }

    /** While the stored value is unreadable, nothing that would save can be used. */
    function lock(locked) {
      areas.forEach(function (area) {
        area.questions.forEach(function (question) { question.fieldset.disabled = locked; });
        if (area.note) area.note.disabled = locked;
      });
      [ui.current, ui.name, ui.date, ui.import].concat(ui.buttons.map(function (pair) { return pair[0]; }))
        .forEach(function (control) { control.disabled = locked; });
    }

    // ---- The unreadable stored value ----

    function showAlert(problem) {
      var downloadRaw = button("checklist-download-raw", "Hent de gemte data");
      var reset = button("checklist-reset", "Nulstil de gemte svar");
      downloadRaw.addEventListener("click", function () {
        download(rawStored, RAW_FILE_NAME, "text/plain");
        say("De gemte data er hentet som filen " + RAW_FILE_NAME + ".", "success");
      });
      reset.addEventListener("click", resetStored);
      ui.alert.replaceChildren(
        el("p", {}, [store.describeStorageProblem(problem) + " Intet er slettet."]),
        el("p", {}, ["Hent de gemte data, hvis du vil beholde dem som en fil, og nulstil derefter for at " +
          "begynde forfra. Indtil da er spørgsmålene låst, så de gemte data ikke bliver overskrevet."]),
        el("div", {"class": "katalog-buttons"}, [downloadRaw, reset])
      );
      ui.alert.hidden = false;
    }

    function resetStored() {
      if (!window.confirm("Vil du slette de gemte svar i denne browser og begynde forfra? Hent dem først, " +
          "hvis du vil beholde dem.")) return;
      if (!store.clear()) {
        say("De gemte svar kunne ikke slettes, fordi browseren ikke tillader det.", "error");
        return;
      }
      load({status: "empty"});
      ui.current.focus(); // the button that had focus has gone with the alert
      say("De gemte svar er nulstillet. Du kan begynde forfra.", "success");
    }

    /** Takes in what store.load() found: the stored state, a fresh one, or a locked fresh one. */
    function load(loaded) {
      var previous = state && state.current;
      state = loaded.status === "ok" ? loaded.state : freshState();
      if (previous && find(previous)) state.current = previous;
      pristine = loaded.status !== "ok";
      mode = {unavailable: "memory", corrupt: "locked"}[loaded.status] || "stored";
      rawStored = loaded.status === "corrupt" ? loaded.raw : null;
      if (rawStored === null) {
        ui.alert.hidden = true;
        ui.alert.replaceChildren();
      } else {
        showAlert(loaded.problem);
      }
      if (!find(compareId)) compareId = "";
      lock(mode === "locked");
      render();
    }

    // ---- Results ----

    function buildResults() {
      ui.summary = el("p", {"class": "katalog-results-summary"});
      ui.compare = el("select", {id: "checklist-compare"});
      ui.scoresBox = scrollBox("checklist-scores-caption");
      ui.radarTitle = el("figcaption");
      ui.legend = el("ul", {"class": "katalog-radar-legend"});
      ui.radar = results.createRadar(document, areas.map(function (area) { return area.code; }), {
        title: "Radardiagram over scoren i hvert område",
        desc: "Diagrammet viser scoren fra 0 i midten til 3 yderst for hvert af de " + areas.length +
          " områder. De samme tal står i tabellen " + quoted("Score pr. område") + "."
      });
      ui.compare.addEventListener("change", function () {
        compareId = find(ui.compare.value) ? ui.compare.value : "";
        render();
      });
      var compareField = field("checklist-compare", "Sammenlign med", ui.compare);
      compareField.classList.add("katalog-compare");
      // Only the summary is announced when an answer changes; the details would repeat it at length.
      ui.results.replaceChildren(ui.summary, el("div", {"class": "katalog-results-detail", "aria-live": "off"}, [
        compareField,
        ui.scoresBox,
        el("figure", {"class": "katalog-radar"}, [ui.radar, ui.legend, ui.radarTitle])
      ]));
    }

    function scoreRow(attributes, header, withChange) {
      var cells = [el("td", {"class": "katalog-number"}), el("td", {"class": "katalog-number"}),
        el("td", {"class": "katalog-number"}), el("td", {"class": "katalog-number"})];
      if (withChange) cells.push(el("td", {"class": "katalog-number", "data-change": ""}));
      return el("tr", attributes, [el("th", {scope: "row"}, [header])].concat(cells));
    }

    function buildScoreTable(withChange) {
      var headers = ["Område", "Score", "Besvaret", "Ved ikke", "Ubesvaret"].concat(withChange ? ["Ændring"] : []);
      var body = el("tbody", {}, areas.map(function (area) {
        return scoreRow({"data-area": area.id}, el("a", {href: "#area-" + area.id}, [areaName(area)]), withChange);
      }));
      body.appendChild(scoreRow({id: "checklist-overall", "data-area": "samlet"}, "Samlet", withChange));
      ui.scoresBox.replaceChildren(el("table", {id: "checklist-scores", "class": "katalog-table"}, [
        el("caption", {id: "checklist-scores-caption"}, ["Score pr. område (gennemsnit på skalaen 0–3)"]),
        el("thead", {}, [el("tr", {}, headers.map(function (text, index) {
          return el("th", index ? {scope: "col", "class": "katalog-number"} : {scope: "col"}, [text]);
        }))]),
        body
      ]));
      comparing = withChange;
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

    function renderScoreTable(scores, earlierScores) {
      if (comparing !== Boolean(earlierScores)) buildScoreTable(Boolean(earlierScores));
      var rows = ui.scoresBox.querySelectorAll("tbody tr");
      var before = earlierScores ? earlierScores.areas.concat([earlierScores.overall]) : [];
      scores.areas.concat([scores.overall]).forEach(function (scored, index) {
        fillScoreRow(rows[index], scored, before[index] || null);
      });
      markScrolling(ui.scoresBox);
    }

    function renderRadar(assessment, scores, earlier, earlierScores) {
      function values(of) { return of.areas.map(function (one) { return one.score; }); }
      results.drawRadar(ui.radar, values(scores), earlierScores ? values(earlierScores) : null);
      ui.legend.hidden = !earlier;
      ui.legend.replaceChildren();
      if (earlier) {
        ui.legend.append(legendItem("current", assessment, "fuld linje"),
          legendItem("earlier", earlier, "stiplet linje"));
      }
      setText(ui.radarTitle, earlier
        ? "Score pr. område for " + quoted(describe(assessment)) + " sammenlignet med " +
          quoted(describe(earlier)) + "."
        : "Score pr. område for " + quoted(describe(assessment)) + ", fra 0 i midten til 3 yderst.");
    }

    function renderResults(assessment, scores) {
      var earlier = find(compareId);
      var earlierScores = earlier ? results.score(specs, earlier.answers) : null;
      var others = state.assessments.filter(function (one) { return one !== assessment; });
      syncOptions(ui.compare, [{value: "", text: "Ingen sammenligning"}].concat(others.map(function (one) {
        return {value: one.id, text: describe(one)};
      })), earlier ? earlier.id : "");
      renderScoreTable(scores, earlierScores);
      setText(ui.summary, summaryText(scores, earlierScores, earlier));
      renderRadar(assessment, scores, earlier, earlierScores);
    }

    // ---- Recommendations ----

    function recommendation(area, scored) {
      var section = el("section", {"data-area": area.id, "class": "katalog-recommendation"}, [
        el("h3", {}, [areaName(area) + " (score " + results.formatNumber(scored.score) + " af 3)"])
      ]);
      if (area.url) {
        var what = area.kind === "prerequisite" ? "forudsætningen " : area.kind === "principle" ? "princippet " : "";
        section.appendChild(el("p", {}, [el("a", {href: area.url}, ["Læs om " + what + quoted(area.title)])]));
      }
      var source = ui.source && ui.source.querySelector('[data-recommend="' + area.id + '"]');
      Array.prototype.forEach.call(source ? source.childNodes : [], function (node) {
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

    function renderRecommendations(scores) {
      var weakest = results.weakest(scores.areas, RECOMMENDED_AREAS);
      var key = scores.overall.score === null ? "none" : weakest.map(function (one) {
        return one.id + "=" + results.formatNumber(one.score);
      }).join(" ");
      if (key === recommendationsKey) return; // unchanged: keep the links (and any focus on them)
      recommendationsKey = key;
      rebuild(ui.recommendations, function (container) {
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
            container.appendChild(recommendation(areaById[scored.id], scored));
          });
        }
      });
    }

    // ---- Team view ----

    function buildTeam() {
      ui.teamImport = el("input", {type: "file", id: "checklist-team-import", multiple: "",
        accept: ".json,application/json", "aria-describedby": "checklist-team-hint"});
      ui.include = el("button", {type: "button", id: "checklist-team-include-current", "class": "katalog-button",
        "aria-pressed": "true"}, ["Medtag min egen vurdering"]);
      var clear = el("button", {type: "button", id: "checklist-team-clear", "class": "katalog-button"},
        ["Fjern de indlæste filer"]);
      ui.teamView = el("div", {"class": "katalog-team-view"});
      ui.teamBox = scrollBox("checklist-team-caption"); // kept across renders, so focus on it stays
      ui.team.replaceChildren(el("div", {"class": "katalog-team-controls"}, [
        field("checklist-team-import", "Importér kollegers filer", ui.teamImport, [
          el("p", {id: "checklist-team-hint", "class": "katalog-hint"}, ["Filerne bliver kun læst her og " +
            "bliver ikke gemt: de forsvinder igen, når du forlader eller genindlæser siden."])
        ]),
        el("div", {"class": "katalog-buttons"}, [ui.include, clear])
      ]), ui.teamView);
      ui.teamImport.addEventListener("change", importTeam);
      ui.include.addEventListener("click", function () {
        team.includeCurrent = !team.includeCurrent;
        ui.include.setAttribute("aria-pressed", String(team.includeCurrent));
        renderTeam(current());
      });
      clear.addEventListener("click", function () {
        team.files = [];
        renderTeam(current());
        say("De indlæste filer er fjernet fra teamvisningen.", "success");
      });
    }

    function importTeam() {
      var files = Array.prototype.slice.call(ui.teamImport.files);
      if (files.length === 0) return;
      Promise.all(files.map(function (file) {
        return store.readImport(file).then(function (result) { return {file: file, result: result}; });
      })).then(function (outcomes) {
        ui.teamImport.value = "";
        var skipped = [];
        outcomes.forEach(function (outcome) {
          if (outcome.result.ok) {
            var assessment = outcome.result.assessment;
            team.files.push({name: assessment.name, fileName: outcome.file.name, answers: assessment.answers});
          } else {
            skipped.push(quoted(outcome.file.name) + ": " + outcome.result.error);
          }
        });
        renderTeam(current());
        var added = outcomes.length - skipped.length;
        say(sentences(
          added ? plural(added, "fil er", "filer er") + " indlæst i teamvisningen." : "Ingen filer er indlæst.",
          skipped.length ? plural(skipped.length, "fil er", "filer er") + " sprunget over. " + skipped.join(" ") : ""
        ), skipped.length ? "error" : "success");
      });
    }

    /** The columns: the current assessment (when included) and each file, a clashing name with its source. */
    function teamMembers(assessment) {
      var members = (team.includeCurrent ? [{name: assessment.name, fileName: null, answers: assessment.answers}] : [])
        .concat(team.files);
      var labels = distinct(members.map(function (member) { return member.name; }), function (name, index) {
        return name + " (" + (members[index].fileName || "denne browser") + ")";
      });
      // The same file chosen twice still needs two different column headings.
      labels = distinct(labels, function (label, index, nth) { return label + " nr. " + nth; });
      return members.map(function (member, index) { return {label: labels[index], answers: member.answers}; });
    }

    function teamRow(question, row) {
      var cells = row.values.map(function (value) {
        return el("td", {"class": "katalog-number"}, [answerText(value)]);
      });
      cells.push(el("td", {"class": "katalog-number", "data-spread": row.spread === null ? "" : String(row.spread)},
        [answerText(row.spread)]));
      return el("tr", {"data-question": question.id}, [el("th", {scope: "row"}, [question.text])].concat(cells));
    }

    function teamTable(members, rows) {
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
          el("th", {scope: "rowgroup", colspan: String(members.length + 2)}, [el("span", {}, [areaName(area)])])])]);
        area.questions.forEach(function (question) { body.appendChild(teamRow(question, byId[question.id])); });
        table.appendChild(body);
      });
      return table;
    }

    function disagreementList(rows) {
      var worst = results.disagreements(rows, LISTED_DISAGREEMENTS);
      if (worst.length === 0) {
        return el("p", {}, ["Der er ingen spørgsmål, hvor jeres svar ligger 1 eller mere fra hinanden."]);
      }
      return el("ol", {id: "checklist-team-disagreements"}, worst.map(function (row) {
        return el("li", {"data-question": row.id}, [el("a", {href: "#spm-" + row.id}, [questionById[row.id].text]),
          " – forskel på " + row.spread + " (svarene går fra " + row.min + " til " + row.max + ")"]);
      }));
    }

    function renderTeam(assessment) {
      rebuild(ui.teamView, function (container) {
        if (team.files.length === 0) {
          container.appendChild(el("p", {}, ["Der er ikke indlæst nogen filer endnu."]));
          return;
        }
        var members = teamMembers(assessment);
        var rows = results.teamRows(questionIds, members.map(function (member) { return member.answers; }));
        ui.teamBox.replaceChildren(teamTable(members, rows));
        container.append(
          el("p", {"class": "katalog-hint"}, ["0–3 er svaret på skalaen, ? er ved ikke / ikke relevant, og – er " +
            "ikke besvaret. Spredningen er forskellen mellem det højeste og det laveste svar."]),
          ui.teamBox,
          el("h3", {}, ["Her er I mest uenige"]),
          disagreementList(rows));
        markScrolling(ui.teamBox);
      });
    }

    // ---- Everything ----

    function render() {
      var assessment = current();
      var scores = results.score(specs, assessment.answers);
      renderManager(assessment);
      renderAnswers(assessment);
      renderResults(assessment, scores);
      renderRecommendations(scores);
      renderTeam(assessment);
      setText(ui.printTitle, assessment.name + " · " + store.danishDate(assessment.date));
    }

    function start() {
      var noScript = document.getElementById("checklist-nojs");
      if (noScript) noScript.hidden = true;
      buildManager();
      buildResults();
      buildTeam();
      bindAreas();
      [app, ui.results, ui.recommendations, ui.team].forEach(function (element) { element.hidden = false; });
      var loaded = store.load();
      load(loaded);
      var unavailable = loaded.status === "unavailable";
      var message = sentences(unavailable ? "Din browser tillader ikke, at siden gemmer dine svar. Du kan godt " +
        "udfylde selvevalueringen, men svarene forsvinder, når du lukker siden. Brug »Eksportér som fil« for at " +
        "beholde dem." : "", keptMessage(current()));
      if (message) say(message, unavailable ? "error" : "info");
    }

    /** Another window changed the stored answers: show them instead of overwriting them later. */
    function reloadFromStorage() {
      if (mode === "memory") return;
      load(store.load());
      say("Vurderingerne er opdateret, fordi de blev ændret i et andet vindue.", "info");
    }

    start();
    return {app: app, reloadFromStorage: reloadFromStorage};
  }

  /** Starts the checklist if this page has one; safe to call again for the same page. */
  function setUp() {
    var app = document.getElementById("checklist-app");
    if (!app || !namespace.store || !namespace.results) return;
    if (started.has(app)) return;
    started.add(app);
    active = createChecklist(app);
  }

  window.addEventListener("storage", function (event) {
    if (active && active.app.isConnected && (event.key === store.STORAGE_KEY || event.key === null)) {
      active.reloadFromStorage();
    }
  });

  namespace.setUp = setUp;

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setUp);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
