"""The checklist in a real browser: answers kept in localStorage, scores, chart, recommendations,
assessments, export/import, team view, corrupt storage, question-set upgrades, keyboard, print."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pytest
from test_checklist import NEW_CASE

from gates import axe_failures, open_page, serve
from generator.catalogue import load_catalogue

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
CHECKLIST = "selvevaluering/"
KEY = "helhedskataloget.selvevaluering"
FORMAT = "helhedskataloget-selvevaluering"
CENTRE, RADIUS = 200.0, 140.0
NOTE_PAUSE_MS = 300  # checklist.js NOTE_PAUSE: how long typing must pause before a note is saved


def open_checklist(context, base_url: str, path: str = CHECKLIST):
    page, visit = open_page(context, base_url, path)
    page.wait_for_selector("#checklist-app", state="visible")
    return page, visit


def answer(page, question: str, value: int | str) -> None:
    """Choose an answer as a user does: by clicking the answer's label."""
    page.locator(f'label[for="svar-{question}-{"x" if value == "?" else value}"]').click()


def areas(page) -> dict[str, list[str]]:
    """The areas on the page, in order, with their question ids."""
    return page.evaluate("""() => Object.fromEntries([...document.querySelectorAll('.katalog-area')].map(area =>
        [area.dataset.area, [...area.querySelectorAll('fieldset[data-question]')].map(f => f.dataset.question)]))""")


def answer_areas(page, values: dict[str, int | str], default: int | str | None = None) -> dict[str, int | str]:
    """Answer every question of each named area with its value (others with `default`); returns the answers."""
    given = {}
    for area, questions in areas(page).items():
        value = values.get(area, default)
        for question in questions if value is not None else []:
            answer(page, question, value)
            given[question] = value
    return given


def stored(page):
    return page.evaluate(f"JSON.parse(localStorage.getItem('{KEY}'))")


def raw_stored(page) -> str | None:
    return page.evaluate(f"localStorage.getItem('{KEY}')")


def current(page) -> dict:
    data = stored(page)
    return next(one for one in data["assessments"] if one["id"] == data["current"])


def checked(page) -> dict[str, str]:
    return page.evaluate("""() => Object.fromEntries([...document.querySelectorAll('.katalog-area input:checked')]
        .map(input => [input.name.replace(/^svar-/, ''), input.value]))""")


def score_rows(page) -> dict[str, dict[str, str]]:
    return page.evaluate("""() => Object.fromEntries([...document.querySelectorAll('#checklist-scores tr[data-area]')]
        .map(row => [row.dataset.area, {score: row.dataset.score, answered: row.dataset.answered,
                     unknown: row.dataset.unknown, unanswered: row.dataset.unanswered,
                     text: row.innerText, change: (row.querySelector('[data-change]') || {}).textContent}]))""")


def polygon(page, selector: str) -> list[tuple[float, float]]:
    points = page.locator(f"#checklist-radar {selector}").get_attribute("points")
    return [tuple(float(number) for number in point.split(",")) for point in points.split()]


def radar_point(index: int, count: int, score: float | None) -> tuple[float, float]:
    """Where the chart must put an area's score: axes clockwise from the top, 3 at the outer ring."""
    angle = -math.pi / 2 + 2 * math.pi * index / count
    radius = RADIUS * (score or 0) / 3
    return CENTRE + radius * math.cos(angle), CENTRE + radius * math.sin(angle)


def status(page) -> tuple[str, str | None]:
    element = page.locator("#checklist-status")
    return element.inner_text(), element.get_attribute("data-kind")


def export(page, folder: Path) -> Path:
    with page.expect_download() as download:
        page.locator("#checklist-export").click()
    path = folder / download.value.suggested_filename
    download.value.save_as(path)
    return path


def import_file(page, selector: str, name: str, content: bytes | str) -> None:
    payload = content.encode("utf-8") if isinstance(content, str) else content
    # A 10 MB buffer crosses to the browser in one message, which takes a while on a loaded machine.
    page.locator(selector).set_input_files(files=[{"name": name, "mimeType": "application/json", "buffer": payload}],
                                           timeout=60_000)


def export_document(name: str, answers: dict, identifier: str) -> str:
    return json.dumps({"format": FORMAT, "version": 1, "exported": "2026-11-26T10:00:00Z", "assessment": {
        "id": identifier, "name": name, "date": "2026-11-20", "answers": answers, "notes": {}}})


def test_answers_and_notes_are_kept_in_the_browser_across_a_reload(real_site_url: str, context) -> None:
    page, _ = open_checklist(context, real_site_url)
    assert page.locator("#checklist-nojs").is_hidden()
    assert raw_stored(page) is None  # opening the page writes nothing
    answer(page, "relation-antal-kontakter", 2)
    answer(page, "relation-kontinuitet", "?")
    answer(page, "maalgruppe-kriterier", 0)
    page.locator("#note-relation").fill("Drøft på næste teammøde: æ, ø og å")
    page.reload()
    page.wait_for_selector("#checklist-app", state="visible")
    assert checked(page) == {"relation-antal-kontakter": "2", "relation-kontinuitet": "?", "maalgruppe-kriterier": "0"}
    assert page.locator("#note-relation").input_value() == "Drøft på næste teammøde: æ, ø og å"
    data = stored(page)
    assert data["format"] == FORMAT and data["version"] == 1
    assert current(page)["answers"] == {"relation-antal-kontakter": 2, "relation-kontinuitet": "?",
                                        "maalgruppe-kriterier": 0}


