"""The data files (generator/export/), as the real site's build writes them, checked against the records."""

from __future__ import annotations

import csv
import datetime
import io
import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from bs4 import BeautifulSoup
from pybtex.database import parse_string

from generator import labels
from generator.catalogue import Catalogue, load_catalogue
from generator.problems import CatalogueError
from generator.citations import plain_words
from generator.export import DATA_FILES, DATA_PAGE
from generator.export.records import CASE_COLUMNS, CASE_FIELDS, CATALOGUE_KEYS, LIST_SEPARATOR, spreadsheet_cell
from generator.render import template_prose
from generator.schema import Case, Principle

ROOT = Path(__file__).resolve().parent.parent
SITE_URL = "https://helhedskataloget.example.dk/"
"""The real mkdocs.yml's site_url (unless KATALOG_SITE_URL says otherwise, as in no test)."""


@pytest.fixture(scope="module")
def catalogue(real_sources) -> Catalogue:
    return load_catalogue(real_sources, prose=template_prose())


@pytest.fixture(scope="module")
def data(real_site: Path):
    def read(name: str) -> bytes:
        return (real_site / "data" / name).read_bytes()
    return read


def page_exists(site: Path, url: str) -> bool:
    assert url.startswith(SITE_URL), url
    return (site / url.removeprefix(SITE_URL) / "index.html").is_file()


# --- katalog.json ---------------------------------------------------------------------------------

def test_catalogue_json_holds_every_record_as_validated(data, catalogue: Catalogue, real_site: Path) -> None:
    exported = json.loads(data("katalog.json"))
    assert set(exported) == set(CATALOGUE_KEYS)
    assert [case["id"] for case in exported["cases"]] == [case.id for case in catalogue.cases]
    for case, written in zip(catalogue.cases, exported["cases"], strict=True):
        assert set(written) == set(CASE_FIELDS)
        assert written["title"] == case.title and written["summary"] == case.summary
        assert written["sections"] == case.sections.model_dump()
        assert written["period"] == case.period.model_dump()
        assert written["last_reviewed"] == case.last_reviewed.isoformat()
        assert page_exists(real_site, written["url"])
        assert [item["id"] for item in written["principles"]] == [item.id for item in case.principles]
        assert [item["how"] for item in written["principles"]] == [item.how for item in case.principles]
        for item in [*written["organisation_models"], *written["principles"], *written["prerequisites"]]:
            assert page_exists(real_site, item["url"]) and item["title"]
        assert [tag["label"] for tag in written["tags"]] == [catalogue.vocabulary[tag].label for tag in case.tags]
        assert [source["key"] for source in written["sources"]] == list(case.sources)
        assert [result["source"]["key"] for result in written["results"]] == [result.cite for result in case.results]
    assert [principle["id"] for principle in exported["principles"]] == [p.id for p in catalogue.principles]
    for principle in exported["principles"]:
        assert principle["cases"] == [showing.case.id for showing in catalogue.showings.get(principle["id"], [])]
        assert page_exists(real_site, principle["url"])


def test_catalogue_json_resolves_every_citation_key_it_holds(data, catalogue: Catalogue) -> None:
    exported = json.loads(data("katalog.json"))
    keys = {source["key"] for source in exported["sources"]}
    assert keys == set(catalogue.bibliography.sources)
    cited = {key for case in exported["cases"] for key in [s["key"] for s in case["sources"]]}
    assert cited and cited <= keys
    jensen = next(source for source in exported["sources"] if source["key"] == "jensen2018")
    assert "Jensen" in jensen["reference"] and "<" not in jensen["reference"]
    assert "fredericia-din-indgang" in jensen["cases"]


# --- cases.csv ------------------------------------------------------------------------------------

def read_csv(raw: bytes) -> list[dict[str, str]]:
    assert raw.startswith(b"\xef\xbb\xbf"), "Excel needs the byte order mark to read UTF-8"
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))


