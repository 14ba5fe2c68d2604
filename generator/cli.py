"""`katalog`: check the catalogue, build the site atomically, or serve it while editing."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

from mkdocs.commands import build as mkdocs_build
from mkdocs.commands import serve as mkdocs_serve
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, MkDocsException

from .plugin import KatalogPlugin
from .problems import CatalogueError

PLUGIN_NAME = "katalog"


def load_mkdocs_config(config_file: Path, **overrides: object) -> MkDocsConfig:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    return load_config(str(config_file), **overrides)


def katalog_plugin(config: MkDocsConfig) -> KatalogPlugin:
    plugin = config.plugins.get(PLUGIN_NAME)
    if not isinstance(plugin, KatalogPlugin):
        raise SystemExit(f"{config.config_file_path}: pluginen '{PLUGIN_NAME}' er ikke slået til under 'plugins'.")
    return plugin


def check(config: MkDocsConfig) -> int:
    """Load the catalogue through the plugin, whose cache a following build then reuses."""
    try:
        catalogue = katalog_plugin(config).catalogue(config)
    except CatalogueError as error:
        print(error.report(), file=sys.stderr)
        return 1
    cases = len(catalogue.cases)
    print(f"Kataloget er i orden: {cases} {'eksempel' if cases == 1 else 'eksempler'}, "
          f"{len(catalogue.principles)} principper, forudsætninger og modeller, "
          f"{len(catalogue.bibliography.sources)} kilder.")
    return 0


def build(config_file: Path, site_dir: Path | None) -> int:
    """Check, then build with --strict into a fresh folder and swap it in only on success."""
    config = load_mkdocs_config(config_file, strict=True)
    if check(config):
        return 1
    target = Path(site_dir or config.site_dir).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    config.site_dir = str(staging)
    try:
        mkdocs_build.build(config)
    except (Abort, MkDocsException) as error:
        shutil.rmtree(staging, ignore_errors=True)
        print(f"Bygningen mislykkedes, og {target} er ikke ændret: {error}", file=sys.stderr)
        return 1
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    swap_into_place(staging, target)
    print(f"Sitet er bygget i {target}")
    return 0


def swap_into_place(staging: Path, target: Path) -> None:
    """Replace `target` by `staging` so that a reader never sees a half-written site."""
    if target.exists():
        retired = target.with_name(f".{target.name}-old-{os.getpid()}")
        target.rename(retired)
        staging.rename(target)
        shutil.rmtree(retired, ignore_errors=True)
    else:
        staging.rename(target)
    target.chmod(0o755)


def serve(config_file: Path, address: str) -> int:
    if check(load_mkdocs_config(config_file)):
        return 1
    mkdocs_serve.serve(config_file=str(config_file), dev_addr=address, livereload=True)
    return 0


def parser() -> argparse.ArgumentParser:
    main_parser = argparse.ArgumentParser(prog="katalog", description="Helhedskataloget: tjek, byg og vis sitet.")
    main_parser.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"),
                             help="stien til mkdocs.yml (standard: ./mkdocs.yml)")
    commands = main_parser.add_subparsers(dest="command", required=True)
    commands.add_parser("check", help="tjek alle poster og kilder, og vis hvert problem")
    build_parser = commands.add_parser("build", help="tjek, og byg så sitet (strict) i site/")
    build_parser.add_argument("-d", "--site-dir", type=Path, default=None, help="mappen sitet bygges i")
    serve_parser = commands.add_parser("serve", help="vis sitet lokalt og genindlæs ved ændringer")
    serve_parser.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", help="adresse og port")
    return main_parser


def main(argv: list[str] | None = None) -> int:
    arguments = parser().parse_args(argv)
    config_file: Path = arguments.config_file
    if not config_file.is_file():
        print(f"{config_file}: filen findes ikke. Kør katalog fra projektets mappe, eller brug -f.", file=sys.stderr)
        return 2
    if arguments.command == "check":
        return check(load_mkdocs_config(config_file))
    if arguments.command == "build":
        return build(config_file, arguments.site_dir)
    return serve(config_file, arguments.dev_addr)


if __name__ == "__main__":
    sys.exit(main())