def test_scores_and_the_chart_match_the_answers(real_site_url: str, context) -> None:
    page, _ = open_checklist(context, real_site_url)
    questions = areas(page)
    relation, maalgruppe, viden = questions["relation"], questions["maalgruppe"], questions["viden"]
    for question, value in [(relation[0], 3), (relation[1], 1), (relation[2], "?"), (maalgruppe[0], 0),
                            (maalgruppe[1], 2), (viden[0], "?")]:
        answer(page, question, value)
    rows = score_rows(page)
    assert float(rows["relation"]["score"]) == pytest.approx(2.0)
    assert (rows["relation"]["answered"], rows["relation"]["unknown"], rows["relation"]["unanswered"]) == \
        ("2", "1", str(len(relation) - 3))
    assert "2,0" in rows["relation"]["text"]
    assert float(rows["maalgruppe"]["score"]) == pytest.approx(1.0)
    assert rows["viden"]["score"] == "" and rows["viden"]["unknown"] == "1"  # "ved ikke" is not a score
    assert rows["bygge-bro"]["score"] == "" and rows["bygge-bro"]["unanswered"] == str(len(questions["bygge-bro"]))
    overall = rows["samlet"]
    assert float(overall["score"]) == pytest.approx((3 + 1 + 0 + 2) / 4)  # all numeric answers, not mean of means
    assert (overall["answered"], overall["unknown"]) == ("4", "2")
    scores = {area: float(row["score"]) if row["score"] else None for area, row in rows.items() if area != "samlet"}
    expected = [radar_point(index, len(questions), scores[area]) for index, area in enumerate(questions)]
    actual = polygon(page, "polygon.katalog-radar-current")
    assert len(actual) == len(expected) == 10
    for (x, y), (want_x, want_y) in zip(actual, expected):
        assert (x, y) == (pytest.approx(want_x, abs=0.06), pytest.approx(want_y, abs=0.06))
    assert page.locator("#checklist-radar").get_attribute("role") == "img"
    assert page.locator("#checklist-scores caption").count() == 1  # the chart's text alternative


def test_recommendations_name_the_cases_for_the_weakest_areas(real_site_url: str, real_sources, context) -> None:
    page, _ = open_checklist(context, real_site_url)
    answer_areas(page, {"maalgruppe": 0, "relation": 1, "opfoelgning": 2}, default=3)
    sections = page.locator("#checklist-recommendations section[data-area]")
    assert sections.evaluate_all("all => all.map(section => section.dataset.area)") == \
        ["maalgruppe", "relation", "opfoelgning"]
    catalogue = load_catalogue(real_sources)
    for area in ("maalgruppe", "relation", "opfoelgning"):
        showing = [case for case in catalogue.cases
                   if area in {shown.id for shown in (*case.principles, *case.prerequisites)}]
        assert showing, f"no case shows {area}: the rigged answers no longer test anything"
        links = page.locator(f'#checklist-recommendations section[data-area="{area}"] a[href^="../eksempler/"]')
        assert links.evaluate_all("all => all.map(link => link.getAttribute('href'))") == \
            [f"../eksempler/{case.id}/" for case in showing]
    answer_areas(page, {"opfoelgning": 3})  # only two areas are below the top now
    assert sections.evaluate_all("all => all.map(section => section.dataset.area)") == ["maalgruppe", "relation"]


def test_a_case_added_to_the_catalogue_appears_in_the_recommendations(project, tmp_path: Path, context) -> None:
    project.write("cases/nyby-familieteam.yml", NEW_CASE)
    with serve(project.build(tmp_path / "site")) as base_url:
        page, _ = open_checklist(context, base_url)
        answer_areas(page, {"relation": 0, "maalgruppe": 3})
        section = page.locator('#checklist-recommendations section[data-area="relation"]')
        assert "Familieteamet i Nyby" in section.inner_text()
        section.get_by_role("link", name="Familieteamet i Nyby").click()
        page.wait_for_url("**/eksempler/nyby-familieteam/")


def test_export_then_import_in_a_fresh_browser_gives_the_same_answers(real_site_url: str, open_context,
                                                                     tmp_path: Path) -> None:
    page, _ = open_checklist(open_context(), real_site_url)
    given = answer_areas(page, {"relation": 2, "viden": "?", "planlaegning": 1})
    page.locator("#note-viden").fill("Vi mangler et fælles it-system")
    page.locator("#checklist-name").fill("Projekt Nord 2026")
    path = export(page, tmp_path)
    exported = json.loads(path.read_text(encoding="utf-8"))
    assert exported["format"] == FORMAT and exported["version"] == 1
    assert exported["assessment"]["answers"] == given
    assert exported["assessment"]["notes"] == {"viden": "Vi mangler et fælles it-system"}

    fresh, visit = open_checklist(open_context(), real_site_url)
    fresh.locator("#checklist-import").set_input_files(str(path))
    fresh.wait_for_function("document.querySelector('#checklist-status').textContent.includes('Projekt Nord 2026')")
    assert current(fresh)["answers"] == given
    assert checked(fresh) == {question: str(value) for question, value in given.items()}
    assert fresh.locator("#note-viden").input_value() == "Vi mangler et fælles it-system"
    assert fresh.locator("#checklist-current option").count() == 1  # the untouched first assessment was replaced
    assert "Projekt Nord 2026" in fresh.locator("#checklist-current").inner_text()
    assert visit.privacy_failures(real_site_url) == []


BAD_IMPORTS = {
    "ugyldig-json": ("{ikke json", "ikke gyldig JSON"),
    "forkert-version": (json.dumps({"format": FORMAT, "version": 7, "assessment": {}}), "version 7"),
    "fremmed-format": (json.dumps({"format": "et-andet-program", "version": 1, "assessment": {}}), "Helhedskataloget"),
    "forkert-form": (export_document("Forkert", {"relation-kontinuitet": 9}, "a-forkert"), "relation-kontinuitet"),
    "ikke-et-objekt": ("[1, 2, 3]", "Helhedskataloget"),
    "ti-megabyte": (b" " * (10 * 1024 * 1024) + b"{}", "for stor"),
}


