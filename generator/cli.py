"""`katalog`: check the catalogue, build the site safely, or serve it while editing."""

from __future__ import annotations

import argparse
import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig

from .archive import archive_beside, archive_refusal
from .devserver import serve_catalogue
from .export.links import Links
from .export.schemas import CASE_SCHEMA
from .plugin import url_of
from .problems import CatalogueError, Problem, shown_path, warning_phrase, warning_report
from .publish import refusal
from .review import review
from .scaffold import SOURCE_KINDS, Refused, append_source, new_source, write_case
from .search.command import search_catalogue
from .sitebuild import build_site, guarded_folders, katalog_plugin, load_mkdocs_config

PLACEHOLDER_LABEL = "example"
PLACEHOLDER_SITE_URL = "https://helhedskataloget.example.dk/"
"""mkdocs.yml's site_url until a municipality sets its own; a new case's schema line names it while none is set."""
SITE_URL_HINT = ("sæt den adresse, sitet udgives på, i 'site_url' i mkdocs.yml eller i miljøvariablen "
                 "KATALOG_SITE_URL, eller giv den ved bygningen: "
                 "katalog build --site-url https://www.din-kommune.dk/katalog/")


def check(config: MkDocsConfig) -> int:
    """Load the catalogue through the plugin, whose cache a following build then reuses.

    Problems fail the check; warnings are told after them and never do.
    """
    try:
        catalogue = katalog_plugin(config).catalogue(config)
    except CatalogueError as error:
        print(error.report(), file=sys.stderr)
        show_warnings(error.warnings)
        return 1
    show_warnings(catalogue.warnings)
    cases = len(catalogue.cases)
    besides = (f" {warning_phrase(len(catalogue.warnings)).capitalize()} bør ses efter, men stopper ikke bygningen."
               if catalogue.warnings else "")
    print(f"Kataloget er i orden: {cases} {'eksempel' if cases == 1 else 'eksempler'}, "
          f"{len(catalogue.principles)} principper, forudsætninger og modeller, "
          f"{len(catalogue.bibliography.sources)} kilder.{besides}")
    return 0


def show_warnings(warnings: list[Problem]) -> None:
    if warnings:
        print(warning_report(warnings), file=sys.stderr, flush=True)


def placeholder_warning(config: MkDocsConfig) -> str | None:
    """A warning while site_url is missing or a placeholder: the sitemap and 404 page depend on it."""
    host = urlsplit(config.site_url or "").hostname
    if host is None:
        return f"Advarsel: 'site_url' er ikke sat.\n    Gør sådan: {SITE_URL_HINT}"
    if PLACEHOLDER_LABEL in host.split("."):
        return (f"Advarsel: 'site_url' er stadig pladsholderen {config.site_url}; sitemap og fejlsiden (404) "
                f"peger derfor forkert.\n    Gør sådan: {SITE_URL_HINT}")
    return None


def build(config: MkDocsConfig, site_dir: Path | None, offline: bool = False) -> int:
    """Refuse a target that is not ours to replace, check, then build strictly and swap the site in.

    `offline` builds the copy that works opened from the disk and packs it into a zip beside the
    site's folder; so does an offline option in mkdocs.yml (KatalogPlugin.offline).
    """
    target = Path(site_dir or config.site_dir)
    plugin = katalog_plugin(config)
    plugin.config.offline = plugin.config.offline or offline
    archive = archive_beside(target) if plugin.offline(config) else None
    if problem := refusal(target, guarded_folders(config)) or (archive and archive_refusal(archive)):
        print(f"Sitet blev ikke bygget, og intet er ændret:\n{problem}", file=sys.stderr)
        return 1
    if warning := placeholder_warning(config):
        print(warning, file=sys.stderr)
    if check(config):
        return 1
    if problems := build_site(config, target, archive).problems:
        unchanged = f"{target} og {shown_path(archive)}" if archive else f"{target}"
        print(f"Bygningen mislykkedes, og {unchanged} er ikke ændret.\n{CatalogueError(problems).report()}",
              file=sys.stderr)
        return 1
    print(f"Sitet er bygget i {target}")
    if archive:
        print(f"Kopien til brug uden net er pakket i {shown_path(archive)}: pak den ud, og åbn index.html i "
              f"mappen {archive.stem} (dobbeltklik). Søgning og selvevaluering virker uden net.")
    return 0


