"""The Data page in a real browser: each data file downloads, with the keyboard, and parses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pybtex.database import parse_string

from gates import open_page
from generator.catalogue import Catalogue, load_catalogue
from generator.export import DATA_FILES
from generator.render import template_prose
from test_export import read_csv

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def catalogue(real_sources) -> Catalogue:
    return load_catalogue(real_sources, prose=template_prose())


def parsed_ids(name: str, raw: bytes) -> list[str]:
    """The records or sources a downloaded file names, read as its users' tools read it."""
    if name == "cases.csv":
        return [row["ID"] for row in read_csv(raw)]
    if name == "bibliography.bib":
        return list(parse_string(raw.decode("utf-8"), "bibtex").entries)
    data = json.loads(raw)
    if name == "katalog.json":
        return [case["id"] for case in data["cases"]]
    if name == "references.json":
        return [item["id"] for item in data]
    return sorted(data["properties"])


@pytest.mark.parametrize("data_file", DATA_FILES, ids=lambda data_file: data_file.name)
def test_each_data_file_downloads_with_the_keyboard_and_parses(real_site_url: str, context, catalogue: Catalogue,
                                                                 tmp_path: Path, data_file) -> None:
    page, visit = open_page(context, real_site_url, "data/")
    link = page.locator(f'article a[download="{data_file.name}"]')
    link.focus()
    with page.expect_download() as download_info:
        page.keyboard.press("Enter")
    download = download_info.value
    assert download.suggested_filename == data_file.name
    saved = tmp_path / data_file.name
    download.save_as(saved)
    ids = parsed_ids(data_file.name, saved.read_bytes())
    if data_file.name in ("katalog.json", "cases.csv"):
        assert ids == [case.id for case in catalogue.cases]
    elif data_file.name in ("bibliography.bib", "references.json"):
        assert ids == list(catalogue.bibliography.sources)
    else:
        assert "title" in ids
    assert visit.error_failures() == []