@pytest.mark.parametrize("case", BAD_IMPORTS)
def test_a_bad_import_is_rejected_and_the_saved_answers_stay(real_site_url: str, context, case: str) -> None:
    content, message = BAD_IMPORTS[case]
    page, _ = open_checklist(context, real_site_url)
    answer(page, "relation-antal-kontakter", 3)
    before = raw_stored(page)
    import_file(page, "#checklist-import", f"{case}.json", content)
    page.wait_for_function("document.querySelector('#checklist-status').dataset.kind === 'error'")
    text, _ = status(page)
    assert message.lower() in text.lower(), text
    assert raw_stored(page) == before
    assert checked(page) == {"relation-antal-kontakter": "3"}


def test_importing_over_an_existing_assessment_asks_first(real_site_url: str, context, tmp_path: Path) -> None:
    page, _ = open_checklist(context, real_site_url)
    answer(page, "relation-antal-kontakter", 1)
    path = export(page, tmp_path)
    answer(page, "relation-antal-kontakter", 3)
    dialogs: list[str] = []

    def decline(dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()
    page.once("dialog", decline)
    page.locator("#checklist-import").set_input_files(str(path))
    assert "annulleret" in wait_for_status(page, "info")  # the file is read, asked about and declined
    assert dialogs and "erstatte" in dialogs[0]
    assert current(page)["answers"] == {"relation-antal-kontakter": 3}
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("#checklist-import").set_input_files(str(path))
    page.wait_for_function("document.querySelector('input#svar-relation-antal-kontakter-1').checked")
    assert current(page)["answers"] == {"relation-antal-kontakter": 1}
    assert page.locator("#checklist-current option").count() == 1


CORRUPT_VALUES = {
    "ikke-json": "{ikke json",
    "ny-version": json.dumps({"format": FORMAT, "version": 99, "current": "a", "assessments": []}),
    "forkert-form": json.dumps({"format": FORMAT, "version": 1, "current": "a", "assessments": "ingen"}),
    "fremmed": json.dumps(["noget", "andet"]),
}


@pytest.mark.parametrize("case", CORRUPT_VALUES)
def test_a_corrupt_saved_value_still_loads_and_offers_download_and_reset(real_site_url: str, context,
                                                                        tmp_path: Path, case: str) -> None:
    corrupt = CORRUPT_VALUES[case]
    context.add_init_script(f"""if (!sessionStorage.getItem('planted')) {{
        sessionStorage.setItem('planted', '1'); localStorage.setItem('{KEY}', {json.dumps(corrupt)}); }}""")
    page, visit = open_checklist(context, real_site_url)
    alert = page.locator("#checklist-alert")
    assert alert.is_visible() and "slettet" in alert.inner_text()  # says that nothing has been deleted
    assert page.locator(".katalog-area fieldset:not([disabled])").count() == 0
    page.locator('label[for="svar-relation-antal-kontakter-2"]').click(force=True)
    assert raw_stored(page) == corrupt  # nothing is written over it
    with page.expect_download() as download:
        page.locator("#checklist-download-raw").click()
    saved = tmp_path / "raw.txt"
    download.value.save_as(saved)
    assert saved.read_text(encoding="utf-8") == corrupt
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("#checklist-reset").click()
    page.wait_for_selector("#checklist-alert", state="hidden")
    answer(page, "relation-antal-kontakter", 2)
    assert current(page)["answers"] == {"relation-antal-kontakter": 2}
    assert visit.error_failures() == []


QUESTION_SET_V2 = ("  - id: relation-en-stemme\n    text: Hvordan oplever borgeren, at kommunen taler med én stemme?\n",
                   "  - id: relation-ny\n    text: Hvem koordinerer, når borgeren har sager i tre forvaltninger?\n")


def test_answers_saved_under_one_question_set_survive_an_upgrade_to_the_next(project, tmp_path: Path,
                                                                             context) -> None:
    site = tmp_path / "site"
    with serve(project.build(site)) as base_url:
        page, _ = open_checklist(context, base_url)
        assert areas(page)["relation"] == ["relation-antal", "relation-kontinuitet", "relation-en-stemme"]
        for question, value in [("relation-antal", 2), ("relation-en-stemme", 3), ("relation-kontinuitet", "?")]:
            answer(page, question, value)
        # Version 2 of the questions: one removed, one added, one reworded; the site is rebuilt in place.
        project.edit("principles/relation.yml", *QUESTION_SET_V2)
        project.edit("principles/relation.yml", "Hvor mange sagsbehandlere", "Hvor mange forskellige sagsbehandlere")
        project.build(site)
        page.reload()
        page.wait_for_selector("#checklist-app", state="visible")
        assert areas(page)["relation"] == ["relation-antal", "relation-kontinuitet", "relation-ny"]
        assert checked(page) == {"relation-antal": "2", "relation-kontinuitet": "?"}
        assert current(page)["answers"] == {"relation-antal": 2, "relation-en-stemme": 3, "relation-kontinuitet": "?"}
        row = score_rows(page)["relation"]
        assert (float(row["score"]), row["answered"], row["unknown"], row["unanswered"]) == (2.0, "1", "1", "1")
        assert "1 svar" in status(page)[0]  # the kept answer to the removed question is mentioned
        answer(page, "relation-ny", 1)
        assert current(page)["answers"]["relation-en-stemme"] == 3  # still kept after saving again


def test_assessments_can_be_added_renamed_duplicated_switched_and_deleted(real_site_url: str, context) -> None:
    page, _ = open_checklist(context, real_site_url)
    options = page.locator("#checklist-current option")
    answer(page, "relation-antal-kontakter", 1)
    page.locator("#checklist-name").fill("Familieprojektet")
    page.locator("#checklist-date").fill("2025-11-01")
    original = page.locator("#checklist-current").input_value()
    page.locator("#checklist-duplicate").click()
    assert options.count() == 2
    assert page.locator("#checklist-name").input_value() == "Familieprojektet (kopi)"
    assert checked(page) == {"relation-antal-kontakter": "1"}
    answer(page, "relation-antal-kontakter", 3)
    page.locator("#checklist-new").click()
    assert options.count() == 3 and checked(page) == {}
    names = options.evaluate_all("all => all.map(option => option.textContent)")
    assert any("Familieprojektet (" in name and "1. november 2025" in name for name in names), names
    page.locator("#checklist-current").select_option(original)
    assert checked(page) == {"relation-antal-kontakter": "1"}
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.locator("#checklist-delete").click()
    assert options.count() == 3
    messages: list[str] = []
    page.once("dialog", lambda dialog: (messages.append(dialog.message), dialog.accept()))
    page.locator("#checklist-delete").click()
    assert "er slettet" in wait_for_status(page, "success")  # the deletion runs in a task after the dialog
    assert options.count() == 2 and "Familieprojektet" in messages[0]
    assert [one["name"] for one in stored(page)["assessments"]].count("Familieprojektet") == 0


def test_the_change_since_an_earlier_assessment_is_shown(real_site_url: str, context) -> None:
    page, _ = open_checklist(context, real_site_url)
    answer_areas(page, {"relation": 1, "viden": 2})
    earlier = page.locator("#checklist-current").input_value()
    page.locator("#checklist-duplicate").click()
    answer_areas(page, {"relation": 3})
    page.locator("#checklist-compare").select_option(earlier)
    rows = score_rows(page)
    assert rows["relation"]["change"].strip() == "+2,0"
    assert rows["viden"]["change"].strip() in ("0,0", "±0,0", "+0,0")
    assert rows["bygge-bro"]["change"].strip() in ("", "–")
    assert len(polygon(page, "polygon.katalog-radar-earlier")) == 10


def test_the_team_view_shows_everyone_side_by_side_and_where_they_disagree(real_site_url: str, context) -> None:
    page, _ = open_checklist(context, real_site_url)
    files = [
        ("anna.json", export_document("Anna", {"relation-kontinuitet": 0, "viden-overblik": 2,
                                               "maalgruppe-kriterier": 1}, "a-anna")),
        ("bo.json", export_document("Bo", {"relation-kontinuitet": 3, "viden-overblik": 2,
                                           "maalgruppe-kriterier": 2}, "a-bo")),
        ("cecilie.json", export_document("Cecilie", {"relation-kontinuitet": 1, "viden-overblik": "?",
                                                     "maalgruppe-kriterier": 3}, "a-cecilie")),
        ("odelagt.json", "{ikke json"),
    ]
    page.locator("#checklist-team-import").set_input_files(files=[
        {"name": name, "mimeType": "application/json", "buffer": content.encode("utf-8")} for name, content in files])
    page.wait_for_selector("#checklist-team-table")
    header = page.locator("#checklist-team-table thead").inner_text()
    assert all(name in header for name in ("Anna", "Bo", "Cecilie"))
    assert "odelagt.json" in page.locator("#checklist-team").inner_text() + status(page)[0]
    row = page.locator('#checklist-team-table tr[data-question="relation-kontinuitet"]')
    assert row.locator("[data-spread]").inner_text().strip() == "3"
    assert "Hvad sker der med borgerens kontakt" in row.inner_text()  # the question text, from the page
    disagreements = page.locator("#checklist-team-disagreements li").evaluate_all(
        "all => all.map(item => item.dataset.question)")
    assert disagreements[:2] == ["relation-kontinuitet", "maalgruppe-kriterier"]
    assert "viden-overblik" not in disagreements  # 2 and "ved ikke": no spread
    assert raw_stored(page) is None  # colleagues' files are not saved


def fill_for_results(page) -> None:
    answer_areas(page, {"maalgruppe": 0, "faelles-maal": 1, "ansvar-og-betaling": 2, "viden": "?", "relation": 1,
                        "roed-traad": 2, "handle-paa-tvaers": 3, "opfoelgning": 2, "bygge-bro": 1, "planlaegning": 3})
    page.locator("#note-maalgruppe").fill("Vi mangler fælles kriterier for, hvem der skal have et samlet forløb.")
    page.locator("#checklist-name").fill("Jobcenter og familieafdeling 2026")


@pytest.mark.parametrize("width", [375, 1280])
def test_the_page_with_results_passes_axe_and_makes_no_outside_request(real_site_url: str, open_context,
                                                                         width: int) -> None:
    page, visit = open_checklist(open_context(width), real_site_url)
    fill_for_results(page)
    earlier = page.locator("#checklist-current").input_value()
    page.locator("#checklist-duplicate").click()
    answer_areas(page, {"maalgruppe": 2})
    page.locator("#checklist-compare").select_option(earlier)
    page.locator("#checklist-team-import").set_input_files(files=[
        {"name": f"{name}.json", "mimeType": "application/json",
         "buffer": export_document(name, {"relation-antal-kontakter": value}, f"a-{name}").encode()}
        for name, value in (("Anna", 0), ("Bo", 3))])
    page.wait_for_selector("#checklist-team-table")
    assert page.locator("#checklist-results").is_visible() and page.locator("#checklist-recommendations").is_visible()
    assert axe_failures(page, f"{visit.url} ({width}px, med resultater)") == []
    assert visit.privacy_failures(real_site_url) + visit.error_failures() == []
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the checklist scrolls sideways by {overflow}px at {width}px"


def focused(page) -> dict:
    return page.evaluate("""() => ({tag: document.activeElement.tagName.toLowerCase(), id: document.activeElement.id,
        name: document.activeElement.name || '', type: document.activeElement.type || ''})""")


def tab_to(page, wanted, limit: int = 60, key: str = "Tab") -> dict:
    """Press Tab until `wanted(focused)` holds; fail after `limit` presses instead of looping forever."""
    for _ in range(limit):
        page.keyboard.press(key)
        stop = focused(page)
        if wanted(stop):
            return stop
    pytest.fail(f"focus never reached the wanted control in {limit} presses of {key}")


def test_the_whole_checklist_can_be_filled_and_exported_with_the_keyboard_alone(real_site_url: str, context,
                                                                                tmp_path: Path) -> None:
    page, _ = open_checklist(context, real_site_url)
    questions = [question for area in areas(page).values() for question in area]
    for number, question in enumerate(questions):
        tab_to(page, lambda stop, question=question: stop["name"] == f"svar-{question}")
        page.keyboard.press("Space")  # the first choice, 0
        for _ in range(number % 4):
            page.keyboard.press("ArrowRight")  # then on to the wanted step
    tab_to(page, lambda stop: stop["id"] == "note-planlaegning" or stop["id"].startswith("note-"), limit=5)
    page.keyboard.type("Skrevet med tastaturet")
    assert checked(page) == {question: str(number % 4) for number, question in enumerate(questions)}
    tab_to(page, lambda stop: stop["id"] == "checklist-export", limit=400, key="Shift+Tab")
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    path = tmp_path / "tastatur.json"
    download.value.save_as(path)
    assert json.loads(path.read_text(encoding="utf-8"))["assessment"]["answers"] == \
        {question: number % 4 for number, question in enumerate(questions)}


@pytest.mark.parametrize("width", [375, 1280])
def test_screenshots_of_the_filled_page_the_results_and_the_print_view(real_site_url: str, open_context,
                                                                      width: int) -> None:
    page, _ = open_checklist(open_context(width), real_site_url)
    fill_for_results(page)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"selvevaluering-udfyldt-{width}.png"), full_page=True)
    # Clipped from the whole page: an element screenshot scrolls, and Material's sticky header covers its top.
    box = page.locator("#checklist-results").evaluate(
        "element => (box => ({x: box.x, y: box.y + scrollY, width: box.width, height: box.height}))"
        "(element.getBoundingClientRect())")
    page.screenshot(path=str(ARTIFACTS / f"selvevaluering-resultater-{width}.png"), full_page=True, clip=box)
    page.emulate_media(media="print")
    hidden_in_print = ["header.md-header", "#checklist-manager", "footer.md-footer", "#checklist-import"]
    assert [selector for selector in hidden_in_print if page.locator(selector).first.is_visible()] == []
    assert "Jobcenter og familieafdeling 2026" in page.locator("#checklist-print-title").inner_text()
    for shown in ("#checklist-scores", "#checklist-radar", "#checklist-recommendations section"):
        assert page.locator(shown).first.is_visible(), f"{shown} is not in the print view"
    assert "Vi mangler fælles kriterier" in page.locator("article").inner_text()  # the note, printed in full
    page.screenshot(path=str(ARTIFACTS / f"selvevaluering-udskrift-{width}.png"), full_page=True)
    if width == 1280:
        page.pdf(path=str(ARTIFACTS / "selvevaluering-udskrift.pdf"), format="A4")


