"""`katalog serve` as a maintainer uses it: the address, a line per rebuild, problems in the browser."""

from __future__ import annotations

import queue
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from generator import plugin as plugin_module
from generator.devserver import KatalogServer, Preview, ShownFirst, problems_panel, write_batch
from generator.problems import Problem

ROOT = Path(__file__).resolve().parent.parent
WAIT = 90.0
INJECTED = "<img src=x onerror=alert(1) id=injiceret>"
CASE = "cases/testby-en-indgang.yml"


def test_panel_escapes_what_contributors_wrote() -> None:
    panel = problems_panel([Problem(Path("cases/a.yml"), f"'status' har værdien '{INJECTED}'", "brug 'ongoing'.", 4)])
    assert "cases/a.yml:4" in panel
    assert "Gør sådan: brug &#x27;ongoing&#x27;." in panel
    assert "<img" not in panel
    assert "&lt;img src=x onerror=alert(1) id=injiceret&gt;" in panel


class Server:
    """A running `katalog serve`, its printed lines and its address."""

    def __init__(self, process: subprocess.Popen, url: str) -> None:
        self.process = process
        self.url = url
        self.lines: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.put(line)
        self.lines.put(None)  # the process has ended: nothing more will be printed

    def wait_for(self, text: str) -> str:
        """The first printed line containing `text`; fails after WAIT seconds."""
        deadline = time.monotonic() + WAIT
        seen = []
        while (left := deadline - time.monotonic()) > 0:
            try:
                line = self.lines.get(timeout=left)
            except queue.Empty:
                break
            if line is None:
                self.lines.put(None)
                raise AssertionError(f"{text!r} was not printed before the server stopped; printed: {''.join(seen)}")
            seen.append(line)
            if text in line:
                return line
        raise AssertionError(f"{text!r} was not printed; printed: {''.join(seen)}")

    def get(self, path: str = "") -> tuple[int, str]:
        try:
            with urllib.request.urlopen(self.url + path, timeout=WAIT) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def serving(project) -> Iterator[Server]:
    address = f"127.0.0.1:{free_port()}"
    command = [sys.executable, "-m", "generator.cli", "serve", "-f", str(project.config_file), "-a", address]
    environment = {"PYTHONUNBUFFERED": "1", "NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"}
    with subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, encoding="utf-8",
                          env=environment) as process:
        try:
            server = Server(process, f"http://{address}/")
            server.wait_for("Forhåndsvisningen kører på")
            yield server
        finally:
            process.terminate()
            try:
                process.wait(timeout=WAIT)
            except subprocess.TimeoutExpired:
                process.kill()
                raise


def break_case(project) -> None:
    project.edit(CASE, "status: ongoing", f"status: {INJECTED}")


def test_serve_prints_the_address_and_shows_problems_until_they_are_fixed(project) -> None:
    with serving(project) as server:
        status, page = server.get()
        assert status == 200 and "katalog-problemer" not in page
        break_case(project)
        line = server.wait_for("Bygningen fejlede")
        assert "Ændret: " in line and "testby-en-indgang.yml" in line
        status, page = server.get()
        assert status == 200
        assert "Kataloget har " in page
        assert "testby-en-indgang.yml:4</code>: &#x27;status&#x27; har værdien" in page
        assert "&lt;img src=x onerror=alert(1) id=injiceret&gt;" in page
        assert "<img src=x" not in page
        assert "Testkatalog" in page, "the last good site is no longer served"
        project.edit(CASE, f"status: {INJECTED}", "status: ongoing")
        assert "Ændret: " in server.wait_for("Bygget på")
        assert "katalog-problemer" not in server.get()[1]
        server.process.terminate()
        server.wait_for("Forhåndsvisningen er stoppet.")


LIVERELOAD_EPOCH = re.compile(r"livereload\((\d+), \d+\)")