def test_cases_csv_has_one_row_per_case_that_excel_reads(data, catalogue: Catalogue) -> None:
    rows = read_csv(data("cases.csv"))
    assert list(rows[0]) == [column.name for column in CASE_COLUMNS]
    assert [row["ID"] for row in rows] == [case.id for case in catalogue.cases]
    for case, row in zip(catalogue.cases, rows, strict=True):
        assert row["Titel"] == plain_words(case.title)
        assert row["Kommuner"] == LIST_SEPARATOR.join(plain_words(name) for name in case.municipalities)
        assert row["Start"] == str(case.period.start)
        assert row["Slut"] == ("" if case.period.end is None else str(case.period.end))
        assert row["Status"] == labels.STATUS[case.status]
        assert row["Målgrupper"].split(" | ") == [plain_words(group) for group in case.target_groups]
        assert len(row["Principper"].split(" | ")) == len(case.principles)
        assert "[@" not in row["Resumé"] and row["Resumé"]
        assert row["Side"] == f"{SITE_URL}eksempler/{case.id}/"
    assert "æ" in data("cases.csv").decode("utf-8-sig") or "ø" in data("cases.csv").decode("utf-8-sig")


@pytest.mark.parametrize(("value", "cell"), [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"), ("+45 1234", "'+45 1234"), ("-1", "'-1"),
    ("@SUM(A1)", "'@SUM(A1)"), ("Assens", "Assens"), (2017, 2017), (None, ""),
])
def test_a_text_a_spreadsheet_would_run_stays_text(value, cell) -> None:
    assert spreadsheet_cell(value) == cell


def test_a_case_title_like_a_formula_is_written_as_text(project, tmp_path: Path) -> None:
    project.edit("cases/testby-en-indgang.yml", "title: Én indgang", "title: '=1+1 Én indgang'")
    site = project.build(tmp_path / "site")
    row = read_csv((site / "data" / "cases.csv").read_bytes())[0]
    assert row["Titel"].startswith("'=1+1")


# --- bibliography.bib and references.json ----------------------------------------------------------

def test_bibtex_holds_every_source_with_its_fields(data, catalogue: Catalogue) -> None:
    written = parse_string(data("bibliography.bib").decode("utf-8"), "bibtex")
    original = parse_string((ROOT / "bibliography.bib").read_text(encoding="utf-8"), "bibtex")
    assert list(written.entries) == list(catalogue.bibliography.sources)
    for key, entry in written.entries.items():
        assert entry.type == original.entries[key].type
        assert dict(entry.fields) == dict(original.entries[key].fields)
        assert [str(person) for person in entry.persons.get("author", [])] == \
            [str(person) for person in original.entries[key].persons.get("author", [])]


def test_csl_json_names_every_source_as_reference_managers_read_it(data, catalogue: Catalogue) -> None:
    items = {item["id"]: item for item in json.loads(data("references.json"))}
    assert list(items) == list(catalogue.bibliography.sources)
    assert items["albertsen2014"]["type"] == "article-journal"
    assert items["albertsen2014"]["author"][0] == {"family": "Albertsen", "given": "Karen"}
    assert items["albertsen2014"]["issued"] == {"date-parts": [[2014]]} and items["albertsen2014"]["page"] == "1–5"
    assert items["assens2017"]["author"] == [{"literal": "Assens Kommune"}], "a corporate author is one name"
    assert items["assens-hel-familie"]["type"] == "webpage"
    assert items["assens-hel-familie"]["accessed"] == {"date-parts": [[2019, 12, 18]]}
    assert items["fredericia2020"]["type"] == "interview"
    assert items["deloitte2017"]["type"] == "report" and items["deloitte2017"]["publisher"]
    for item in items.values():
        assert item["type"] and ("title" in item or "medium" in item), item["id"]


# --- The JSON Schemas -----------------------------------------------------------------------------

def as_json(path: Path) -> object:
    """A record file as an editor's YAML server sees it: dates are strings."""
    return json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")),
                                 default=lambda value: value.isoformat() if isinstance(value, datetime.date) else value))


@pytest.mark.parametrize(("name", "folder"), [("case.schema.json", "cases"), ("principle.schema.json", "principles")])
def test_the_schemas_accept_every_real_record_and_refuse_a_broken_one(data, name: str, folder: str) -> None:
    schema = json.loads(data(name))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == f"{SITE_URL}data/{name}"
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    records = sorted((ROOT / folder).glob("*.yml"))
    assert records
    for path in records:
        record = as_json(path)
        assert not list(validator.iter_errors(record)), path
        broken = {key: value for key, value in record.items() if key != "title"}
        assert list(validator.iter_errors(broken)), f"{path} without a title passes"
        assert list(validator.iter_errors({**record, "unknown_field": 1})), f"{path} with an unknown field passes"