def test_the_checklist_works_from_a_file_url(real_site: Path, context) -> None:
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto((real_site / CHECKLIST / "index.html").as_uri())
    page.wait_for_selector("#checklist-app", state="visible")
    answer(page, "relation-antal-kontakter", 2)
    page.reload()
    page.wait_for_selector("#checklist-app", state="visible")
    assert checked(page) == {"relation-antal-kontakter": "2"}
    assert page.locator("#checklist-scores").count() == 1
    # Material's search worker cannot start from file:// (its offline plugin exists for that); ours must.
    assert [error for error in errors if "search" not in error] == []


def test_the_checklist_starts_after_material_instant_navigation(project, tmp_path: Path, context) -> None:
    project.edit("mkdocs.yml", "    - navigation.tabs", "    - navigation.instant\n    - navigation.tabs")
    site = tmp_path / "site"
    site.mkdir()
    with serve(site) as base_url:
        # Material navigates instantly only to the sitemap's pages, matched with the port: build for this address.
        project.edit("mkdocs.yml", "site_name: Testkatalog", f"site_name: Testkatalog\nsite_url: {base_url}")
        project.build(site)
        page, visit = open_page(context, base_url, "")
        page.evaluate("window.instantMarker = true")  # lost if the browser loads a whole new page
        page.locator(".md-tabs__link", has_text="Selvevaluering").click()
        page.wait_for_selector("#checklist-app", state="visible")
        assert page.evaluate("window.instantMarker === true"), "Material did not navigate instantly"
        answer(page, "relation-antal", 1)
        assert current(page)["answers"] == {"relation-antal": 1}
        page.go_back()
        page.wait_for_function("!document.querySelector('#checklist-app')")
        page.go_forward()
        page.wait_for_selector("#checklist-app", state="visible")
        assert checked(page) == {"relation-antal": "1"}
        answer(page, "relation-antal", 2)
        assert current(page)["answers"] == {"relation-antal": 2}  # one listener, one save: no stale copy wins
        assert visit.error_failures() == []