def new_case(config: MkDocsConfig, slug: str) -> int:
    """Write a new case's template into the project's cases folder, its first line naming the published
    schema, so that an editor explains and checks each field while the maintainer fills it in."""
    links = Links(config.site_url or PLACEHOLDER_SITE_URL, lambda src_uri: url_of(src_uri, config))
    try:
        path = write_case(katalog_plugin(config).sources(config).cases, slug, links.data(CASE_SCHEMA))
    except Refused as refused:
        print(f"Intet er skrevet:\n{refused.problem}", file=sys.stderr)
        return 1
    print(f"Eksemplet er oprettet i {shown_path(path)}. Udfyld hvert felt, hvor der står 'SKRIV:', og slet de "
          "valgfri felter, du ikke bruger; kommentaren over hvert felt siger, hvad der skal stå. Kør så "
          "'katalog check': den nævner hvert felt, der mangler, med linjenummer.")
    if warning := placeholder_warning(config):
        print(f"{warning}\n    Den første linje i {shown_path(path)} peger derfor på {links.data(CASE_SCHEMA)}, "
              "hvor din editor ikke kan hente reglerne for felterne. Ret adressen i linjen, når sitet er udgivet.",
              file=sys.stderr)
    return 0


def add_source(config: MkDocsConfig, key: str, kind: str, title: str | None, year: str | None, write: bool) -> int:
    """Print a new source's BibTeX entry with what to write in each field, or add it to bibliography.bib."""
    bibliography = katalog_plugin(config).sources(config).bibliography
    try:
        source = new_source(bibliography, key, kind, title, year)
        for warning in [*source.unfilled, *source.duplicates]:
            print(warning.told("Advarsel: "), file=sys.stderr)
        if not write:
            print("\n".join(source.guidance) + "\n" + source.entry, end="")
            return 0
        line = append_source(bibliography, source)
    except Refused as refused:
        print(f"Intet er skrevet:\n{refused.problem}", file=sys.stderr)
        return 1
    print(f"Kilden '{key}' er tilføjet sidst i {shown_path(bibliography)}, linje {line}. Udfyld hver værdi, hvor "
          "der står 'SKRIV:', og slet de valgfri felter, du ikke bruger:")
    print("\n".join(guide.removeprefix("% ") for guide in source.guidance))
    return 0


def source_kind(text: str) -> str:
    """--type: one of the kinds of source CONTRIBUTING.md describes."""
    if text not in SOURCE_KINDS:
        raise argparse.ArgumentTypeError(f"'{text}' er ikke en kildetype; brug en af {', '.join(SOURCE_KINDS)}")
    return text


def year(text: str) -> str:
    """--year: four digits, as bibliography.bib writes a year."""
    if not (len(text) == 4 and text.isdigit()):
        raise argparse.ArgumentTypeError(f"'{text}' er ikke et årstal med fire cifre, fx 2018")
    return text


def limit(text: str) -> int:
    """--limit: a whole number of results from 1 to MAX_LIMIT."""
    if not text.isdigit() or not 1 <= int(text) <= MAX_LIMIT:
        raise argparse.ArgumentTypeError(f"'{text}' er ikke et antal fra 1 til {MAX_LIMIT}")
    return int(text)


MAX_LIMIT = 100


class DanishHelp(argparse.HelpFormatter):
    """argparse's help with a Danish heading for the usage line."""

    def add_usage(self, usage, actions, groups, prefix=None) -> None:
        super().add_usage(usage, actions, groups, prefix="Brug: " if prefix is None else prefix)


class DanishParser(argparse.ArgumentParser):
    """An argument parser whose help and errors speak Danish."""

    def __init__(self, **kwargs) -> None:
        super().__init__(formatter_class=DanishHelp, add_help=False, **kwargs)
        self._positionals.title = "kommandoer"
        self._optionals.title = "tilvalg"
        self.add_argument("-h", "--help", action="help", help="vis denne hjælp og stop")

    def error(self, message: str) -> None:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: fejl i kommandolinjen: {message}\n"
                     f"    Gør sådan: skriv '{self.prog} -h' for at se, hvad der kan skrives.\n")


def package_version() -> str:
    try:
        return version("helhedskataloget")
    except PackageNotFoundError:
        return "ukendt version (ikke installeret)"


