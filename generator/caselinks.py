"""Links in record text to another case, written `[Din Indgang](eksempel:fredericia-din-indgang)`.

Record text reaches a page as finished HTML, which MkDocs resolves no link in, so the plugin writes
each case link's address itself, relative to the page it stands on, from the page's file and the case
page's file as MkDocs placed them (with directory URLs or not). `katalog check` has already made sure
every id names a case (validate.check_case_links); one that names none is left for the page's
allowlist to drop.
"""

from __future__ import annotations

import re

from mkdocs.structure.files import File, Files

from .loader import RESERVED_IDS
from .markup import CASE_LINK_SCHEME
from .render import CASES_DIR

CASE_HREF = re.compile(rf'href="{CASE_LINK_SCHEME}:([a-z0-9]+(?:-[a-z0-9]+)*)"')


def resolve_case_links(html: str, page: File, files: Files) -> str:
    def address(match: re.Match[str]) -> str:
        if match.group(1) in RESERVED_IDS:
            return match.group()  # the overview, not a case
        target = files.get_file_from_path(f"{CASES_DIR}/{match.group(1)}.md")
        return f'href="{target.url_relative_to(page)}"' if target is not None else match.group()

    return CASE_HREF.sub(address, html)