# ---- Defects found in review: each test failed before its fix ----

def stored_document(*assessments: dict, current_id: str | None = None) -> str:
    return json.dumps({"format": FORMAT, "version": 1, "current": current_id or assessments[0]["id"],
                       "assessments": list(assessments)})


def plant(context, value: str) -> None:
    """Store `value` before the checklist's first load in this browser (not again on reload)."""
    context.add_init_script(f"""if (!sessionStorage.getItem('planted')) {{
        sessionStorage.setItem('planted', '1'); localStorage.setItem('{KEY}', {json.dumps(value)}); }}""")


def wait_for_status(page, kind: str) -> str:
    page.wait_for_function(f"document.querySelector('#checklist-status').dataset.kind === '{kind}'")
    return status(page)[0]


# Registered before the page's own listener; a tab that sets window.notTold hears of no other tab's writes.
NOT_TOLD_OF_OTHER_TABS = """window.addEventListener('storage', event => {
    if (window.notTold) event.stopImmediatePropagation(); })"""


@pytest.mark.parametrize("action", ["slet", "importer"])
def test_a_second_tab_never_writes_its_stale_copy_over_the_first_tabs_answers(real_site_url: str, context,
                                                                              action: str) -> None:
    context.add_init_script(NOT_TOLD_OF_OTHER_TABS)
    first, _ = open_checklist(context, real_site_url)
    answer(first, "relation-antal-kontakter", 1)
    original = first.locator("#checklist-current").input_value()
    first.locator("#checklist-duplicate").click()
    copy = first.locator("#checklist-current").input_value()
    second, _ = open_checklist(context, real_site_url)
    second.locator("#checklist-current").select_option(original)
    # The first tab answers, and the second tab is not told (as when it hears of it only later):
    # what it holds in memory is stale, and only storage has the answer.
    second.evaluate("window.notTold = true")
    answer(first, "relation-kontinuitet", 3)
    second.wait_for_function(f"localStorage.getItem('{KEY}').includes('relation-kontinuitet')")
    assert "andet vindue" not in status(second)[0]
    second.once("dialog", lambda dialog: dialog.accept())
    if action == "slet":
        second.locator("#checklist-delete").click()
        wait_for_status(second, "success")
        assert [one["id"] for one in stored(second)["assessments"]] == [copy]
    else:
        import_file(second, "#checklist-import", "original.json",
                    export_document("Importeret", {"maalgruppe-kriterier": 2}, original))
        wait_for_status(second, "success")
        imported = next(one for one in stored(second)["assessments"] if one["id"] == original)
        assert imported["answers"] == {"maalgruppe-kriterier": 2}
    # Read in the tab that wrote last: the first tab learns of that write only a moment later.
    kept = next(one for one in stored(second)["assessments"] if one["id"] == copy)
    assert kept["answers"] == {"relation-antal-kontakter": 1, "relation-kontinuitet": 3}


