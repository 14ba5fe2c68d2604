"""A crawl of the real built site: every internal link and anchor resolves, no page is orphaned."""

from __future__ import annotations

from pathlib import Path

from gates import link_failures, orphan_failures


def test_every_internal_href_src_and_anchor_resolves(real_site: Path) -> None:
    failures = link_failures(real_site)
    assert not failures, "\n".join(failures)


def test_every_page_is_reachable_from_the_front_page(real_site: Path) -> None:
    failures = orphan_failures(real_site)
    assert not failures, "\n".join(failures)