def test_the_schemas_are_the_models(data) -> None:
    for name, model in [("case.schema.json", Case), ("principle.schema.json", Principle)]:
        schema = json.loads(data(name))
        # A record file takes its id from its name; every other field is the model's.
        assert set(schema["properties"]) == set(model.model_fields) - {"id"}
        assert set(schema["required"]) == {field for field, info in model.model_fields.items()
                                           if info.is_required() and field != "id"}


# --- The Data page --------------------------------------------------------------------------------

def test_the_data_page_links_and_describes_every_file(real_site: Path, read_page) -> None:
    page: BeautifulSoup = read_page(DATA_PAGE.removesuffix("index.md"))
    links = {link["href"] for link in page.select("article a[href]")}
    for data_file in DATA_FILES:
        assert data_file.name in links, data_file.name
        assert (real_site / data_file.path).is_file()
        section = page.find(id=data_file.anchor)
        assert section is not None and section.name == "h2"
        download = page.select_one(f'article a[download="{data_file.name}"]')
        assert download is not None and download["href"] == data_file.name
    text = page.get_text(" ")
    assert "CC BY 4.0" in text
    for field in [*Case.model_fields, "url"]:
        assert page.find("code", string=field), f"the codebook does not say what {field} holds"
    for column in CASE_COLUMNS:
        assert page.find("td", string=column.name), column.name
    nav = [link.get_text(strip=True) for link in read_page("").select(".md-tabs a")]
    assert "Data" in nav


LATEX_ENTRY = r"""
@techreport{url2020,
  author      = {van der Berg, Jr., Anna and {Social- \& Boligstyrelsen}},
  title       = {Børn \& unge: 50\,\% færre sager},
  institution = {Ministeriet for Børn \& Undervisning},
  note        = {Se også @book{fake2099, title={Falsk}}},
  url         = {https://example.dk/~user/rapport_final%202020.pdf?a=1&b=2#side-3},
  year        = {2020}
}
"""


def test_sources_keep_their_latex_and_addresses_as_written(project, tmp_path: Path) -> None:
    """The .bib export writes each field as the file had it (no second LaTeX encoding), an "@" so that no
    program reads a new entry, and CSL-JSON takes an address as written (a "%" is no LaTeX comment there)."""
    bib = project.root / "bibliography.bib"
    bib.write_text(bib.read_text(encoding="utf-8") + LATEX_ENTRY, encoding="utf-8")
    site = project.build(tmp_path / "site")
    written = (site / "data" / "bibliography.bib").read_text(encoding="utf-8")
    entry = parse_string(written, "bibtex").entries["url2020"]
    original = parse_string(LATEX_ENTRY, "bibtex").entries["url2020"]
    assert entry.fields["title"] == original.fields["title"] == r"Børn \& unge: 50\,\% færre sager"
    assert entry.fields["url"] == "https://example.dk/~user/rapport_final%202020.pdf?a=1&b=2#side-3"
    assert entry.fields["note"] == "Se også {@}book{fake2099, title={Falsk}}"
    assert written.count("@") == written.count("{@}") + len(parse_string(written, "bibtex").entries)
    item = next(item for item in json.loads((site / "data" / "references.json").read_bytes()) if item["id"] == "url2020")
    assert item["URL"] == "https://example.dk/~user/rapport_final%202020.pdf?a=1&b=2#side-3"
    assert item["title"].startswith("Børn & unge: 50") and item["title"].endswith("% færre sager")
    assert item["author"] == [{"family": "Berg", "given": "Anna", "non-dropping-particle": "van der", "suffix": "Jr."},
                              {"literal": "Social- & Boligstyrelsen"}]


def test_a_field_name_another_program_would_read_as_an_entry_is_refused(project) -> None:
    bib = project.root / "bibliography.bib"
    bib.write_text(bib.read_text(encoding="utf-8").replace("  year   = {2021}", "  year   = {2021},\n  @book = {x}"),
                   encoding="utf-8")
    with pytest.raises(CatalogueError) as raised:
        load_catalogue(project.sources)
    assert "har et felt med et navn, som ikke er tilladt: '@book'" in raised.value.report()