def test_a_change_to_an_assessment_deleted_in_another_tab_is_refused_and_said(real_site_url: str,
                                                                            context) -> None:
    page, _ = open_checklist(context, real_site_url)
    answer(page, "relation-antal-kontakter", 1)
    page.locator("#checklist-duplicate").click()
    copy = page.locator("#checklist-current").input_value()
    # Another tab deletes the copy; a tab is not told of its own writes, so this one has not heard of it yet.
    page.evaluate(f"""() => {{ const data = JSON.parse(localStorage.getItem('{KEY}'));
        data.assessments = data.assessments.filter(one => one.id !== '{copy}');
        data.current = data.assessments[0].id; localStorage.setItem('{KEY}', JSON.stringify(data)); }}""")
    before = raw_stored(page)
    page.locator("#checklist-name").fill("Omdøbt")
    assert "findes ikke længere" in wait_for_status(page, "error")
    assert raw_stored(page) == before
    assert page.locator("#checklist-current option").count() == 1  # the page now shows what is stored


QUOTA = """(() => {
    const setItem = Storage.prototype.setItem;
    window.storageRoom = 1e9;  // a test lowers it to make the browser's storage "full"
    Storage.prototype.setItem = function (key, value) {
        if (String(value).length > window.storageRoom) throw new DOMException('Fuld', 'QuotaExceededError');
        return setItem.call(this, key, value);
    };
})()"""


def test_a_save_the_browser_refuses_is_reported_and_leaves_no_phantom(real_site_url: str, context) -> None:
    context.add_init_script(QUOTA)
    page, _ = open_checklist(context, real_site_url)
    answer(page, "relation-antal-kontakter", 1)
    page.evaluate("window.storageRoom = 2000")
    big = json.loads(export_document("Stor vurdering", {"relation-kontinuitet": 2}, "a-stor"))
    big["assessment"]["notes"] = {"relation": "x" * 3000}
    import_file(page, "#checklist-import", "stor.json", json.dumps(big))
    text = wait_for_status(page, "error")
    assert "ikke importeret" in text and "plads" in text, text
    assert page.locator("#checklist-current option").count() == 1
    answer(page, "maalgruppe-kriterier", 3)  # fits: the page still saves what it can
    page.evaluate("window.storageRoom = 10")
    answer(page, "relation-kontinuitet", 2)
    assert "kunne ikke gemmes" in wait_for_status(page, "error")
    assert checked(page) == {"relation-antal-kontakter": "1", "maalgruppe-kriterier": "3"}  # the radio is undone
    page.reload()
    page.wait_for_selector("#checklist-app", state="visible")
    assert page.locator("#checklist-current option").count() == 1
    assert [one["name"] for one in stored(page)["assessments"]] == ["Min vurdering"]
    assert checked(page) == {"relation-antal-kontakter": "1", "maalgruppe-kriterier": "3"}


@pytest.mark.parametrize("field", ["answers", "notes"])
def test_an_import_whose_unknown_entries_could_reach_a_limit_is_refused(real_site_url: str, context,
                                                                       field: str) -> None:
    page, _ = open_checklist(context, real_site_url)
    answer(page, "relation-antal-kontakter", 1)
    before = raw_stored(page)
    document = json.loads(export_document("Fyldt", {}, "a-fyldt"))
    document["assessment"][field] = ({f"gammelt-spoergsmaal-{n}": 1 for n in range(1000)} if field == "answers"
                                     else {f"gammelt-omraade-{n}": "tekst" for n in range(195)})
    import_file(page, "#checklist-import", "fyldt.json", json.dumps(document))
    text = wait_for_status(page, "error")
    assert "kan ikke importeres" in text and ("1000 svar" in text if field == "answers" else "200 noter" in text)
    assert raw_stored(page) == before


def test_a_full_assessment_refuses_only_the_one_change_that_does_not_fit(real_site_url: str, context) -> None:
    full = {"id": "a-fuld", "name": "Fuld", "date": "2026-01-05",
            "answers": {f"gammelt-spoergsmaal-{n}": 1 for n in range(1000)},
            "notes": {f"gammelt-omraade-{n}": "tekst" for n in range(200)}}
    other = {"id": "a-anden", "name": "Anden", "date": "2026-01-06", "answers": {}, "notes": {}}
    plant(context, stored_document(full, other))
    page, _ = open_checklist(context, real_site_url)
    before = raw_stored(page)
    answer(page, "relation-antal-kontakter", 2)
    assert "1000 svar" in wait_for_status(page, "error")
    assert checked(page) == {}
    page.locator("#note-relation").fill("En note for meget")
    page.locator("#checklist-name").focus()  # leaving the note saves it
    assert "200 noter" in wait_for_status(page, "error")
    assert raw_stored(page) == before
    page.locator("#checklist-current").select_option("a-anden")
    answer(page, "relation-antal-kontakter", 2)
    assert next(one for one in stored(page)["assessments"] if one["id"] == "a-anden")["answers"] == \
        {"relation-antal-kontakter": 2}