def test_serve_shows_an_edited_case_first_then_the_whole_site(project) -> None:
    """Browsers reload twice: when the edited page is written, and again when the whole site is rebuilt.
    MkDocs' live-reload script asks /livereload/EPOCH/… and is answered once the site is newer than EPOCH."""
    with serving(project) as server:
        before = int(LIVERELOAD_EPOCH.search(server.get("eksempler/testby-en-indgang/")[1])[1])
        reloads: list[int | BaseException] = []  # the first reload's epoch, as a browser waiting since `before` hears it

        def wait_for_reload() -> None:
            try:
                reloads.append(int(server.get(f"livereload/{before}/1")[1]))
            except BaseException as error:  # said by the assert below, not lost in the thread
                reloads.append(error)
        waiting = threading.Thread(target=wait_for_reload)
        waiting.start()
        project.edit(CASE, "title: Én indgang", "title: Én fælles indgang")
        line = server.wait_for("Eksemplets side er vist")
        assert "testby-en-indgang.yml" in line and "resten af sitet bygges nu" in line
        assert "Én fælles indgang" in server.get("eksempler/testby-en-indgang/")[1]
        waiting.join(WAIT)
        assert reloads and isinstance(reloads[0], int), f"no reload heard: {reloads}"
        shown = reloads[0]
        assert shown > before
        done = server.wait_for("Bygget på")
        assert "Ændret" not in done, "the changed file is named once, on the first line"
        assert int(server.get(f"livereload/{shown}/1")[1]) > shown, "no reload after the full rebuild"
        assert "Én fælles indgang" in server.get("eksempler/")[1]


def test_serve_builds_strictly_like_build(project) -> None:
    with serving(project) as server:
        project.edit("mkdocs.yml", "  - Kilder: kilder.md", "  - Kilder: kilder.md\n  - Findes ikke: findes-ikke.md")
        server.wait_for("Bygningen fejlede")
        assert "&#x27;nav&#x27; nævner siden &#x27;findes-ikke.md&#x27;" in server.get()[1]


def test_serve_shows_the_problems_when_nothing_was_ever_built(project) -> None:
    break_case(project)
    with serving(project) as server:
        status, page = server.get()
        assert "Kataloget har " in page
        assert "testby-en-indgang.yml:4" in page
        assert "<img src=x" not in page


@pytest.mark.browser
def test_the_browser_shows_the_problems_and_reloads_when_fixed(project, context) -> None:
    with serving(project) as server:
        page = context.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(server.url)
        break_case(project)
        panel = page.locator("#katalog-problemer")
        panel.wait_for(state="visible", timeout=WAIT * 1000)
        assert "testby-en-indgang.yml:4" in panel.inner_text()
        assert INJECTED in panel.inner_text()
        assert page.locator("#injiceret").count() == 0
        project.edit(CASE, f"status: {INJECTED}", "status: ongoing")
        panel.wait_for(state="detached", timeout=WAIT * 1000)
        assert dialogs == []


