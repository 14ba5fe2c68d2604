"""The maintainer's path end to end, as CONTRIBUTING.md tells it: a fork of the real catalogue, `katalog
new-case`, a new source with `katalog new-source --write`, the template filled in, `katalog check`,
`katalog review`, `katalog build` — and then the case is everywhere a reader looks for it, with no code
changed. The case is a trial across five municipalities using two organisation models."""

from __future__ import annotations

import datetime
import io
import json
import re

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import Project, copy_of_real
from generator.cli import main
from test_export import read_csv

SLUG = "kvistrup-trivselsbroen"
KEY = "kvistrup2024"
MUNICIPALITIES = ["Kvistrup Kommune", "Lyngby-Taarbæk Kommune", "Holbæk Kommune", "Odsherred Kommune",
                  "Kalundborg Kommune"]
MODELS = ["tvaergaaende-teams", "ny-enhed"]
CITED = f"[@{KEY}]"


def filled_case(template: dict) -> dict:
    """The template as a maintainer fills it in: every placeholder replaced, lists grown where the trial needs it."""
    filled = {
        **template,
        "title": "Trivselsbroen",
        "municipalities": MUNICIPALITIES,
        "period": {"start": 2021, "end": 2024, "approximate": False},
        "status": "pilot",
        "status_year": 2024,
        "target_groups": ["Unge mellem 18 og 29 år med sager i både jobcenter og socialforvaltning"],
        "organisation_models": [
            {"id": MODELS[0], "how": f"I Kvistrup mødes et tværgående team hver uge om de unge {CITED}."},
            {"id": MODELS[1], "how": f"De fire andre kommuner samlede sagerne i en ny enhed {CITED}."}],
        "summary": f"Fem kommuner afprøvede Trivselsbroen, hvor unge får én kontaktperson på tværs {CITED}.",
        "sections": {name: f"Trivselsbroen samler {name} for de unge i ét forløb {CITED}." for name in
                     ("background", "effort", "organisation", "results", "challenges", "lessons")},
        "roles": [{"title": "Brobygger", "description": f"Følger den unge gennem hele forløbet {CITED}."}],
        "results": [{"value": 62, "unit": "pct.", "measures": "Andel af de unge i job eller uddannelse efter et år",
                     "source_type": "evaluation", "cite": KEY}],
        "principles": [{"id": "relation", "how": f"Den unge har én brobygger som fast kontakt {CITED}."},
                       {"id": "roed-traad", "how": f"Brobyggeren holder sammen på planen, se også "
                                                   f"[Din Indgang](eksempel:fredericia-din-indgang) {CITED}."}],
        "prerequisites": [{"id": "maalgruppe", "how": f"Kommunerne afgrænsede målgruppen fælles {CITED}."}],
        "tags": ["unge", "beskaeftigelse"],
        "sources": [KEY],
        "last_reviewed": datetime.date.today().isoformat(),
    }
    assert set(filled) == set(template), "the template has every field the maintainer fills in"
    return filled


def run(project: Project, *arguments: str) -> int:
    return main(["-f", str(project.config_file), *arguments])


