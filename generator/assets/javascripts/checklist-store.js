/*
 * Selvevaluering, checklist-store.js: the stored format, its validation, and reading and writing it.
 * The first of six scripts, loaded in this order: store (this), results (the maths), dom (shared
 * helpers), report, team and checklist.js (the page, which wires the others together).
 *
 * Everything that comes from localStorage or from an imported file passes through the
 * validators here before the page uses it. They return clean copies whose maps are
 * null-prototype objects holding only keys that match the id pattern, so a crafted key
 * such as "__proto__" can never reach Object.prototype.
 */
(function () {
  "use strict";

  var namespace = window.KatalogChecklist = window.KatalogChecklist || {};

  var STORAGE_KEY = "helhedskataloget.selvevaluering";
  var FORMAT = "helhedskataloget-selvevaluering";
  var VERSION = 1;
  var LIMITS = {
    answers: 1000, notes: 200, assessments: 200, name: 200, note: 10000, key: 80, id: 64,
    importBytes: 1048576
  };
  var KEY_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
  var ID_PATTERN = /^[A-Za-z0-9-]{1,64}$/;
  var DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
  var MONTHS = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september",
    "oktober", "november", "december"];

  // A broken rule found while validating; caught by the parse functions, never escapes them.
  function Invalid(message) {
    this.message = message;
  }

  function fail(message) {
    throw new Invalid(message);
  }

  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  function has(object, key) {
    return Object.prototype.hasOwnProperty.call(object, key);
  }

  function isKey(value) {
    return typeof value === "string" && value.length <= LIMITS.key && KEY_PATTERN.test(value);
  }

  function isId(value) {
    return typeof value === "string" && ID_PATTERN.test(value);
  }

  function isAnswer(value) {
    return value === 0 || value === 1 || value === 2 || value === 3 || value === "?";
  }

  // Control characters (U+0000–U+001F, U+007F–U+009F) and the bidi embeddings, overrides and isolates
  // that can make text look like something else (U+202A–U+202E, U+2066–U+2069).
  var CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
  var NOTE_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/; // tab and line breaks allowed
  var BIDI = /[\u202a-\u202e\u2066-\u2069]/;
  // Something that shows: not only spaces and invisible characters such as U+200B.
  var VISIBLE = /[^\s\p{Default_Ignorable_Code_Point}]/u;

  /** Why `value` cannot be an assessment's name (a Danish phrase after "navnet"), or "" when it can. */
  function nameProblem(value) {
    if (typeof value !== "string" || !VISIBLE.test(value)) return "skal indeholde mindst ét synligt tegn";
    if (value.length > LIMITS.name) return "må højst være " + LIMITS.name + " tegn langt";
    if (CONTROL.test(value)) return "må ikke indeholde linjeskift, tabulatorer eller andre styretegn";
    if (BIDI.test(value)) {
      return "må ikke indeholde tegn, der vender skriveretningen (U+202A–U+202E, U+2066–U+2069)";
    }
    return "";
  }

  function isName(value) {
    return nameProblem(value) === "";
  }

  /** Why `text` cannot be a note (a Danish phrase after "noten"), or "" when it can. */
  function noteProblem(text) {
    if (text.length > LIMITS.note) return "er længere end 10.000 tegn";
    if (NOTE_CONTROL.test(text)) return "indeholder styretegn (andre end tabulator og linjeskift)";
    if (BIDI.test(text)) return "indeholder tegn, der vender skriveretningen (U+202A–U+202E, U+2066–U+2069)";
    return "";
  }

  function isRealDate(value) {
    var match = typeof value === "string" && DATE_PATTERN.exec(value);
    if (!match) return false;
    var year = Number(match[1]);
    var month = Number(match[2]);
    var day = Number(match[3]);
    var leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
    var days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
    return year >= 1 && days !== undefined && day >= 1 && day <= days;
  }

  // Text from a file can be any length; messages quote at most a short piece of it.
  function quote(text) {
    var shown = text.length > LIMITS.key ? text.slice(0, LIMITS.key) + "…" : text;
    return "'" + shown + "'";
  }

  function pad(number) {
    return (number < 10 ? "0" : "") + number;
  }

  /** Today in the user's own time zone, as YYYY-MM-DD. */
  function todayISO() {
    var now = new Date();
    return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  }

  /** "2026-11-26" → "26. november 2026". */
  function danishDate(iso) {
    var match = DATE_PATTERN.exec(iso);
    return Number(match[3]) + ". " + MONTHS[Number(match[2]) - 1] + " " + match[1];
  }

  /** A file-name-safe form of a name: "Jobcenter Ærø 2026" → "jobcenter-aeroe-2026". */
  function slug(text) {
    var plain = text.toLowerCase().replace(/æ/g, "ae").replace(/ø/g, "oe").replace(/å/g, "aa")
      .normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[^a-z0-9]+/g, "-").replace(/^-+/, "").slice(0, 60).replace(/-+$/, "");
    return plain || "vurdering";
  }

  function randomId() {
    var words = new Uint32Array(2);
    window.crypto.getRandomValues(words);
    return "a-" + words[0].toString(36) + words[1].toString(36);
  }

  /** An id that none of `assessments` has. */
  function newId(assessments) {
    var id = randomId();
    while (assessments.some(function (one) { return one.id === id; })) id = randomId();
    return id;
  }

  function newAssessment(name, date, assessments) {
    return {id: newId(assessments), name: name, date: date, answers: Object.create(null), notes: Object.create(null)};
  }

  function copyMap(map) {
    var copy = Object.create(null);
    Object.keys(map).forEach(function (key) { copy[key] = map[key]; });
    return copy;
  }

  /** A deep copy that may be changed; the stored states are never changed in place. */
  function copyAssessment(assessment) {
    return {id: assessment.id, name: assessment.name, date: assessment.date,
      answers: copyMap(assessment.answers), notes: copyMap(assessment.notes)};
  }

  /** A deep copy with a new id, a new name and a new date. */
  function duplicate(assessment, name, date, assessments) {
    var copy = newAssessment(name, date, assessments);
    copy.answers = copyMap(assessment.answers);
    copy.notes = copyMap(assessment.notes);
    return copy;
  }

  // ---- New states from old ones: a state is never changed in place ----

  /** The position of the assessment with `id` in `state`, or -1. */
  function indexOf(state, id) {
    for (var index = 0; index < state.assessments.length; index++) {
      if (state.assessments[index].id === id) return index;
    }
    return -1;
  }

  /** `state` showing the assessment `id`, or `state` itself when it has no such assessment. */
  function showing(state, id) {
    return indexOf(state, id) < 0 || state.current === id ? state : {current: id, assessments: state.assessments};
  }

  /** `state` with the assessment at `index` replaced by `assessment` (or removed when it is null). */
  function replacing(state, index, assessment) {
    var assessments = state.assessments.slice();
    if (assessment) {
      assessments.splice(index, 1, assessment);
    } else {
      assessments.splice(index, 1);
    }
    return {current: state.current, assessments: assessments};
  }

  /** `state` with `assessment` added at the end and shown. */
  function adding(state, assessment) {
    return {current: assessment.id, assessments: state.assessments.concat([assessment])};
  }

  function isEmpty(assessment) {
    return Object.keys(assessment.answers).length === 0 && Object.keys(assessment.notes).length === 0;
  }

  // ---- Validation: each returns a clean copy or throws Invalid naming the field. ----

  // A map of id → value: an object of at most `spec.limit` entries, each key an id, each value passing
  // `spec.entry(key, value)` (which fails with the reason). Returns a null-prototype copy.
  function checkMap(value, spec) {
    if (!isObject(value)) fail(spec.field + " skal være et objekt");
    var keys = Object.keys(value);
    if (keys.length > spec.limit) fail("der er flere end " + spec.limit + " " + spec.plural);
    var copy = Object.create(null);
    keys.forEach(function (key) {
      if (!isKey(key)) fail(quote(key) + " " + spec.badKey);
      spec.entry(key, value[key]);
      copy[key] = value[key];
    });
    return copy;
  }

  function checkAnswers(value) {
    return checkMap(value, {
      field: "svarene ('answers')", limit: LIMITS.answers, plural: "svar",
      badKey: "i svarene er ikke et gyldigt spørgsmåls-id",
      entry: function (key, answer) {
        if (!isAnswer(answer)) fail("svaret på " + quote(key) + " skal være 0, 1, 2, 3 eller ved ikke");
      }
    });
  }

  // Notes already stored are read as they are; an imported note must also pass noteProblem.
  function checkNotes(value, strict) {
    return checkMap(value, {
      field: "noterne ('notes')", limit: LIMITS.notes, plural: "noter",
      badKey: "i noterne er ikke et gyldigt område-id",
      entry: function (key, note) {
        if (typeof note !== "string") fail("noten til " + quote(key) + " skal være en tekst");
        if (note.length > LIMITS.note) fail("noten til " + quote(key) + " er længere end 10.000 tegn");
        var problem = strict ? noteProblem(note) : "";
        if (problem) fail("noten til " + quote(key) + " " + problem);
      }
    });
  }

  function checkAssessment(value, strict) {
    if (!isObject(value)) fail("vurderingen ('assessment') mangler eller er ikke et objekt");
    if (!isId(value.id)) fail("vurderingens id ('id') skal være 1–64 tegn: bogstaver, tal og bindestreger");
    if (typeof value.name !== "string") fail("vurderingens navn ('name') skal være en tekst på 1–200 tegn");
    var problem = nameProblem(value.name);
    if (problem) fail("vurderingens navn ('name') " + problem);
    if (!isRealDate(value.date)) fail("vurderingens dato ('date') skal være en rigtig dato skrevet ÅÅÅÅ-MM-DD");
    return {id: value.id, name: value.name, date: value.date,
      answers: checkAnswers(value.answers), notes: checkNotes(value.notes, strict)};
  }

  // The assessments known to be valid: they are never changed after that (each change makes a new
  // copy), so a save checks only the ones it has not seen, not the whole state again.
  var checked = new WeakSet();

  // A checked assessment is frozen, so that changing it in place fails loudly instead of skipping a check.
  function seal(assessment) {
    Object.freeze(assessment.answers);
    Object.freeze(assessment.notes);
    checked.add(Object.freeze(assessment));
  }

  /** A valid copy of `item`, or `item` itself when it has been checked before. */
  function checkOnce(item) {
    if (isObject(item) && checked.has(item)) return item;
    var assessment = checkAssessment(item, false);
    seal(assessment);
    if (isObject(item)) seal(item);
    return assessment;
  }

  function checkAssessments(value) {
    if (!Array.isArray(value) || value.length === 0 || value.length > LIMITS.assessments) {
      fail("listen over vurderinger ('assessments') skal have 1–" + LIMITS.assessments + " vurderinger");
    }
    var seen = Object.create(null);
    return value.map(function (item, index) {
      var assessment;
      try {
        assessment = checkOnce(item);
      } catch (error) {
        if (error instanceof Invalid) fail(error.message + " (vurdering nr. " + (index + 1) + ")");
        throw error;
      }
      if (seen[assessment.id]) fail("to vurderinger har samme id " + quote(assessment.id));
      seen[assessment.id] = true;
      return assessment;
    });
  }

  /** {current, assessments} as a plain object (parsed or in memory) → a valid state, or throws Invalid. */
  function checkState(data) {
    var assessments = checkAssessments(data.assessments);
    if (!isId(data.current)) fail("den valgte vurdering ('current') skal være et id");
    // A pointer to a missing assessment loses nothing: the first one is shown instead.
    var current = assessments.some(function (one) { return one.id === data.current; })
      ? data.current : assessments[0].id;
    return {current: current, assessments: assessments};
  }

  // Runs `check`; an Invalid becomes {ok: false, problem: {kind: "shape", detail}}.
  function attempt(check) {
    try {
      return check();
    } catch (error) {
      if (error instanceof Invalid) return {ok: false, problem: {kind: "shape", detail: error.message}};
      throw error;
    }
  }

  function parseJSON(text) {
    try {
      return {ok: true, value: JSON.parse(text)};
    } catch (error) {
      return {ok: false, problem: {kind: "json"}};
    }
  }

  function versionProblem(version) {
    return {kind: "version", version: typeof version === "number" && isFinite(version) ? String(version) : null};
  }

  /**
   * The stored string → {ok: true, state: {current, assessments}} or {ok: false, problem}.
   * A problem's kind is "json", "format", "version" or "shape" (with a Danish detail).
   * Version 1 is the only one there has been, so there is nothing yet to migrate from;
   * any other version is refused rather than guessed at.
   */
  function parseStored(text) {
    var parsed = parseJSON(text);
    if (!parsed.ok) return parsed;
    var data = parsed.value;
    if (!isObject(data) || data.format !== FORMAT) return {ok: false, problem: {kind: "format"}};
    if (data.version !== VERSION) return {ok: false, problem: versionProblem(data.version)};
    return attempt(function () { return {ok: true, state: checkState(data)}; });
  }

  function storageReason(problem) {
    if (problem.kind === "json") return "de er ikke gyldig JSON";
    if (problem.kind === "format") return "de er ikke gemt i selvevalueringens format";
    if (problem.kind === "version") {
      return "de er gemt i " + (problem.version ? "version " + problem.version : "en ukendt version") +
        ", som denne side ikke kan læse";
    }
    return problem.detail;
  }

  /** The Danish sentence for the alert that the stored answers cannot be read. */
  function describeStorageProblem(problem) {
    return "De gemte svar i denne browser kan ikke læses: " + storageReason(problem) + ".";
  }

  function storageDocument(state) {
    return {format: FORMAT, version: VERSION, current: state.current, assessments: state.assessments};
  }

  // The text last read or written, and the state it holds: while the stored text is unchanged
  // (no other window wrote), reading it again costs a string comparison, not a parse.
  var known = {text: null, state: null};

  /**
   * Reads the stored answers: {status: "empty"}, {status: "ok", state},
   * {status: "corrupt", raw, problem} or {status: "unavailable"} when the browser refuses storage.
   * The state must not be changed in place: a change makes new objects (see copyAssessment).
   */
  function load() {
    var raw;
    try {
      raw = window.localStorage.getItem(STORAGE_KEY);
    } catch (error) {
      return {status: "unavailable"};
    }
    if (raw === null) return {status: "empty"};
    if (raw === known.text) return {status: "ok", state: known.state};
    var parsed = parseStored(raw);
    if (!parsed.ok) return {status: "corrupt", raw: raw, problem: parsed.problem};
    known = {text: raw, state: parsed.state};
    return {status: "ok", state: parsed.state};
  }

  /** Why `state` may not be saved (a Danish phrase), or "": the same rules as reading it back. */
  function check(state) {
    var result = attempt(function () { checkState(state); return {ok: true}; });
    return result.ok ? "" : storageReason(result.problem);
  }

  function writeProblem(error) {
    var full = error && (error.name === "QuotaExceededError" || error.code === 22 || error.code === 1014);
    return full ? "der er ikke plads til flere gemte data i denne browser"
      : "browseren tillader ikke, at siden gemmer data her";
  }

  /**
   * Writes `state`; returns "" on success or a Danish reason. It is checked first by the rules
   * that reading it back applies, so the page never writes anything it would later call corrupt.
   */
  function save(state) {
    var problem = check(state);
    if (problem) return problem;
    var text = JSON.stringify(storageDocument(state));
    try {
      window.localStorage.setItem(STORAGE_KEY, text);
    } catch (error) {
      return writeProblem(error);
    }
    known = {text: text, state: state};
    return "";
  }

  /** Removes the stored answers; false when the browser refused. */
  function clear() {
    try {
      window.localStorage.removeItem(STORAGE_KEY);
      return true;
    } catch (error) {
      return false;
    }
  }

  // ---- Export and import ----

  function exportText(assessment, now) {
    return JSON.stringify({format: FORMAT, version: VERSION, exported: now.toISOString(), assessment: assessment},
      null, 2);
  }

  function exportFileName(assessment) {
    return "selvevaluering-" + slug(assessment.name) + "-" + assessment.date + ".json";
  }

  function importMessage(problem) {
    if (problem.kind === "json") return "Filen er ikke gyldig JSON og kan derfor ikke importeres.";
    if (problem.kind === "format") return "Filen er ikke en eksporteret selvevaluering fra Helhedskataloget.";
    if (problem.kind === "stored") {
      return "Filen indeholder de gemte data fra en browser og er ikke en eksporteret selvevaluering fra " +
        "Helhedskataloget. Brug knappen »Eksportér som fil« for at lave en fil, der kan importeres.";
    }
    if (problem.kind === "version") {
      return "Filen er gemt i " + (problem.version ? "version " + problem.version : "en ukendt version") +
        ", som denne side ikke kan læse.";
    }
    return "Filen kan ikke importeres: " + problem.detail + ".";
  }

  /** The text of an exported file → {ok: true, assessment} or {ok: false, error: a Danish sentence}. */
  function parseImport(text) {
    var result = parseJSON(text);
    if (result.ok) {
      var data = result.value;
      if (!isObject(data) || data.format !== FORMAT) {
        result = {ok: false, problem: {kind: "format"}};
      } else if (has(data, "assessments") && !has(data, "assessment")) {
        result = {ok: false, problem: {kind: "stored"}};
      } else if (data.version !== VERSION) {
        result = {ok: false, problem: versionProblem(data.version)};
      } else {
        result = attempt(function () { return {ok: true, assessment: checkAssessment(data.assessment, true)}; });
      }
    }
    return result.ok ? result : {ok: false, error: importMessage(result.problem)};
  }

  function countUnknown(map, shown) {
    var set = Object.create(null);
    shown.forEach(function (key) { set[key] = true; });
    return Object.keys(map).filter(function (key) { return !set[key]; }).length;
  }

  /**
   * Why an imported `assessment` cannot be taken in on a page with these question ids and note
   * keys, or "": its answers and notes for what the page does not show are kept, and with every
   * question answered and every note written it must still stay within the limits, or a later
   * answer could not be saved.
   */
  function roomProblem(assessment, questionIds, noteKeys) {
    var answers = countUnknown(assessment.answers, questionIds);
    if (answers + questionIds.length > LIMITS.answers) {
      return "Filen kan ikke importeres: den har svar på " + answers + " spørgsmål, som ikke er med på " +
        "denne side. Sammen med sidens " + questionIds.length + " spørgsmål kunne vurderingen få flere end " +
        LIMITS.answers + " svar, og så kunne den ikke gemmes.";
    }
    var notes = countUnknown(assessment.notes, noteKeys);
    if (notes + noteKeys.length > LIMITS.notes) {
      return "Filen kan ikke importeres: den har noter til " + notes + " områder, som ikke er med på denne " +
        "side. Sammen med sidens " + noteKeys.length + " områder kunne vurderingen få flere end " + LIMITS.notes +
        " noter, og så kunne den ikke gemmes.";
    }
    return "";
  }

  function megabytes(bytes) {
    return (bytes / 1048576).toFixed(1).replace(".", ",");
  }

  /** Reads a chosen File (size checked before reading) → Promise of parseImport's result. */
  function readImport(file) {
    if (file.size > LIMITS.importBytes) {
      return Promise.resolve({ok: false, error: "Filen er for stor (" + megabytes(file.size) +
        " MB). En eksporteret selvevaluering fylder højst 1 MB."});
    }
    return file.text().then(parseImport, function () {
      return {ok: false, error: "Filen kunne ikke læses."};
    });
  }

  /** An assessment as the page names it: "Name (26. november 2026)". */
  function describe(assessment) {
    return assessment.name + " (" + danishDate(assessment.date) + ")";
  }

  namespace.store = {
    STORAGE_KEY: STORAGE_KEY,
    FORMAT: FORMAT,
    VERSION: VERSION,
    LIMITS: LIMITS,
    isKey: isKey,
    isAnswer: isAnswer,
    isName: isName,
    nameProblem: nameProblem,
    noteProblem: noteProblem,
    isRealDate: isRealDate,
    todayISO: todayISO,
    danishDate: danishDate,
    describe: describe,
    slug: slug,
    newAssessment: newAssessment,
    copyAssessment: copyAssessment,
    duplicate: duplicate,
    isEmpty: isEmpty,
    indexOf: indexOf,
    showing: showing,
    replacing: replacing,
    adding: adding,
    parseStored: parseStored,
    describeStorageProblem: describeStorageProblem,
    load: load,
    check: check,
    save: save,
    clear: clear,
    exportText: exportText,
    exportFileName: exportFileName,
    parseImport: parseImport,
    roomProblem: roomProblem,
    readImport: readImport
  };
})();
