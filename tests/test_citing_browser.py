"""The copy buttons of "how to cite this page" in a real browser, with the keyboard alone."""

from __future__ import annotations

import pytest

from gates import open_page

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(("button", "expected_start"), [
    ("Kopiér henvisningen", "Helhedskataloget ("), ("Kopiér BibTeX", "@misc{helhedskataloget-fredericia-din-indgang,"),
])
def test_a_citation_is_copied_with_the_keyboard(real_site_url: str, context, button: str, expected_start: str) -> None:
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=real_site_url.rstrip("/"))
    page, visit = open_page(context, real_site_url, "eksempler/fredericia-din-indgang/")
    copy = page.get_by_role("button", name=button)
    copy.focus()
    page.keyboard.press("Enter")
    page.get_by_role("status").filter(has_text="Kopieret.").wait_for()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith(expected_start)
    assert "eksempler/fredericia-din-indgang/" in copied
    assert visit.error_failures() == []