def test_only_the_one_line_summary_of_the_results_is_announced(real_site_url: str, context) -> None:
    page, _ = open_checklist(context, real_site_url)
    summary = page.locator("#checklist-results .katalog-results-summary")
    assert summary.get_attribute("aria-live") == "polite" and summary.get_attribute("role") == "status"
    before = summary.inner_text()
    answer(page, "relation-antal-kontakter", 2)
    assert summary.inner_text() != before and "2,0" in summary.inner_text()
    live = page.evaluate("""() => ['#checklist-scores', '#checklist-radar', '#checklist-compare'].flatMap(selector => {
        const found = [];
        for (let element = document.querySelector(selector).parentElement; element; element = element.parentElement) {
            const value = element.getAttribute('aria-live');
            const role = element.getAttribute('role');
            if ((value && value !== 'off') || ['status', 'alert', 'log'].includes(role)) found.push(selector);
        }
        return found;
    })""")
    assert live == []


def test_an_area_address_that_leaves_the_site_gives_no_link(real_site_url: str, context) -> None:
    hostile = {"relation": "java&#x09;script:alert(1)", "maalgruppe": "https://angriber.example/side/",
               "faelles-maal": "//angriber.example/side/"}

    def patch(route) -> None:
        response = route.fetch()
        body = response.text()
        for area, url in hostile.items():
            # the link to the area's page, just before the area, which the script reads
            body, count = re.subn(rf'(<a href=")[^"]*("[^>]*>[^<]*</a></p>\s*<div class="katalog-area" data-area="{area}")',
                                  rf'\g<1>{url}\g<2>', body)
            assert count == 1
        route.fulfill(response=response, body=body)
    page = context.new_page()
    page.route(real_site_url.rstrip("/") + "/" + CHECKLIST, patch)
    page.goto(real_site_url.rstrip("/") + "/" + CHECKLIST)
    page.wait_for_selector("#checklist-app", state="visible")
    answer_areas(page, {"relation": 0, "maalgruppe": 0, "faelles-maal": 0, "opfoelgning": 1}, default=3)
    sections = page.locator("#checklist-recommendations section[data-area]")
    assert sorted(sections.evaluate_all("all => all.map(section => section.dataset.area)")) == \
        sorted(hostile)
    hrefs = page.locator("#checklist-recommendations a").evaluate_all("all => all.map(link => link.href)")
    origin = real_site_url.rstrip("/")
    assert [href for href in hrefs if not href.startswith(origin + "/")] == []
    assert page.locator("#checklist-recommendations a", has_text="Læs om").count() == 0
    answer_areas(page, {"relation": 3, "maalgruppe": 3, "faelles-maal": 3})  # only opfoelgning is left
    link = page.locator('#checklist-recommendations section[data-area="opfoelgning"] a', has_text="Læs om")
    assert link.get_attribute("href").startswith(origin + "/principper/")


HIDDEN_CHARACTERS = {
    "kun-usynlige-tegn": ({"name": "\u200b\u200b\u2060"}, "navn ('name')"),
    "nul-tegn": ({"name": "Projekt\u0000"}, "navn ('name')"),
    "linjeskift": ({"name": "Projekt\nNord"}, "navn ('name')"),
    "vendt-skriveretning": ({"name": "Projekt \u202egnp.exe"}, "navn ('name')"),
    "isoleret-skriveretning": ({"name": "Projekt \u2067Nord"}, "navn ('name')"),
    "styretegn-i-note": ({"notes": {"relation": "Ring\u0007 til Bo"}}, "noten til 'relation'"),
    "vendt-note": ({"notes": {"relation": "Se \u202ebilag"}}, "noten til 'relation'"),
}


@pytest.mark.parametrize("case", HIDDEN_CHARACTERS)
def test_names_and_notes_with_hidden_or_misleading_characters_are_refused(real_site_url: str, context,
                                                                           case: str) -> None:
    change, field = HIDDEN_CHARACTERS[case]
    page, _ = open_checklist(context, real_site_url)
    document = json.loads(export_document("Projekt", {}, "a-skjult"))
    document["assessment"].update(change)
    import_file(page, "#checklist-import", f"{case}.json", json.dumps(document))
    text = wait_for_status(page, "error")
    assert field in text, text
    assert raw_stored(page) is None


def test_a_note_with_ordinary_line_breaks_and_tabs_is_imported(real_site_url: str, context) -> None:
    page, _ = open_checklist(context, real_site_url)
    document = json.loads(export_document("Projekt", {}, "a-noter"))
    document["assessment"]["notes"] = {"relation": "Første linje\n\tanden linje"}
    import_file(page, "#checklist-import", "noter.json", json.dumps(document))
    wait_for_status(page, "success")
    assert page.locator("#note-relation").input_value() == "Første linje\n\tanden linje"


def test_a_rename_checks_the_trimmed_name(real_site_url: str, context) -> None:
    page, _ = open_checklist(context, real_site_url)
    answer(page, "relation-antal-kontakter", 1)
    name = page.locator("#checklist-name")
    for bad in (" \u200b ", "Projekt \u202eNord", "\u2066"):
        name.fill(bad)
        assert name.get_attribute("aria-invalid") == "true", bad
        assert current(page)["name"] == "Min vurdering"
    name.fill("  Projekt Nord  ")
    assert name.get_attribute("aria-invalid") == "false"
    assert current(page)["name"] == "Projekt Nord"


SPY = """() => {
    window.spied = {parse: 0, setItem: 0};
    const parse = JSON.parse;
    JSON.parse = function () { window.spied.parse += 1; return parse.apply(this, arguments); };
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function () { window.spied.setItem += 1; return setItem.apply(this, arguments); };
}"""


