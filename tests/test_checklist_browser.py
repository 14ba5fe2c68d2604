"""The checklist in a real browser: answers kept in localStorage, scores, chart, recommendations,
assessments, export/import, team view, corrupt storage, question-set upgrades, keyboard, print."""

from __future__ import annotations

import json
import math
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
    page.locator(selector).set_input_files(files=[{"name": name, "mimeType": "application/json", "buffer": payload}])


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
    page.wait_for_function("document.querySelector('#checklist-status').textContent.length > 0")
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
    page.locator("#checklist-results").screenshot(path=str(ARTIFACTS / f"selvevaluering-resultater-{width}.png"))
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
