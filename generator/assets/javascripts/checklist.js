/*
 * Selvevaluering, the page. Reads the server-rendered questions, keeps the assessments and saves
 * every answer at once (see checklist-store.js for the format), builds the assessment manager and
 * hands the current assessment to the report (checklist-report.js) and the team view
 * (checklist-team.js) on every change.
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
  var dom = window.Katalog.dom;
  var el = dom.el, button = dom.button, quoted = dom.quoted, describe = store.describe, sentences = dom.sentences;

  var FIRST_NAME = "Min vurdering";
  var NEW_NAME = "Ny vurdering";
  var COPY_SUFFIX = " (kopi)";
  var RAW_FILE_NAME = "selvevaluering-gemte-data.txt";
  var NOTE_PAUSE = 300; // ms without typing before a note is saved

  var started = new WeakSet(); // the #checklist-app elements already set up
  var active = null; // the checklist now on screen, for the one storage listener

  // ---- Reading the server-rendered questions ----

  function normalise(text) {
    return text.replace(/\s+/g, " ").trim();
  }

  function readQuestion(fieldset) {
    var legend = fieldset.querySelector("legend");
    return {id: fieldset.getAttribute("data-question"), text: normalise(legend ? legend.textContent : ""),
      fieldset: fieldset, radios: Array.prototype.slice.call(fieldset.querySelectorAll('input[type="radio"]'))};
  }

  /**
   * The address `value` as the browser would follow it, if it is a page of this site: http: or
   * https: on the page's own origin, or file: when the page itself was opened from a file.
   * Anything else (javascript:, data:, another site, an address the browser would clean up
   * into one of those) gives null, and no link is made.
   */
  function safeUrl(value) {
    if (!value) return null;
    var url;
    try {
      url = new URL(value, document.baseURI);
    } catch (error) {
      return null;
    }
    var here = window.location;
    var local = here.protocol === "file:" ? url.protocol === "file:"
      : (url.protocol === "http:" || url.protocol === "https:") && url.origin === here.origin;
    return local ? url.href : null;
  }

  // The link to the area's own page, rendered just before the area (MkDocs wrote and checked its address).
  function readPageLink(element) {
    var paragraph = element.previousElementSibling;
    var link = paragraph && paragraph.matches(".katalog-area-link") ? paragraph.querySelector("a[href]") : null;
    var url = link ? safeUrl(link.getAttribute("href")) : null;
    return url ? {url: url, text: normalise(link.textContent)} : null;
  }

  function readArea(element) {
    var note = element.querySelector("textarea[data-note]");
    var fieldsets = Array.prototype.slice.call(element.querySelectorAll("fieldset[data-question]"));
    var code = element.getAttribute("data-area-code") || "";
    var title = element.getAttribute("data-area-title") || "";
    return {
      id: element.getAttribute("data-area"),
      kind: element.getAttribute("data-area-kind"),
      code: code,
      title: title,
      name: (code ? code + " " : "") + title, // as tables and headings show the area
      page: readPageLink(element),
      element: element,
      questions: fieldsets.filter(function (fieldset) {
        return store.isKey(fieldset.getAttribute("data-question"));
      }).map(readQuestion),
      note: note && store.isKey(note.getAttribute("data-note")) ? note : null
    };
  }

  /**
   * What this page asks: its areas in page order, their question ids for scoring, and lookups by id.
   * Stored answers and notes for anything else are kept but not shown.
   */
  function readQuestionnaire() {
    var areas = Array.prototype.slice.call(document.querySelectorAll(".katalog-area")).filter(function (element) {
      return store.isKey(element.getAttribute("data-area"));
    }).map(readArea);
    var specs = areas.map(function (area) {
      return {id: area.id, questions: area.questions.map(function (question) { return question.id; })};
    });
    var questionnaire = {
      areas: areas,
      specs: specs,
      questionIds: [].concat.apply([], specs.map(function (spec) { return spec.questions; })),
      areaById: Object.create(null),
      questionById: Object.create(null),
      noteShown: Object.create(null)
    };
    areas.forEach(function (area) {
      questionnaire.areaById[area.id] = area;
      area.questions.forEach(function (question) { questionnaire.questionById[question.id] = question; });
      if (area.note) questionnaire.noteShown[area.note.getAttribute("data-note")] = true;
    });
    return questionnaire;
  }

  function radioAnswer(radio) {
    return radio.value === "?" ? "?" : Number(radio.value);
  }

  function freshState() {
    var first = store.newAssessment(FIRST_NAME, store.todayISO(), []);
    return {current: first.id, assessments: [first]};
  }

  /** Answers and notes kept for questions and areas this page no longer shows, as a Danish sentence. */
  function keptMessage(questionnaire, assessment) {
    var answers = Object.keys(assessment.answers).filter(function (id) {
      return !questionnaire.questionById[id];
    }).length;
    var notes = Object.keys(assessment.notes).filter(function (id) { return !questionnaire.noteShown[id]; }).length;
    return sentences(
      answers === 1 ? "1 svar hører til et spørgsmål, som ikke længere er med. " +
        "Det er gemt, men tælles ikke med." : "",
      answers > 1 ? answers + " svar hører til spørgsmål, som ikke længere er med. " +
        "De er gemt, men tælles ikke med." : "",
      notes === 1 ? "1 note hører til et område, som ikke længere er med. Den er gemt, men vises ikke." : "",
      notes > 1 ? notes + " noter hører til områder, som ikke længere er med. De er gemt, men vises ikke." : "");
  }

  // ---- The manager and the form: building and showing, without state ----

  /**
   * Builds the assessment manager in `container`. `actions` holds the handler for each control:
   * addNew, duplicate, remove, exportFile, switchTo, rename, redate, restoreInvalid, importFile.
   * Returns the controls {current, name, date, import, buttons, print}.
   */
  function buildManager(container, actions) {
    var controls = {
      current: el("select", {id: "checklist-current"}),
      name: el("input", {id: "checklist-name", type: "text", maxlength: String(store.LIMITS.name),
        autocomplete: "off"}),
      date: el("input", {id: "checklist-date", type: "date"}),
      import: el("input", {type: "file", id: "checklist-import", accept: ".json,application/json"})
    };
    var pairs = [
      [button("checklist-new", "Ny vurdering"), actions.addNew],
      [button("checklist-duplicate", "Kopiér"), actions.duplicate],
      [button("checklist-delete", "Slet"), actions.remove],
      [button("checklist-export", "Eksportér som fil"), actions.exportFile],
      [button("checklist-print", "Udskriv rapport"), function () { window.print(); }]
    ];
    controls.buttons = pairs.map(function (pair) { return pair[0]; });
    controls.print = controls.buttons[controls.buttons.length - 1];
    container.replaceChildren(
      el("div", {"class": "katalog-manager-fields"}, [
        dom.field("checklist-current", "Vurdering", controls.current),
        dom.field("checklist-name", "Navn", controls.name),
        dom.field("checklist-date", "Dato", controls.date)
      ]),
      el("div", {"class": "katalog-buttons"}, controls.buttons),
      dom.field("checklist-import", "Importér en vurdering (JSON-fil)", controls.import)
    );
    pairs.forEach(function (pair) { pair[0].addEventListener("click", pair[1]); });
    controls.current.addEventListener("change", actions.switchTo);
    controls.name.addEventListener("input", actions.rename);
    controls.name.addEventListener("blur", actions.restoreInvalid);
    controls.date.addEventListener("change", actions.redate);
    controls.date.addEventListener("blur", actions.restoreInvalid);
    controls.import.addEventListener("change", actions.importFile);
    return controls;
  }

  function renderManager(controls, assessments, assessment) {
    dom.syncOptions(controls.current, assessments.map(function (one) {
      return {value: one.id, text: describe(one)};
    }), assessment.id);
    dom.setValue(controls.name, assessment.name);
    dom.setValue(controls.date, assessment.date);
  }

  /**
   * Listens to the answers (onAnswer) and notes of `areas`: onNote on each keystroke, onNoteDone when
   * the note is left. Puts a print-only paragraph after each note and returns those [{note, mirror}].
   */
  function bindAreas(areas, onAnswer, onNote, onNoteDone) {
    var mirrors = [];
    areas.forEach(function (area) {
      area.element.addEventListener("change", onAnswer);
      if (!area.note) return;
      area.note.setAttribute("maxlength", String(store.LIMITS.note));
      area.note.addEventListener("input", onNote);
      area.note.addEventListener("change", onNoteDone);
      area.note.addEventListener("blur", onNoteDone);
      // Printing shows the full note, which a textarea cannot; this paragraph carries it.
      var mirror = el("p", {"class": "katalog-print-only katalog-note-print"});
      area.note.parentNode.insertBefore(mirror, area.note.nextSibling);
      mirrors.push({note: area.note, mirror: mirror});
    });
    return mirrors;
  }

  /** Shows `assessment`'s answers, and the notes that noteOf(key) gives. */
  function renderAnswers(areas, mirrors, assessment, noteOf) {
    areas.forEach(function (area) {
      area.questions.forEach(function (question) {
        var value = Object.prototype.hasOwnProperty.call(assessment.answers, question.id)
          ? assessment.answers[question.id] : null;
        question.radios.forEach(function (radio) { radio.checked = radioAnswer(radio) === value; });
      });
      if (area.note) dom.setValue(area.note, noteOf(area.note.getAttribute("data-note")));
    });
    renderMirrors(mirrors, noteOf);
  }

  function renderMirrors(mirrors, noteOf) {
    mirrors.forEach(function (pair) {
      dom.setText(pair.mirror, noteOf(pair.note.getAttribute("data-note")) || "Ingen noter.");
    });
  }

  /** While the stored value is unreadable, nothing that would save can be used; printing saves nothing. */
  function lock(areas, controls, locked) {
    areas.forEach(function (area) {
      area.questions.forEach(function (question) { question.fieldset.disabled = locked; });
      if (area.note) area.note.disabled = locked;
    });
    [controls.current, controls.name, controls.date, controls.import].concat(controls.buttons)
      .forEach(function (control) { control.disabled = locked && control !== controls.print; });
  }

  /**
   * Explains in `container` why the stored value cannot be read, with buttons to download it and to
   * reset. Shown again (another window wrote), only the explanation changes: the buttons stay, and
   * so does focus on them.
   */
  function showAlert(container, problem, onDownload, onReset) {
    var reason = store.describeStorageProblem(problem) + " Intet er slettet.";
    var explanation = container.querySelector(".katalog-alert-reason");
    if (explanation && !container.hidden) {
      dom.setText(explanation, reason);
      return;
    }
    var downloadRaw = button("checklist-download-raw", "Hent de gemte data");
    var reset = button("checklist-reset", "Nulstil de gemte svar");
    downloadRaw.addEventListener("click", onDownload);
    reset.addEventListener("click", onReset);
    container.replaceChildren(
      el("p", {"class": "katalog-alert-reason"}, [reason]),
      el("p", {}, ["Hent de gemte data, hvis du vil beholde dem som en fil, og nulstil derefter for at " +
        "begynde forfra. Indtil da er spørgsmålene låst, så de gemte data ikke bliver overskrevet."]),
      el("div", {"class": "katalog-buttons"}, [downloadRaw, reset])
    );
    container.hidden = false;
  }

  /** The name of a copy of `name`: cut (between characters, never inside one) to leave room for the suffix. */
  function copyName(name) {
    var room = store.LIMITS.name - COPY_SUFFIX.length;
    var kept = "";
    Array.from(name).every(function (character) {
      if (kept.length + character.length > room) return false;
      kept += character;
      return true;
    });
    return kept + COPY_SUFFIX;
  }

  // ---- The checklist on one page ----

  function createChecklist(app) {
    var questionnaire = readQuestionnaire();
    var areas = questionnaire.areas;
    var ui = {
      manager: document.getElementById("checklist-manager"),
      alert: document.getElementById("checklist-alert"),
      status: document.getElementById("checklist-status"),
      results: document.getElementById("checklist-results"),
      recommendations: document.getElementById("checklist-recommendations"),
      source: document.getElementById("checklist-recommendation-source"),
      team: document.getElementById("checklist-team"),
      printTitle: document.getElementById("checklist-print-title")
    };
    // {current: id, assessments: [...]} as last read or saved. It is never changed in place: a change
    // makes a new state from the freshest stored one (see commit), so a failed save leaves it as it was.
    var state = null;
    var mode = "stored"; // "stored", "memory" (no storage) or "locked" (the stored value is unreadable)
    var pristine = false; // the first-visit assessment, not yet changed or saved
    var rawStored = null; // the unreadable stored string, offered for download
    var compareId = ""; // the assessment the report compares the current one with, or ""
    var typed = null; // {id, key, value}: a note typed but not saved yet (saved after a pause in typing)
    var noteTimer = null;
    // What start() builds: the manager's controls, the notes' print copies, the report, the team view.
    var controls = null;
    var mirrors = null;
    var report = null;
    var team = null;

    function say(message, kind) {
      ui.status.setAttribute("data-kind", kind);
      ui.status.textContent = message;
    }

    function current() {
      return find(state.current) || state.assessments[0];
    }

    function find(id) {
      var index = store.indexOf(state, id);
      return index < 0 ? null : state.assessments[index];
    }

    /** The note `key` of `assessment` as the page shows it: what is being typed, else what is saved. */
    function noteOf(assessment, key) {
      if (typed && typed.id === assessment.id && typed.key === key) return typed.value;
      return assessment.notes[key] || "";
    }

    // ---- Saving: each change is made to what is stored now, never to an older copy ----

    /**
     * The state a change starts from: the stored one, read again because another window may have
     * saved since (still showing this window's assessment), or this window's own while nothing is
     * stored. {state, pristine}; null when the stored value has become unreadable (then said and shown).
     */
    function freshest() {
      var loaded = mode === "memory" ? {status: "unavailable"} : store.load();
      if (loaded.status === "ok") return {state: store.showing(loaded.state, state.current), pristine: false};
      if (loaded.status !== "corrupt") return {state: state, pristine: pristine};
      adopt(loaded);
      say("Ændringen er ikke gemt, fordi de gemte svar ikke længere kan læses. Intet er ændret.", "error");
      return null;
    }

    function goneMessage(name) {
      return "Vurderingen " + quoted(name) + " findes ikke længere, fordi den er slettet i et andet vindue. " +
        "Intet er ændret.";
    }

    function tooManyMessage() {
      return "Du kan højst have " + store.LIMITS.assessments + " vurderinger. Slet en, før du opretter eller " +
        "importerer en ny. Intet er ændret.";
    }

    /** Why `next` could not be saved (a Danish sentence starting with `failed`), or "" when it was. */
    function saveProblem(next, failed) {
      var reason = mode === "memory" ? store.check(next) : store.save(next);
      return reason ? (failed || "Ændringen kunne ikke gemmes") + ": " + reason + ". Intet er ændret." : "";
    }

    /**
     * Makes one change and saves it. change(base, pristine) gets the freshest state and returns
     * {state: a new state} (leaving `base` as it is), or {problem: a Danish sentence, gone: true when
     * the assessment it was for has been deleted}. Saved, the new state is shown (options.notesOnly:
     * only the notes' print copies are redrawn). Not saved, the problem is said and nothing changes.
     * options.failed begins the message when saving fails. Returns "saved", "gone" or "refused".
     */
    function commit(change, options) {
      options = options || {};
      if (mode === "locked") return "refused";
      saveTypedNote();
      var fresh = freshest();
      if (!fresh) return "refused";
      var outcome = change(fresh.state, fresh.pristine);
      var problem = outcome.problem || saveProblem(outcome.state, options.failed);
      if (problem) {
        say(problem, "error");
        if (!options.notesOnly) show(fresh.state); // undoes what the user did on screen
        return outcome.gone ? "gone" : "refused";
      }
      pristine = false;
      if (options.notesOnly) {
        state = outcome.state;
        renderMirrors(mirrors, function (key) { return noteOf(current(), key); });
      } else {
        show(outcome.state);
      }
      return "saved";
    }

    /** A change to the assessment `id` alone: edit(copy) changes a copy of it, or returns why it may not. */
    function editing(id, edit) {
      var name = find(id) ? find(id).name : "";
      return function (base) {
        var index = store.indexOf(base, id);
        if (index < 0) return {problem: goneMessage(name), gone: true};
        var copy = store.copyAssessment(base.assessments[index]);
        var problem = edit(copy);
        return problem ? {problem: problem} : {state: store.replacing(base, index, copy)};
      };
    }

    /**
     * Asks `question`; when the answer is yes, runs `action` in a task of its own. While the dialog
     * was open this tab took in nothing that other tabs stored (the browser queues it), so storage
     * read at once would still give the old value; a later task reads what they saved.
     */
    function whenConfirmed(question, action) {
      if (!window.confirm(question)) return false;
      window.setTimeout(action, 0);
      return true;
    }

    function show(next) {
      state = next;
      if (compareId === state.current || !find(compareId)) compareId = "";
      render();
    }

    // ---- The manager's actions ----

    // Which assessment is shown is remembered in storage too, but switching does not depend on it.
    function switchTo() {
      var id = controls.current.value;
      saveTypedNote();
      var fresh = freshest();
      if (!fresh) return;
      if (store.indexOf(fresh.state, id) < 0) {
        show(fresh.state);
        say(goneMessage(find(id) ? find(id).name : ""), "error");
        return;
      }
      var next = store.showing(fresh.state, id);
      if (mode === "stored" && !fresh.pristine) store.save(next);
      show(next);
      say(sentences("Du ser nu vurderingen " + quoted(describe(current())) + ".",
        keptMessage(questionnaire, current())), "info");
    }

    function rename() {
      var name = controls.name.value.trim();
      var problem = store.nameProblem(name);
      var wasInvalid = controls.name.getAttribute("aria-invalid") === "true";
      controls.name.setAttribute("aria-invalid", String(problem !== ""));
      if (problem) {
        say("Navnet " + problem + ".", "error");
        return;
      }
      var saved = name === current().name ? "saved" : commit(editing(state.current, function (assessment) {
        assessment.name = name;
      }));
      if (saved === "saved" && wasInvalid) say("", "info"); // the complaint no longer holds
    }

    function redate() {
      var date = controls.date.value;
      var valid = store.isRealDate(date);
      controls.date.setAttribute("aria-invalid", String(!valid));
      if (!valid || date === current().date) return;
      commit(editing(state.current, function (assessment) { assessment.date = date; }));
    }

    // Leaving a name or date field that holds no valid value puts the saved one back.
    function restoreInvalid(event) {
      var input = event.target;
      if (input.getAttribute("aria-invalid") !== "true") return;
      var isName = input === controls.name;
      input.value = isName ? current().name : current().date;
      input.setAttribute("aria-invalid", "false");
      say(isName
        ? "Navnet var ikke gyldigt, så det gemte navn " + quoted(current().name) + " er sat ind igen."
        : "Datoen var ikke gyldig, så den gemte dato " + store.danishDate(current().date) + " er sat ind igen.",
      "info");
    }

    function addNew() {
      var saved = commit(function (base) {
        if (base.assessments.length >= store.LIMITS.assessments) return {problem: tooManyMessage()};
        return {state: store.adding(base, store.newAssessment(NEW_NAME, store.todayISO(), base.assessments))};
      });
      if (saved !== "saved") return;
      controls.name.focus();
      controls.name.select();
      say("Der er oprettet en ny, tom vurdering. Skriv dens navn i feltet »Navn«.", "success");
    }

    function duplicateCurrent() {
      var original = current();
      var saved = commit(function (base) {
        var index = store.indexOf(base, original.id);
        if (index < 0) return {problem: goneMessage(original.name), gone: true};
        if (base.assessments.length >= store.LIMITS.assessments) return {problem: tooManyMessage()};
        var latest = base.assessments[index];
        return {state: store.adding(base,
          store.duplicate(latest, copyName(latest.name), store.todayISO(), base.assessments))};
      });
      if (saved === "saved") say("Kopien " + quoted(current().name) + " er oprettet, og du ser den nu.", "success");
    }

    /** `base` without the assessment at `index`, showing the one before it (or a fresh one if none is left). */
    function withoutAssessment(base, index) {
      var next = store.replacing(base, index, null);
      if (next.assessments.length === 0) {
        return store.adding(next, store.newAssessment(FIRST_NAME, store.todayISO(), []));
      }
      return store.showing(next, next.assessments[Math.max(0, index - 1)].id);
    }

    function deleteCurrent() {
      var doomed = current();
      whenConfirmed("Vil du slette vurderingen " + quoted(describe(doomed)) + "? Svarene og noterne " +
          "kan ikke hentes tilbage, medmindre du har eksporteret dem.", function () {
        var fresh = false;
        var saved = commit(function (base) {
          var index = store.indexOf(base, doomed.id);
          if (index < 0) return {problem: goneMessage(doomed.name), gone: true};
          fresh = base.assessments.length === 1;
          return {state: withoutAssessment(base, index)};
        });
        if (saved !== "saved") return;
        say("Vurderingen " + quoted(doomed.name) + " er slettet." +
          (fresh ? " Der er oprettet en ny, tom vurdering." : ""), "success");
      });
    }

    function exportCurrent() {
      saveTypedNote();
      var assessment = withTypedNote(current());
      var fileName = store.exportFileName(assessment);
      dom.download(store.exportText(assessment, new Date()), fileName, "application/json");
      say("Vurderingen " + quoted(assessment.name) + " er eksporteret som filen " + fileName +
        ". Du finder den, hvor din browser gemmer hentede filer.", "success");
    }

    // A note that could not be saved is still exported as it stands on screen.
    function withTypedNote(assessment) {
      if (!typed || typed.id !== assessment.id) return assessment;
      var copy = store.copyAssessment(assessment);
      if (typed.value) copy.notes[typed.key] = typed.value; else delete copy.notes[typed.key];
      return copy;
    }

    function importChosen() {
      var file = controls.import.files[0];
      if (!file) return;
      store.readImport(file).then(function (result) {
        controls.import.value = ""; // the same file can be chosen again
        if (!result.ok) {
          say(result.error + " Intet er ændret.", "error");
          return;
        }
        addImported(result.assessment);
      });
    }

    // The untouched first-visit assessment is replaced by an import without asking.
    function onlyPristine(base, isPristine) {
      return isPristine && base.assessments.length === 1 && store.isEmpty(base.assessments[0]);
    }

    /** The change that adds `assessment`, or puts it in place of the one with its id (`replace`). */
    function importing(assessment, replace, replacedName) {
      return function (base, isPristine) {
        var index = store.indexOf(base, assessment.id);
        if (onlyPristine(base, isPristine)) return {state: {current: assessment.id, assessments: [assessment]}};
        if (replace && index < 0) return {problem: goneMessage(replacedName), gone: true};
        if (replace) return {state: store.showing(store.replacing(base, index, assessment), assessment.id)};
        if (index >= 0) {
          return {problem: "En vurdering med samme id er netop gemt i et andet vindue. Importér filen igen for " +
            "at vælge, om den skal erstattes. Intet er ændret."};
        }
        if (base.assessments.length >= store.LIMITS.assessments) return {problem: tooManyMessage()};
        return {state: store.adding(base, assessment)};
      };
    }

    function addImported(assessment) {
      var room = store.roomProblem(assessment, questionnaire.questionIds, Object.keys(questionnaire.noteShown));
      if (room) {
        say(room + " Intet er ændret.", "error");
        return;
      }
      var fresh = freshest();
      if (!fresh) return;
      var index = onlyPristine(fresh.state, fresh.pristine) ? -1 : store.indexOf(fresh.state, assessment.id);
      var existing = index < 0 ? null : fresh.state.assessments[index];
      if (!existing) {
        saveImport(assessment, null);
      } else if (!whenConfirmed("Der findes allerede en vurdering med samme id: " + quoted(describe(existing)) +
          ". Den importerede hedder " + quoted(describe(assessment)) + ". Vil du erstatte den med den importerede?",
      function () { saveImport(assessment, existing); })) {
        say("Importen er annulleret. Intet er ændret.", "info");
      }
    }

    /** Saves an imported `assessment`, in place of `existing` (the one with its id) if that is given. */
    function saveImport(assessment, existing) {
      var saved = commit(importing(assessment, Boolean(existing), existing ? existing.name : ""),
        {failed: "Vurderingen " + quoted(assessment.name) + " er ikke importeret, fordi den ikke kunne gemmes"});
      if (saved !== "saved") return;
      say(sentences("Vurderingen " + quoted(describe(assessment)) + " er importeret" +
        (existing ? " og har erstattet den tidligere udgave" : "") + ", og du ser den nu.",
      keptMessage(questionnaire, assessment)), "success");
    }

    // ---- Answers and notes ----

    /** Sets one answer in `assessment` (a copy), or says why the limit on answers does not allow it. */
    function setAnswer(assessment, id, value) {
      var known = Object.prototype.hasOwnProperty.call(assessment.answers, id);
      if (!known && Object.keys(assessment.answers).length >= store.LIMITS.answers) {
        return "Svaret er ikke gemt: vurderingen " + quoted(assessment.name) + " har allerede " +
          store.LIMITS.answers + " svar, det højeste antal, medregnet svar til spørgsmål, som ikke længere er " +
          "med. Intet er ændret.";
      }
      assessment.answers[id] = value;
      return "";
    }

    /** Sets or removes one note in `assessment` (a copy), or says why it may not be saved. */
    function setNote(assessment, key, text) {
      var area = questionnaire.areaById[key];
      var what = "Noten til " + quoted(area ? area.title : key);
      if (text === "") {
        delete assessment.notes[key];
        return "";
      }
      var problem = store.noteProblem(text);
      if (problem) return what + " er ikke gemt, fordi den " + problem + ". Ret teksten, så bliver den gemt.";
      var known = Object.prototype.hasOwnProperty.call(assessment.notes, key);
      if (!known && Object.keys(assessment.notes).length >= store.LIMITS.notes) {
        return what + " er ikke gemt: vurderingen " + quoted(assessment.name) + " har allerede " +
          store.LIMITS.notes + " noter, det højeste antal, medregnet noter til områder, som ikke længere er med.";
      }
      assessment.notes[key] = text;
      return "";
    }

    function answer(event) {
      var radio = event.target;
      var fieldset = radio.closest("fieldset[data-question]");
      if (!fieldset || radio.type !== "radio" || !radio.checked) return;
      var id = fieldset.getAttribute("data-question");
      var value = radioAnswer(radio);
      if (!questionnaire.questionById[id] || !store.isAnswer(value)) return;
      commit(editing(state.current, function (assessment) { return setAnswer(assessment, id, value); }));
    }

    // Typing is saved after a short pause, and at once when the note is left or the page goes.
    function typeNote(event) {
      var note = event.target;
      typed = {id: state.current, key: note.getAttribute("data-note"), value: note.value};
      renderMirrors(mirrors, function (key) { return noteOf(current(), key); });
      window.clearTimeout(noteTimer);
      noteTimer = window.setTimeout(saveTypedNote, NOTE_PAUSE);
    }

    /** Saves the note being typed, if any. One that cannot be saved stays on screen and is tried again. */
    function saveTypedNote() {
      window.clearTimeout(noteTimer);
      noteTimer = null;
      if (!typed || mode === "locked") return;
      var note = typed;
      typed = null;
      var saved = commit(editing(note.id, function (assessment) {
        return setNote(assessment, note.key, note.value);
      }), {notesOnly: true});
      if (saved === "refused" && !typed) typed = note;
    }

    // ---- The unreadable stored value ----

    function downloadRawStored() {
      dom.download(rawStored, RAW_FILE_NAME, "text/plain");
      say("De gemte data er hentet som filen " + RAW_FILE_NAME + ".", "success");
    }

    function resetStored() {
      if (!window.confirm("Vil du slette de gemte svar i denne browser og begynde forfra? Hent dem først, " +
          "hvis du vil beholde dem.")) return;
      if (!store.clear()) {
        say("De gemte svar kunne ikke slettes, fordi browseren ikke tillader det.", "error");
        return;
      }
      adopt({status: "empty"});
      controls.current.focus(); // the button that had focus has gone with the alert
      say("De gemte svar er nulstillet. Du kan begynde forfra.", "success");
    }

    /** Takes in what store.load() found: the stored state, a fresh one, or a locked fresh one. */
    function adopt(loaded) {
      var next = loaded.status === "ok" ? loaded.state : freshState();
      if (state) next = store.showing(next, state.current);
      pristine = loaded.status !== "ok";
      mode = {unavailable: "memory", corrupt: "locked"}[loaded.status] || "stored";
      rawStored = loaded.status === "corrupt" ? loaded.raw : null;
      if (rawStored === null) {
        ui.alert.hidden = true;
        ui.alert.replaceChildren();
      } else {
        showAlert(ui.alert, loaded.problem, downloadRawStored, resetStored);
      }
      lock(areas, controls, mode === "locked");
      show(next);
    }

    // ---- Everything ----

    function compareWith(id) {
      compareId = find(id) && id !== state.current ? id : "";
      render();
    }

    function render() {
      var assessment = current();
      renderManager(controls, state.assessments, assessment);
      renderAnswers(areas, mirrors, assessment, function (key) { return noteOf(assessment, key); });
      report.render({assessment: assessment, earlier: find(compareId), assessments: state.assessments});
      team.render(assessment);
      dom.setText(ui.printTitle, assessment.name + " · " + store.danishDate(assessment.date));
    }

    function start() {
      var noScript = document.getElementById("checklist-nojs");
      if (noScript) noScript.hidden = true;
      controls = buildManager(ui.manager, {addNew: addNew, duplicate: duplicateCurrent, remove: deleteCurrent,
        exportFile: exportCurrent, switchTo: switchTo, rename: rename, redate: redate, restoreInvalid: restoreInvalid,
        importFile: importChosen});
      report = namespace.report.create({results: ui.results, recommendations: ui.recommendations, source: ui.source},
        questionnaire, compareWith);
      team = namespace.team.create(ui.team, questionnaire, {current: current, say: say});
      mirrors = bindAreas(areas, answer, typeNote, saveTypedNote);
      [app, ui.results, ui.recommendations, ui.team].forEach(function (element) { element.hidden = false; });
      var loaded = store.load();
      adopt(loaded);
      var unavailable = loaded.status === "unavailable";
      var message = sentences(unavailable ? "Din browser tillader ikke, at siden gemmer dine svar. Du kan godt " +
        "udfylde selvevalueringen, men svarene forsvinder, når du lukker siden. Brug »Eksportér som fil« for at " +
        "beholde dem." : "", keptMessage(questionnaire, current()));
      if (message) say(message, unavailable ? "error" : "info");
    }

    /** Another window changed the stored answers: show them instead of overwriting them later. */
    function reloadFromStorage() {
      if (mode === "memory") return;
      saveTypedNote(); // saved into what the other window stored, not over it
      var loaded = store.load();
      // Already taken in: this tab has saved since, on top of what the other one stored.
      if (loaded.status === "ok" && state && loaded.state.assessments === state.assessments) return;
      adopt(loaded);
      say("Vurderingerne er opdateret, fordi de blev ændret i et andet vindue.", "info");
    }

    /** The page has gone (instant navigation): save what is typed and let go of the observers. */
    function stop() {
      saveTypedNote();
      report.stop();
      team.stop();
    }

    start();
    return {app: app, reloadFromStorage: reloadFromStorage, flush: saveTypedNote, stop: stop};
  }

  /** Starts the checklist if this page has one; safe to call again for the same page. */
  function setUp() {
    if (active && !active.app.isConnected) { // Material's instant navigation has left the page
      active.stop();
      active = null;
    }
    var app = document.getElementById("checklist-app");
    if (!app || !namespace.store || !namespace.results || !namespace.report || !namespace.team) return;
    if (started.has(app)) return;
    started.add(app);
    active = createChecklist(app);
  }

  window.addEventListener("storage", function (event) {
    if (active && active.app.isConnected && (event.key === store.STORAGE_KEY || event.key === null)) {
      active.reloadFromStorage();
    }
  });
  // A note being typed is saved before the page goes, whether reloaded, closed or left.
  ["pagehide", "beforeunload"].forEach(function (type) {
    window.addEventListener(type, function () {
      if (active) active.flush();
    });
  });

  namespace.setUp = setUp;

  dom.onEveryPage(setUp);
})();