def parser() -> argparse.ArgumentParser:
    config_help = "stien til mkdocs.yml (standard: mkdocs.yml i den mappe, du står i)"
    config_file = argparse.ArgumentParser(add_help=False)
    config_file.add_argument("-f", "--config-file", type=Path, default=argparse.SUPPRESS, metavar="FIL",
                             help=config_help)
    site_url = argparse.ArgumentParser(add_help=False)
    site_url.add_argument("--site-url", default=None, metavar="URL",
                          help="adressen, sitet udgives på, fx https://www.din-kommune.dk/katalog/ "
                               "(standard: 'site_url' i mkdocs.yml)")
    main_parser = DanishParser(prog="katalog", description="Helhedskataloget: tjek posterne, byg sitet, "
                               "vis det lokalt, mens du retter, eller opret et nyt eksempel eller en ny kilde ud fra "
                               "en skabelon. Skriv 'katalog KOMMANDO -h' for mere.")
    main_parser.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"), metavar="FIL",
                             help=config_help)
    main_parser.add_argument("--version", action="version", version=f"%(prog)s {package_version()}",
                             help="vis versionen og stop")
    commands = main_parser.add_subparsers(dest="command", required=True, metavar="KOMMANDO",
                                          parser_class=DanishParser)
    commands.add_parser("check", help="tjek alle poster og kilder, og vis hvert problem og hver advarsel",
                        description="Tjek alle poster og kilder, og vis hvert problem med fil, linje og "
                                    "hvad du skal gøre; derefter advarsler om kildehenvisninger, som ikke "
                                    "stopper noget. Intet skrives.", parents=[config_file])
    build_parser = commands.add_parser(
        "build", help="tjek, og byg så sitet (strict)", parents=[config_file, site_url],
        description="Tjek kataloget, og byg så sitet (strict: hver advarsel fra MkDocs stopper bygningen; "
                    "katalogets egne advarsler om kildehenvisninger gør ikke). Sitet bygges "
                    "ved siden af og skiftes ind i ét trin, så den gamle version står, til den nye er færdig. "
                    "Kun en ny eller tom mappe, eller en, katalog selv har bygget, erstattes.")
    build_parser.add_argument("-d", "--site-dir", type=Path, default=None, metavar="MAPPE",
                              help="mappen sitet bygges i (standard: 'site_dir' i mkdocs.yml, ellers site)")
    build_parser.add_argument("--offline", action="store_true",
                              help="byg en kopi til brug uden net: den virker åbnet direkte fra disken (file://), "
                                   "med søgning og selvevaluering, henter intet fra andre værter og pakkes "
                                   "også i MAPPE-offline.zip ved siden af mappen (fx site-offline.zip)")
    search_parser = commands.add_parser(
        "search", help="søg i kataloget fra kommandolinjen", parents=[config_file],
        description="Søg i eksempler, principper, forudsætninger, modeller og kilder, som sitets søgning gør. "
                    "Bøjede former, sammensatte ord og synonymer findes også. Felter: type:eksempel, "
                    "kommune:Assens, princip:roed-traad, forudsætning:viden, model:ny-enhed, målgruppe:unge, "
                    "emne:boern, titel:familie; \"hele familien\" søger på frasen. Indekset bygges første gang "
                    "og igen, når en post er ændret.")
    search_parser.add_argument("query", metavar="SØGNING", help='det, du søger, fx "tovholder kommune:Fredericia"')
    search_parser.add_argument("--json", action="store_true", help="skriv resultaterne som JSON (til scripts)")
    search_parser.add_argument("-n", "--limit", type=limit, default=10, metavar="ANTAL",
                               help=f"højst så mange resultater, 1 til {MAX_LIMIT} (standard: %(default)s)")
    new_case_parser = commands.add_parser(
        "new-case", help="opret et nyt eksempel ud fra en skabelon", parents=[config_file],
        description="Opret filen cases/ID.yml med alle felter og en forklaring over hvert felt. Værdierne, du skal "
                    "skrive, begynder med 'SKRIV:'; 'katalog check' nævner hvert felt, der ikke er udfyldt endnu. En "
                    "eksisterende fil bliver aldrig overskrevet.")
    new_case_parser.add_argument("slug", metavar="ID", help="eksemplets id og filnavn: små bogstaver a-z, tal og "
                                                            "bindestreg, fx odense-samlet-indgang")
    new_source_parser = commands.add_parser(
        "new-source", help="skriv en ny kilde til bibliography.bib ud fra en skabelon", parents=[config_file],
        description="Skriv en BibTeX-post til en ny kilde med de felter, CONTRIBUTING.md beskriver for typen, og "
                    "en forklaring til hvert felt. Uden --write vises posten, så du kan kopiere den ind i "
                    "bibliography.bib; med --write tilføjes den sidst i filen. En nøgle, der findes, afvises, og en "
                    "kilde med samme titel og år giver en advarsel.")
    new_source_parser.add_argument("key", metavar="NØGLE", help="kildens nøgle, som eksemplerne citerer som "
                                                                "[@NØGLE], fx jensen2018")
    new_source_parser.add_argument("--type", dest="kind", type=source_kind, required=True, metavar="TYPE",
                                   help=f"kildens type: {', '.join(SOURCE_KINDS)} (web er en hjemmeside, "
                                        "interview et interview uden titel)")
    new_source_parser.add_argument("--title", default=None, metavar="TITEL", help="kildens titel, hvis du kender den")
    new_source_parser.add_argument("--year", type=year, default=None, metavar="ÅR",
                                   help="udgivelsesåret, hvis du kender det, fx 2018")
    new_source_parser.add_argument("--write", action="store_true",
                                   help="tilføj posten sidst i bibliography.bib i stedet for at vise den")
    review_parser = commands.add_parser(
        "review", help="skriv en rapport til den, der gennemgår nye eller ændrede eksempler", parents=[config_file],
        description="Skriv en rapport i Markdown til den, der gennemgår et pull request: for hvert nyt eller "
                    "ændret eksempel hvert tal med sin kilde og linje, afsnit og lister uden kildehenvisning, nye kilder, "
                    "nye emner, de tilknyttede principper og en tjekliste over det, en person stadig skal "
                    "tjekke. Fejler 'katalog check', står problemerne øverst. I GitHub Actions: "
                    "katalog review --changed >> $GITHUB_STEP_SUMMARY")
    review_parser.add_argument("files", nargs="*", type=Path, metavar="FIL",
                               help="eksemplernes filer, fx cases/odense-samlet-indgang.yml")
    review_parser.add_argument("--changed", action="store_true",
                               help="gennemgå de eksempler og kilder, der er nye eller ændrede i forhold til "
                                    "--base ifølge git, også dem, der ikke er committet endnu")
    review_parser.add_argument("--base", default=None, metavar="REF",
                               help="grenen eller committen, der sammenlignes med (standard: origin/main, "
                                    "ellers main)")
    serve_parser = commands.add_parser(
        "serve", help="vis sitet lokalt, og byg igen ved hver ændring", parents=[config_file, site_url],
        description="Vis sitet lokalt, og byg det igen (strict, som 'build') ved hver ændring. Går en "
                    "ændring galt, vises den seneste gode version med problemerne øverst på siden.")
    serve_parser.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", metavar="VÆRT:PORT",
                              help="adresse og port (standard: %(default)s)")
    return main_parser


def main(argv: list[str] | None = None) -> int:
    arguments = parser().parse_args(argv)
    config_file: Path = arguments.config_file
    if not config_file.is_file():
        print(f"{config_file}: filen findes ikke. Kør katalog fra projektets mappe, eller brug -f.", file=sys.stderr)
        return 2
    if arguments.command == "serve":
        return serve_catalogue(config_file, arguments.dev_addr, arguments.site_url)
    try:
        config = load_mkdocs_config(config_file, strict=True, site_url=getattr(arguments, "site_url", None))
        if arguments.command == "search":
            return search_catalogue(config, arguments.query, limit=arguments.limit, as_json=arguments.json)
        if arguments.command == "new-case":
            return new_case(config, arguments.slug)
        if arguments.command == "new-source":
            return add_source(config, arguments.key, arguments.kind, arguments.title, arguments.year, arguments.write)
        if arguments.command == "review":
            return review(config, arguments.files, arguments.changed, arguments.base)
        return check(config) if arguments.command == "check" else build(config, arguments.site_dir,
                                                                          arguments.offline)
    except CatalogueError as error:
        print(error.report(), file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