def test_saving_neither_parses_the_stored_text_again_nor_writes_on_every_keystroke(real_site_url: str,
                                                                                   context) -> None:
    context.clock.install()
    page, _ = open_checklist(context, real_site_url)
    answer(page, "relation-antal-kontakter", 1)
    page.evaluate(SPY)
    page.clock.pause_at(page.evaluate("Date.now()") + 1000)  # no pause in the typing but the ones the test makes
    answer(page, "relation-kontinuitet", 2)
    page.locator("#note-relation").press_sequentially("Ti tegn nu")
    spied = page.evaluate("window.spied")
    assert spied["parse"] == 0, spied  # the stored text is unchanged since this tab wrote it: no re-parse
    assert spied["setItem"] == 1, spied  # the answer; the note waits for a pause in the typing
    page.clock.run_for(NOTE_PAUSE_MS - 50)
    assert page.evaluate("window.spied")["setItem"] == 1  # the typing has not paused long enough yet
    page.clock.run_for(50)
    assert page.evaluate("window.spied")["setItem"] == 2
    assert current(page)["notes"] == {"relation": "Ti tegn nu"}
    page.locator("#note-relation").press_sequentially(" og mere")
    page.locator("#checklist-name").focus()  # leaving the note saves it at once
    assert current(page)["notes"] == {"relation": "Ti tegn nu og mere"}


def test_the_team_table_is_not_rebuilt_for_a_note_or_an_answer(real_site_url: str, context) -> None:
    page, _ = open_checklist(context, real_site_url)
    page.locator("#checklist-team-import").set_input_files(files=[
        {"name": f"{name}.json", "mimeType": "application/json",
         "buffer": export_document(name, {"relation-kontinuitet": value}, f"a-{name}").encode()}
        for name, value in (("Anna", 0), ("Bo", 1))])
    page.wait_for_selector("#checklist-team-table")
    page.evaluate("window.teamTable = document.querySelector('#checklist-team-table')")
    page.locator("#note-relation").fill("Noget at drøfte")
    answer(page, "relation-kontinuitet", 3)
    assert page.evaluate("document.querySelector('#checklist-team-table') === window.teamTable")
    row = page.locator('#checklist-team-table tr[data-question="relation-kontinuitet"]')
    assert row.locator("td").evaluate_all("all => all.map(cell => cell.textContent)") == ["3", "0", "1", "3"]
    assert row.locator("[data-spread]").get_attribute("data-spread") == "3"
    assert page.locator("#checklist-team-disagreements li").first.get_attribute("data-question") == \
        "relation-kontinuitet"
    page.locator("#checklist-team-include-current").click()  # other columns: a new table
    assert row.locator("td").evaluate_all("all => all.map(cell => cell.textContent)") == ["0", "1", "1"]


def test_switching_to_the_compared_assessment_ends_the_comparison(real_site_url: str, context) -> None:
    page, _ = open_checklist(context, real_site_url)
    answer(page, "relation-antal-kontakter", 1)
    earlier = page.locator("#checklist-current").input_value()
    page.locator("#checklist-duplicate").click()
    page.locator("#checklist-compare").select_option(earlier)
    assert page.locator("#checklist-radar polygon.katalog-radar-earlier").count() == 1
    page.locator("#checklist-current").select_option(earlier)
    assert page.locator("#checklist-compare").input_value() == ""
    assert page.locator("#checklist-radar polygon.katalog-radar-earlier").count() == 0
    assert page.locator("#checklist-scores [data-change]").count() == 0


def test_the_corrupt_state_keeps_printing_and_keeps_focus_when_another_tab_writes(real_site_url: str,
                                                                                   context) -> None:
    plant(context, "{ikke json")
    page, _ = open_checklist(context, real_site_url)
    assert page.locator("#checklist-print").is_enabled()  # printing saves nothing
    assert page.locator("#checklist-delete").is_disabled()
    page.locator("#checklist-reset").focus()
    other, _ = open_page(context, real_site_url, "")
    other.evaluate(f"localStorage.setItem('{KEY}', JSON.stringify({{format: 'noget-andet'}}))")
    page.wait_for_function("document.querySelector('#checklist-alert').textContent.includes('format')")
    assert focused(page)["id"] == "checklist-reset"


def test_a_copy_of_a_long_name_is_never_cut_inside_a_character(real_site_url: str, context) -> None:
    page, _ = open_checklist(context, real_site_url)
    page.locator("#checklist-name").fill("a" * 192 + "😀" * 4)  # 200 UTF-16 units: the cut falls inside 😀
    page.locator("#checklist-duplicate").click()
    assert page.locator("#checklist-name").input_value() == "a" * 192 + " (kopi)"
    assert current(page)["name"] == "a" * 192 + " (kopi)"


def test_focus_that_falls_back_to_a_rebuilt_container_leaves_no_tab_stop_behind(real_site_url: str,
                                                                                context) -> None:
    page, _ = open_checklist(context, real_site_url)
    answer(page, "relation-antal-kontakter", 0)
    page.locator("#checklist-recommendations section a").first.focus()
    page.evaluate("document.querySelector('#svar-relation-antal-kontakter-3').click()")  # focus stays put
    assert focused(page)["id"] == "checklist-recommendations"
    page.locator("#checklist-name").focus()
    assert page.locator("#checklist-recommendations").get_attribute("tabindex") is None


def test_the_score_table_links_to_each_areas_heading(real_site_url: str, context) -> None:
    page, _ = open_checklist(context, real_site_url)
    targets = page.locator("#checklist-scores tbody a").evaluate_all(
        "all => all.map(link => (document.getElementById(link.hash.slice(1)) || {tagName: 'none'}).tagName)")
    assert targets and set(targets) == {"H3"}
    assert page.locator('#checklist-scores tr[data-area="relation"] a').get_attribute("href") == "#omraade-relation"
