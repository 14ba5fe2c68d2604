"""How to cite a page of the catalogue: a ready reference in Danish author–year style, and the same
as BibTeX, for every case, principle, prerequisite and model page.

The reference names the page's last review, not the day of the build, so it stays the same until
the page's record is reviewed again; its address comes from mkdocs.yml's site_url.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from . import labels
from .citations import plain_words
from .export import Links
from .loader import slugify
from .render import case_uri, principle_uri
from .schema import Case, Kind, Principle


@dataclass(frozen=True)
class PageCitation:
    text: str
    """The reference as a reader pastes it into a report, e.g. "Helhedskataloget (2025): Din Indgang
    (Fredericia Kommune). Senest gennemgået 12. marts 2025. https://…"."""
    bibtex: str
    """The same as one BibTeX entry."""


LATEX_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\textbraceleft{}", "}": r"\textbraceright{}", "%": r"\%",
                 "&": r"\&", "$": r"\$", "#": r"\#", "_": r"\_", "^": r"\^{}", "~": r"\~{}"}
"""Braces are written as commands, not as \\{: BibTeX counts every brace, escaped or not, so a lone one
would end the field."""
LATEX_SPECIAL_PATTERN = re.compile("|".join(re.escape(character) for character in LATEX_SPECIAL))


def bibtex_text(text: str) -> str:
    """Text as a BibTeX field's value shows it: every character LaTeX reads as a command escaped, so a
    title cannot close the field or add one."""
    return LATEX_SPECIAL_PATTERN.sub(lambda match: LATEX_SPECIAL[match.group()], " ".join(text.split()))


@dataclass(frozen=True)
class Citing:
    """Makes the references; `site_name` is the author (mkdocs.yml's site_name)."""

    site_name: str
    links: Links

    def cite(self, page_id: str, title: str, reviewed: datetime.date, src_uri: str) -> PageCitation:
        url = self.links.page(src_uri)
        author = " ".join(self.site_name.split())
        reviewed_text = f"Senest gennemgået {labels.date(reviewed)}"
        text = f"{author} ({reviewed.year}): {title}. {reviewed_text}. {url}"
        fields = {"author": f"{{{bibtex_text(author)}}}", "title": bibtex_text(title), "year": str(reviewed.year),
                  "url": bibtex_text(url), "note": bibtex_text(reviewed_text)}
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields.items())
        return PageCitation(text, f"@misc{{{slugify(author)}-{page_id},\n{body}\n}}")

    def of_case(self, case: Case) -> PageCitation:
        title = f"{plain_words(case.title)} ({labels.enumeration([plain_words(name) for name in case.municipalities], 3)})"
        return self.cite(case.id, title, case.last_reviewed, case_uri(case))

    def of_principle(self, principle: Principle) -> PageCitation:
        kind = labels.KIND_SINGULAR[principle.kind]
        title = f"{kind} {principle.number}: {plain_words(principle.title)}" if principle.kind is not Kind.model \
            else f"{kind}: {plain_words(principle.title)}"
        return self.cite(principle.id, title, principle.last_reviewed, principle_uri(principle))