@pytest.fixture(scope="module")
def walked(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Walk the path once; the tests below look at what each step said and what the build made."""
    capture = pytest.MonkeyPatch()
    project = copy_of_real(tmp_path_factory.mktemp("fork"))
    told: dict[str, tuple[int, str, str]] = {}

    def step(name: str, *arguments: str) -> None:
        out, err = io.StringIO(), io.StringIO()
        capture.setattr("sys.stdout", out)
        capture.setattr("sys.stderr", err)
        try:
            code = run(project, *arguments)
        finally:
            capture.undo()
        told[name] = (code, out.getvalue(), err.getvalue())

    step("new-case", "new-case", SLUG)
    step("check-template", "check")
    step("new-source", "new-source", KEY, "--type", "techreport", "--write")
    bibliography = project.root / "bibliography.bib"
    written = bibliography.read_text(encoding="utf-8")
    bibliography.write_text(re.sub(r"\{SKRIV: [^}]*\}", lambda found: "{" + {
        "Efternavn, Fornavn": "{Kvistrup Kommune}", "Titel": "Trivselsbroen. Evaluering af et forsøg i fem kommuner",
        "Institution": "Kvistrup Kommune", "By": "Kvistrup", "Udgivelsesår": "2024"}[found.group(0)[8:-1]] + "}",
                                   written), encoding="utf-8")
    case_file = project.root / "cases" / f"{SLUG}.yml"
    template_text = case_file.read_text(encoding="utf-8")
    case_file.write_text(template_text.splitlines()[0] + "\n" + yaml.safe_dump(
        filled_case(yaml.safe_load(template_text)), allow_unicode=True, sort_keys=False), encoding="utf-8")
    step("check", "check")
    step("review", "review", str(case_file))
    site = project.root / "site"
    step("build", "build", "-d", str(site))
    step("search", "search", "brobygger", "--json")
    return {"told": told, "site": site, "template": template_text}


def page(walked: dict, path: str) -> BeautifulSoup:
    return BeautifulSoup((walked["site"] / path).read_text(encoding="utf-8"), "html.parser")


def links_to_case(soup: BeautifulSoup, scope: str = "article") -> bool:
    return any(re.search(rf"(^|/){SLUG}/(#.*)?$", link["href"]) for link in soup.select(f"{scope} a[href]"))


def test_the_template_is_refused_until_filled_and_the_filled_case_passes(walked: dict) -> None:
    told = walked["told"]
    assert told["new-case"][0] == 0 and walked["template"].startswith("# yaml-language-server: $schema=")
    code, _, err = told["check-template"]
    assert code == 1 and err.count("er ikke udfyldt endnu") >= 20
    assert told["new-source"][0] == 0
    code, out, err = told["check"]
    assert code == 0, err
    assert "Kataloget er i orden: 4 eksempler" in out


def test_the_review_report_shows_the_figure_the_source_and_the_claims(walked: dict) -> None:
    code, report, err = walked["told"]["review"]
    assert code == 0, err
    assert report.startswith("#") and "## Trivselsbroen – Kvistrup Kommune, Lyngby-Taarbæk Kommune, " in report
    figure = next(line for line in report.splitlines() if "62" in line and "pct." in line)
    assert "Kvistrup Kommune 2024" in figure or KEY in figure
    assert "Trivselsbroen. Evaluering af et forsøg i fem kommuner" in report
    for shown in [*MODELS, "relation", "roed-traad", "maalgruppe"]:
        assert f" {shown}, *" in report, shown
    assert "Afsnit og lister uden kildehenvisning" not in report
    assert "- [ ] " in report


def test_the_build_makes_the_case_page_with_every_municipality_and_model(walked: dict) -> None:
    assert walked["told"]["build"][0] == 0, walked["told"]["build"][2]
    soup = page(walked, f"eksempler/{SLUG}/index.html")
    facts = soup.select_one(".katalog-facts")
    municipality = facts.find("dt", string="Kommune")
    assert [dd.get_text(strip=True) for dd in municipality.find_next_siblings("dd")][:5] == MUNICIPALITIES
    assert soup.find(id="organiseringsmodel") and soup.find(id="organiseringsmodel-ny-enhed")
    assert soup.select_one('article a[href="../fredericia-din-indgang/"]') is not None
    assert soup.select_one("#vist-relation") is not None


def test_the_overview_its_filters_and_the_matrix_have_the_case(walked: dict) -> None:
    overview = page(walked, "eksempler/index.html")
    entry = next(item for item in overview.select("ul.katalog-entries > li")
                 if item.a["href"] == f"{SLUG}/")
    assert "Kvistrup Kommune, Lyngby-Taarbæk Kommune, Holbæk Kommune og 2 andre" in entry.get_text()
    script = (walked["site"] / "eksempler" / "facetter.js").read_text(encoding="utf-8")
    facets = json.loads(script.removeprefix("window.katalogFacets = ").rstrip().removesuffix(";"))
    values = {facet["key"]: [value[0] for value in facet["values"]] for facet in facets["facets"]}
    mine = {facet["key"]: {values[facet["key"]][index] for index in indices}
            for facet, indices in zip(facets["facets"], facets["cases"][SLUG])}
    assert mine["kommune"] == {"kvistrup-kommune", "lyngby-taarbaek-kommune", "holbaek-kommune", "odsherred-kommune",
                               "kalundborg-kommune"}
    assert mine["model"] == set(MODELS) and mine["princip"] == {"relation", "roed-traad"}
    assert mine["maalgruppe"] == {"unge"} and mine["status"] == {"forsoeg"}
    row = page(walked, "matrix/index.html").select_one(f'tr[data-case="{SLUG}"]')
    assert row.select_one(f'a[href="../eksempler/{SLUG}/#vist-relation"]') is not None


def test_search_finds_the_case_in_the_command_and_in_the_site(walked: dict) -> None:
    code, out, err = walked["told"]["search"]
    assert code == 0, err
    assert json.loads(out)["results"][0]["path"] == f"eksempler/{SLUG}/"
    index = json.loads((walked["site"] / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert any(entry["location"] == f"eksempler/{SLUG}/" for entry in index["docs"])


def test_related_cases_the_checklist_and_the_principle_pages_lead_to_it(walked: dict) -> None:
    own = page(walked, f"eksempler/{SLUG}/index.html")
    assert own.find(id="relaterede-eksempler") is not None
    real = [path.parent.name for path in (walked["site"] / "eksempler").glob("*/index.html") if path.parent.name != SLUG]
    assert any(links_to_case(page(walked, f"eksempler/{name}/index.html")) for name in real)
    checklist = page(walked, "selvevaluering/index.html")
    assert links_to_case(checklist, '[data-recommend="relation"]')
    for path in ["principper/relation/index.html", "principper/roed-traad/index.html",
                 "forudsaetninger/maalgruppe/index.html", "organisering/ny-enhed/index.html",
                 "organisering/tvaergaaende-teams/index.html", "emner/unge/index.html"]:
        assert links_to_case(page(walked, path)), path
    assert page(walked, "kilder/index.html").find(id=f"kilde-{KEY}") is not None


def test_the_open_data_has_the_case(walked: dict) -> None:
    data = walked["site"] / "data"
    rows = read_csv((data / "cases.csv").read_bytes())
    row = next(row for row in rows if row["ID"] == SLUG)
    assert row["Kommuner"] == " | ".join(MUNICIPALITIES)
    exported = json.loads((data / "katalog.json").read_text(encoding="utf-8"))
    case = next(case for case in exported["cases"] if case["id"] == SLUG)
    assert case["municipalities"] == MUNICIPALITIES
    assert [model["id"] for model in case["organisation_models"]] == MODELS
    assert SLUG in next(source for source in exported["sources"] if source["key"] == KEY)["cases"]

