"""The hostile-input corpus of issue 13: each payload is refused in Danish, or built harmless.

Payloads live in tests/hostile/payloads.py; tests/hostile_harness.py runs `katalog` on each in a
bounded child process (two at a time, in the background) and judges the messages and the site.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from gates import serve
from hostile.payloads import BIB, CASE, PAYLOADS, PRINCIPLE, REQUIRED_TARGETS
from hostile_harness import (Baseline, Corpus, Payload, Run, browser_failures, marked_pages, output_failures,
                             refusal_failures, run_bounded, site_failures)

BUILT = [payload for payload in PAYLOADS if payload.expect == "either"]
OWN_PAGE = {CASE: "eksempler/testby-en-indgang/index.html", PRINCIPLE: "principper/relation/index.html",
            BIB: "kilder/index.html"}


def named(payloads: list[Payload]):
    return pytest.mark.parametrize("payload", payloads, ids=[payload.name for payload in payloads])


def payload_of(item: pytest.Item) -> Payload | None:
    callspec = getattr(item, "callspec", None)
    return callspec.params.get("payload") if callspec and item.module.__name__ == __name__ else None


@pytest.fixture(scope="session")
def corpus(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    """Start every selected payload at once, in test order, so the runs overlap the tests."""
    running = Corpus(tmp_path_factory.mktemp("hostile"))
    running.start([payload for item in request.session.items if (payload := payload_of(item))])
    yield running
    running.close()


def test_corpus_covers_every_field_and_case_of_the_issue() -> None:
    assert len(PAYLOADS) >= 60
    assert [name for name, count in Counter(p.name for p in PAYLOADS).items() if count > 1] == []
    markers = Counter(p.marker for p in PAYLOADS if p.marker)
    assert [marker for marker, count in markers.items() if count > 1] == []
    assert REQUIRED_TARGETS - {p.target for p in PAYLOADS} == set()
    assert {p.expect for p in PAYLOADS} == {"refuse", "either"}


@named(PAYLOADS)
def test_payload_is_refused_in_danish_or_built_harmless(payload: Payload, corpus: Corpus) -> None:
    outcome = corpus.outcome(payload)
    assert outcome.failures == [], f"{payload.name} ({payload.expect}):\n" + "\n".join(outcome.failures)


@pytest.mark.browser
@named(BUILT)
def test_built_payload_runs_nothing_and_loads_nothing_in_a_browser(payload: Payload, corpus: Corpus, browser) -> None:
    outcome = corpus.outcome(payload)
    if outcome.site is None:
        pytest.skip("nothing was built: refused, or its build failed (the payload's other test says which)")
    pages = marked_pages(outcome.site, payload, OWN_PAGE[payload.change.path])
    with serve(outcome.site) as base_url:
        failures = browser_failures(browser, base_url, pages)
    assert failures == [], f"{payload.name} on {pages}:\n" + "\n".join(failures)


# --------------------------------------------------------------------------- the judges bite


def test_a_child_that_hangs_is_killed_and_fails(tmp_path: Path) -> None:
    run = run_bounded("import time\ntime.sleep(30)\n", [], cwd=tmp_path, timeout=1)
    assert run.returncode is None
    assert "did not finish" in refusal_failures(PAYLOADS[0], run)[0]


def test_a_child_that_exhausts_memory_is_stopped_and_fails(tmp_path: Path) -> None:
    run = run_bounded("blob = bytearray(2 << 30)\n", [], cwd=tmp_path)
    assert run.returncode == 1
    assert "MemoryError" in output_failures(run)[0]


def test_a_refusal_must_be_danish_and_name_file_and_line() -> None:
    payload = next(p for p in PAYLOADS if p.name == "case-reviewed-month-13")
    good = Run(("check",), 1, "cases/testby-en-indgang.yml:35: Datoen findes ikke.\n    Gør sådan: ret den.", 1.0)
    assert refusal_failures(payload, good) == []
    english = Run(("check",), 1, "cases/testby-en-indgang.yml:35: could not determine a date", 1.0)
    assert any("English" in failure for failure in refusal_failures(payload, english))
    no_line = Run(("check",), 1, "cases/testby-en-indgang.yml: Datoen findes ikke.", 1.0)
    assert any("line 35" in failure for failure in refusal_failures(payload, no_line))
    killed = Run(("check",), -9, "", 1.0)
    assert "signal 9" in refusal_failures(payload, killed)[0]


CLEAN_PAGE = """<html><head><meta charset="utf-8"><script>var theme = 1;</script>
<script src="../assets/javascripts/bundle.min.js"></script></head>
<body><td style="text-align: right;">1</td><p id="kilde-a">Kilde</p><a href="https://vive.dk/">VIVE</a></body></html>"""

PLANTED = {
    "event handler": '<p onfocus="alert(1)">x</p>',
    "script URL": '<a href=" \x01jav&#x09;ascript:alert(1)">x</a>',
    "not the theme's own": '<script src="https://evil.example/x.js"></script>',
    "an inline script": "<script>alert(1)</script>",
    "a style the clean build has not": '<p style="color:red">x</p>',
    "loads from another host": '<p style="background:url(//evil.example/p.png)">x</p>',
    "occurs 2 times": '<p id="kilde-a">falsk</p>',
    "not in the clean build": '<p id="ny">x</p>',
    "<img": '<img src="p.png">',
    "<meta content http-equiv": '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
}


@pytest.mark.parametrize("expected", PLANTED, ids=list(PLANTED))
def test_the_site_judge_finds_each_planted_defect(tmp_path: Path, expected: str) -> None:
    clean, planted = tmp_path / "clean" / "eksempler", tmp_path / "planted" / "eksempler"
    for folder, body in ((clean, ""), (planted, PLANTED[expected])):
        folder.mkdir(parents=True)
        (folder / "index.html").write_text(CLEAN_PAGE.replace("</body>", body + "</body>"), encoding="utf-8")
    baseline = Baseline.of(clean.parent)
    assert site_failures(clean.parent, baseline, PAYLOADS[0]) == []
    failures = site_failures(planted.parent, baseline, PAYLOADS[0])
    assert any(expected in failure for failure in failures), failures


PLANTED_PAGE = """<html><body><p tabindex="0" onfocus="alert(1)">x</p><a href="java&#x09;script:alert(2)">y</a>
<img src="https://evil.example/p.png" alt=""></body></html>"""


@pytest.mark.browser
def test_the_browser_judge_sees_handlers_script_links_and_foreign_loads(tmp_path: Path, browser) -> None:
    (tmp_path / "index.html").write_text(PLANTED_PAGE, encoding="utf-8")
    with serve(tmp_path) as base_url:
        failures = "\n".join(browser_failures(browser, base_url, ["index.html"]))
    assert "dialog fired: index.html: alert '1'" in failures
    assert "dialog fired: index.html: alert '2'" in failures
    assert "request to another host: https://evil.example/p.png" in failures
