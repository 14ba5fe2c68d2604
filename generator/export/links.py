"""Where a page of the site is, as the data files name it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin

DATA_DIR = "data"
"""The site's folder of data files, beside the Data page (data/index.md) that describes them."""


@dataclass(frozen=True)
class Links:
    site_url: str
    """The address the site is published at (mkdocs.yml's site_url); empty when none is set."""
    url_of: Callable[[str], str]
    """A page's source path ("eksempler/x.md") → its address below the site's root ("eksempler/x/")."""

    def page(self, src_uri: str) -> str:
        """The page's full address, or its address below the site's root when the site has none."""
        url = self.url_of(src_uri).removeprefix("./")
        return urljoin(self.site_url, url) if self.site_url else url

    def data(self, name: str) -> str:
        """A data file's full address (or below the site's root, as `page`)."""
        return urljoin(self.site_url, f"{DATA_DIR}/{name}") if self.site_url else f"{DATA_DIR}/{name}"
