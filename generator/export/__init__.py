"""Open data: the catalogue as files to download, written at build time from the validated records
(never scraped from the pages), so that a file and the site always say the same.

Every data file is one `DataFile` in `DATA_FILES`, the one place that lists them: the plugin adds
each to the site, and the Data page ("data/index.md") describes each from the same entry.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..catalogue import Catalogue
from .licence import LICENCE, LICENCE_URL
from .links import DATA_DIR, Links
from .records import CASE_COLUMNS, CASE_FIELDS, CATALOGUE_KEYS, cases_csv, catalogue_json
from .schemas import case_schema, principle_schema
from .sources import bibtex, csl_json

DATA_PAGE = f"{DATA_DIR}/index.md"


@dataclass(frozen=True)
class DataFile:
    name: str
    """The file's name in the data folder, e.g. "katalog.json"."""
    title: str
    """What it is, in Danish, as the Data page names it."""
    description: str
    """What it holds and who it is for, in Danish: one paragraph of the Data page (Markdown)."""
    write: Callable[[Catalogue, Links], bytes]
    codebook: tuple[Codebook, ...] = ()
    """The tables of the Data page that say what each column or field holds."""

    @property
    def path(self) -> str:
        return f"{DATA_DIR}/{self.name}"

    @property
    def anchor(self) -> str:
        """The id of its section on the Data page: "katalog-json"."""
        return self.name.replace(".", "-")


@dataclass(frozen=True)
class Codebook:
    """One table of the Data page: a name (a column or a field) and what it holds, per row."""

    intro: str
    heading: str
    rows: tuple[tuple[str, str], ...]
    code: bool = False
    """Whether the names are written as code (a JSON key), not as text (a spreadsheet's heading)."""


@dataclass(frozen=True)
class OpenData:
    """What the Data page shows: the files and their licence."""

    files: tuple[DataFile, ...]
    licence: str = LICENCE
    licence_url: str = LICENCE_URL
    page: str = DATA_PAGE

    def file(self, name: str) -> DataFile:
        return next(data_file for data_file in self.files if data_file.name == name)


DATA_FILES = (
    DataFile("katalog.json", "Hele kataloget som JSON",
             "Alle eksempler, principper, forudsætninger, organiseringsmodeller, emner og kilder med alle felter. "
             "Tekstfelterne står som i kildefilerne (Markdown), og en henvisning som `[@nøgle]` peger på en kilde "
             "under `sources` med samme nøgle. Hvert eksempel har sine principper, forudsætninger, emner og kilder "
             "slået op, med titel og adresse. Til analyser og egne værktøjer.",
             catalogue_json,
             (Codebook("Filen er ét JSON-objekt med disse nøgler:", "Nøgle", tuple(CATALOGUE_KEYS.items()), code=True),
              Codebook("Hvert eksempel under `cases` har disse felter:", "Felt", tuple(CASE_FIELDS.items()), code=True))),
    DataFile("cases.csv", "Eksemplerne som regneark (CSV)",
             "Én række pr. eksempel med de felter, der egner sig til at sortere og filtrere på. Filen er UTF-8 med "
             "byte order mark, og felterne er adskilt af semikolon, så Excel med danske indstillinger viser "
             "kolonner og æ, ø og å rigtigt. Står der flere værdier i ét felt, er de adskilt af ` | `. En tekst, "
             "der begynder med `=`, `+`, `-` eller `@`, har en apostrof foran, så et regneark ikke læser den som "
             "en formel.",
             cases_csv,
             (Codebook("Kolonnerne:", "Kolonne", tuple((column.name, column.description) for column in CASE_COLUMNS)),)),
    DataFile("bibliography.bib", "Kilderne som BibTeX",
             "Alle kilder, som kataloget henviser til, til et referenceprogram (Zotero, EndNote, JabRef) eller LaTeX. "
             "Nøglerne er de samme som i `katalog.json`.",
             bibtex),
    DataFile("references.json", "Kilderne som CSL-JSON",
             "De samme kilder i CSL-JSON, som Zotero, Mendeley og Pandoc læser direkte.",
             csl_json),
    DataFile("case.schema.json", "JSON Schema for et eksempel",
             "Reglerne for en eksempelfil i mappen `cases/` (YAML), som JSON Schema: de felter, kataloget "
             "kræver og tillader, med deres typer og grænser. En editor kan bruge det til at foreslå og tjekke "
             "felter, mens man skriver.",
             case_schema),
    DataFile("principle.schema.json", "JSON Schema for et princip, en forudsætning eller en model",
             "Det samme for en fil i mappen `principles/`.",
             principle_schema),
)


def data_files(catalogue: Catalogue, links: Links) -> dict[str, bytes]:
    """Every data file's content, by its path below the site's root ("data/katalog.json")."""
    return {data_file.path: data_file.write(catalogue, links) for data_file in DATA_FILES}


OPEN_DATA = OpenData(DATA_FILES)

__all__ = ["DATA_DIR", "DATA_FILES", "DATA_PAGE", "OPEN_DATA", "Codebook", "DataFile", "Links", "OpenData", "data_files"]