def site_files(site: Path) -> dict[str, bytes]:
    return {str(path.relative_to(site)): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def test_a_rebuild_after_an_edit_is_byte_for_byte_a_clean_build(project, tmp_path: Path, monkeypatch) -> None:
    """The preview's rebuild reuses what it read and checked before (generator/records.py); every file it
    serves is still the one a clean `katalog build` of the edited catalogue writes."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")  # the sitemap's date, the same for both builds
    address = "127.0.0.1:8000"
    served = tmp_path / "served"
    served.mkdir()
    preview = Preview(project.config_file, served, address, None, f"http://{address}/")
    assert preview.build() == []
    project.edit(CASE, "title: Én indgang", "title: Én fælles indgang")
    project.edit("principles/relation.yml", "\n", "\n\n")  # read again, unchanged in what it says
    assert preview.build() == []
    clean = tmp_path / "clean"
    subprocess.run([sys.executable, "-m", "generator.cli", "-f", str(project.config_file), "build", "-d", str(clean),
                    "--site-url", f"http://{address}/"], check=True, capture_output=True, cwd=ROOT)
    rebuilt, built_clean = site_files(served), site_files(clean)
    assert "Én fælles indgang" in rebuilt["eksempler/testby-en-indgang/index.html"].decode()
    assert rebuilt.keys() == built_clean.keys()
    assert [name for name in rebuilt if rebuilt[name] != built_clean[name]] == []


@pytest.fixture
def preview(project, tmp_path: Path) -> Preview:
    """A preview of the test project that has built once and watches its cases, as `katalog serve` does."""
    served = tmp_path / "served"
    served.mkdir()
    preview = Preview(project.config_file, served, "127.0.0.1:8000", None, "http://127.0.0.1:8000/")
    preview.watched.append(project.root / "cases")
    assert preview.build() == [] and preview.changed_files() == []
    return preview


CASE_PAGE = "eksempler/testby-en-indgang/index.html"


def test_an_edited_case_and_the_pages_listing_it_are_shown_first_as_the_full_build_then_writes_them(
        project, preview: Preview) -> None:
    """Two batches, each shown as soon as it is written: the case's own page, then every page that lists it,
    the other case's page that names it as related among them, and the overview under its label in the
    navigation. The full build then writes each byte for byte as shown, and changes no other page but the
    sources' page (made from every page's citations), the search index and the data files."""
    project.edit("mkdocs.yml", "  - Eksempler: eksempler/index.md", "  - Alle eksempler: eksempler/index.md")
    add_other_case(project, preview)
    before = site_files(preview.root)
    project.edit(CASE, "title: Én indgang", "title: Én fælles indgang")
    showings: list[dict[str, bytes]] = []
    preview.show = lambda: showings.append(site_files(preview.root))
    shown = preview.show_first(preview.changed_files(), time.monotonic())
    first = {str(path.relative_to(preview.root)): path.read_bytes() for path in shown.replaced}
    assert len(shown.after) == len(showings) == 2 and shown.after[0] <= shown.after[1]
    assert [changed_pages(before, site) for site in showings] == [{CASE_PAGE}, first.keys()]
    assert {CASE_PAGE, "eksempler/index.html", "matrix/index.html", "selvevaluering/index.html",
            "emner/rehabilitering/index.html", OTHER_CASE_PAGE} < first.keys()
    assert [name for name, page in first.items() if "Én fælles indgang" not in page.decode()] == []
    assert "Alle eksempler" in first["eksempler/index.html"].decode(), "the label mkdocs.yml gives it in the navigation"
    assert preview.build() == []
    after = site_files(preview.root)
    assert [name for name in first if after[name] != first[name]] == []
    rebuilt_only = changed_pages(before, after) - first.keys()
    assert {name for name in rebuilt_only if name.endswith(".html")} <= {"kilder/index.html"}


def test_a_batch_that_fails_leaves_the_one_shown_before_it(project, preview: Preview, monkeypatch) -> None:
    built_pages = plugin_module.rebuilt_pages
    batches: list[int] = []

    def second_fails(last, pages):
        batches.append(len(batches))
        if len(batches) == 2:
            raise OSError("Disken er fuld.")
        return built_pages(last, pages)

    monkeypatch.setattr(plugin_module, "rebuilt_pages", second_fails)
    before = site_files(preview.root)
    project.edit(CASE, "title: Én indgang", "title: Én fælles indgang")
    shown = preview.show_first(preview.changed_files(), time.monotonic())
    assert len(shown.after) == 1 and list(shown.replaced) == [preview.root / CASE_PAGE]
    assert changed_pages(before, site_files(preview.root)) == {CASE_PAGE}


def test_a_batch_is_written_whole_or_not_at_all(tmp_path: Path) -> None:
    (tmp_path / "side.html").write_text("før", encoding="utf-8")
    (tmp_path / "fil").write_text("en fil, ikke en mappe", encoding="utf-8")
    with pytest.raises(OSError):
        write_batch(tmp_path, {"side.html": "efter", "ny.html": "ny", "fil/side.html": "kan ikke skrives"})
    assert site_files(tmp_path) == {"side.html": "før".encode(), "fil": "en fil, ikke en mappe".encode()}


def test_each_batch_shown_first_and_then_the_full_build_is_a_newer_site_for_the_browsers(tmp_path: Path) -> None:
    """MkDocs' live-reload script reloads a page once the site's version (its epoch) is newer than the one the
    page was served at: each batch shown first, and the full build after them, must each publish a newer one."""
    preview = Preview(tmp_path / "mkdocs.yml", tmp_path, "127.0.0.1:8000", None, "http://127.0.0.1:8000/")
    server = KatalogServer(preview, "127.0.0.1", 8000, "/")
    published: list[int] = []

    def rebuild_showing_two_batches() -> None:
        for _ in range(2):
            preview.show()
            published.append(server._visible_epoch)

    preview.rebuild = rebuild_showing_two_batches
    served = server._visible_epoch
    server.rebuild()
    assert served < published[0] < published[1] < server._wanted_epoch


def changed_pages(before: dict[str, bytes], after: dict[str, bytes]) -> set[str]:
    return {name for name in after if after[name] != before.get(name)}


OTHER_CASE = "cases/andet-sted.yml"
OTHER_CASE_PAGE = "eksempler/andet-sted/index.html"


def add_other_case(project, preview: Preview) -> None:
    """A second case, like the first but for its title, so each lists the other as related; built."""
    project.write(OTHER_CASE, (project.root / CASE).read_text(encoding="utf-8").replace("Én indgang", "Andet sted"))
    assert preview.build() == []
    preview.changed_files()


@pytest.mark.parametrize("change", [
    lambda project: project.edit(CASE, "status: ongoing", "status: færdig"),  # a problem: the full build tells it
    lambda project: project.edit("principles/relation.yml", "\n", "\n\n"),  # other pages may show a principle
    lambda project: project.edit("mkdocs.yml", "\n", "\n\n"),
    lambda project: project.write("noter/testby-en-indgang.yml", "title: Ikke et eksempel\n"),  # a case's name
    lambda project: project.write("cases/ny.yml", (project.root / CASE).read_text(encoding="utf-8")),  # added
    lambda project: (project.root / OTHER_CASE).unlink(),  # removed
    lambda project: project.edit(CASE, "Voksne med sociale", "Unge med sociale"),  # what related cases share
])
def test_nothing_is_shown_first_unless_only_known_cases_changed_what_only_they_show(
        project, preview: Preview, change: Callable) -> None:
    add_other_case(project, preview)
    (project.root / "noter").mkdir()
    preview.watched += [project.root / "principles", project.config_file, project.root / "noter"]
    preview.changed_files()
    page = (preview.root / CASE_PAGE).read_bytes()
    project.edit(CASE, "title: Én indgang", "title: Én fælles indgang")
    change(project)
    assert preview.show_first(preview.changed_files(), time.monotonic()) == ShownFirst()
    assert (preview.root / CASE_PAGE).read_bytes() == page


def test_an_editors_swap_file_beside_the_case_does_not_stop_it_being_shown_first(project, preview: Preview) -> None:
    project.edit(CASE, "title: Én indgang", "title: Én fælles indgang")
    project.write("cases/.testby-en-indgang.yml.swp", "vim")
    assert preview.root / CASE_PAGE in preview.show_first(preview.changed_files(), time.monotonic()).replaced


def test_related_cases_shown_first_are_as_they_are_now(project, preview: Preview) -> None:
    """Both cases edited at once: each page shown first names the other by its new title, as the full build does."""
    add_other_case(project, preview)
    project.edit(CASE, "title: Én indgang", "title: Én fælles indgang")
    project.edit(OTHER_CASE, "title: Andet sted", "title: Et andet sted")
    shown = preview.show_first(preview.changed_files(), time.monotonic()).replaced
    other_page = preview.root / "eksempler/andet-sted/index.html"
    assert {preview.root / CASE_PAGE, other_page} < set(shown)
    first = {page: page.read_bytes() for page in shown}
    assert "Én fælles indgang" in first[other_page].decode() and "Et andet sted" in first[preview.root / CASE_PAGE].decode()
    assert preview.build() == []
    assert {page: page.read_bytes() for page in shown} == first


def test_what_was_shown_first_is_put_back_when_the_full_build_fails(project, preview: Preview, monkeypatch) -> None:
    before = site_files(preview.root)
    shown: list[bytes] = []
    preview.show = lambda: shown.append((preview.root / CASE_PAGE).read_bytes())
    monkeypatch.setattr(preview, "build", lambda: [Problem(project.config_file, "Bygningen stoppede.", "ret det.")])
    project.edit(CASE, "title: Én indgang", "title: Én fælles indgang")
    preview.rebuild()
    assert len(shown) == 2 and "Én fælles indgang" in shown[0].decode()
    assert site_files(preview.root) == before
