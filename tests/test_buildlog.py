"""MkDocs' warnings, told in Danish with the file they concern."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

import pytest

from generator.buildlog import kept_warnings, translate

CONFIG = Path("mkdocs.yml")


@pytest.mark.parametrize(("warning", "where", "told"), [
    ("Doc file 'eksempler/a.md' contains a link 'b.md', but the target 'eksempler/b.md' is not found among "
     "documentation files.", "eksempler/a.md", "Siden linker til 'b.md', som ikke findes blandt sitets sider."),
    ("Doc file 'om.md' contains a link 'index.md#x', but the doc 'index.md' does not contain an anchor '#x'.",
     "om.md", "men siden 'index.md' har intet afsnit '#x'."),
    ("Doc file 'om.md' contains an unrecognized relative link 'x/', it was left as is.",
     "om.md", "som ikke peger på en side i kataloget."),
    ("Config value 'site_url': The URL isn't valid.", "mkdocs.yml", "Indstillingen 'site_url' er forkert"),
    ("Something new from a theme.", "mkdocs.yml", "MkDocs advarede: Something new from a theme."),
])
def test_warnings_are_told_in_danish_with_their_file(warning: str, where: str, told: str) -> None:
    problem = translate(warning, CONFIG)
    assert str(problem.path) == where
    assert told in problem.message
    assert problem.hint


def test_only_warnings_of_the_building_thread_are_kept() -> None:
    with kept_warnings(CONFIG) as warnings:
        logging.getLogger("mkdocs.structure").warning("A reference to 'x.md' is included in the 'nav' "
                                                      "configuration, which is not found in the documentation files.")
        other = threading.Thread(target=lambda: logging.getLogger("mkdocs.livereload").warning("GET /x 404"))
        other.start()
        other.join(timeout=10)
        logging.getLogger("mkdocs").info("Building documentation")
    assert [problem.message for problem in warnings.problems()] == ["'nav' nævner siden 'x.md', som ikke findes."]
