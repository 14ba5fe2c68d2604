"""The hostile-input corpus of issue 13: what an attacker or a careless contributor might send.

Each payload changes one thing in a copy of tests/fixtures/minimal. "refuse" payloads must be
refused with a Danish message naming the file (and line); "either" payloads (script and markup
in text) may be refused so, or built with nothing executable and nothing from another host.
Markers (9xxxx) are unique, so a payload's effect on the output can be traced.
"""

from __future__ import annotations

import json
import re

from hostile_harness import Edit, Fifo, Folder, Link, Payload, Write, fixture_text

CASE = "cases/testby-en-indgang.yml"
PRINCIPLE = "principles/relation.yml"
BIB = "bibliography.bib"

PREFIX = re.compile(r"^\s*(?:- )?[\w]+: |^\s*- ")


def q(text: str) -> str:
    """A YAML double-quoted scalar; control characters become escapes, as a contributor could type."""
    return json.dumps(text)


def value(path: str, line: str, text: str) -> Edit:
    """Give the field on fixture `line` the value `text`: quoted, or as a `|` block if it spans lines."""
    prefix = PREFIX.match(line).group(0)
    if "\n" not in text:
        return Edit(path, line, prefix + q(text))
    indent = " " * (len(prefix) - len(prefix.lstrip(" -")) + 2)
    body = "\n".join(indent + part if part else "" for part in text.split("\n"))
    return Edit(path, line, f"{prefix.rstrip()} |\n{body}")


def raw(path: str, line: str, new: str) -> Edit:
    """Replace the fixture `line` with YAML or BibTeX written out by hand."""
    return Edit(path, line, new)


def either(name: str, target: str, change: Edit, marker: str, **options) -> Payload:
    return Payload(name, target, "either", change, marker, **options)


def refuse(name: str, target: str, change, marker: str | None = None, **options) -> Payload:
    return Payload(name, target, "refuse", change, marker, **options)


# Fixture lines of the case, the principle and the bibliography that payloads replace.
TITLE = "title: Én indgang"
MUNICIPALITY = "municipalities: [Testby Kommune]"
PERIOD = "period: {start: 2017, end: null, approximate: true}"
STATUS = "status: ongoing"
GROUP = "  - Voksne med sociale udfordringer"
GROUPS = "target_groups:\n  - Voksne med sociale udfordringer"
MODEL_ID = "  - id: ny-enhed"
MODEL_HOW = "    how: Én enhed tager imod alle nye borgere [@jensen2018]."
SUMMARY = "summary: Borgerne møder én fagperson [@jensen2018]."
BACKGROUND = "  background: Kommunen ville samle indgangen [@jensen2018]."
EFFORT = "  effort: Et forløb varer 4-20 uger [@jensen2018]."
ORGANISATION = "  organisation: Fagpersoner fra flere områder arbejder sammen [@jensen2018]."
RESULTS = "  results: Halvdelen af målgruppen er ny [@jensen2018]."
CHALLENGES = "  challenges: Dokumentationen var svær [@jensen2018]."
LESSONS = "  lessons: Det kræver brede kompetencer [@jensen2018]."
ROLE_TITLE = "  - title: Fagperson"
ROLE_TEXT = "    description: Møder borgeren [@jensen2018]."
VALUE = "  - value: 2168000"
UNIT = "    unit: kr. om året"
MEASURES = "    measures: anslået gevinst i sparede ydelser"
CITE = "    cite: jensen2018"
PRINCIPLE_ID = "  - id: relation"
PRINCIPLE_HOW = "    how: Borgeren har én fagperson at forholde sig til [@jensen2018]."
PREREQUISITE_ID = "  - id: maalgruppe"
PREREQUISITE_HOW = "    how: Alle nye borgere kommer gennem samme indgang [@jensen2018]."
TAGS = "tags: [rehabilitering]"
SOURCES = "sources: [jensen2018]"
REVIEWED = "last_reviewed: 2026-11-25"

P_KIND = "kind: principle"
P_NUMBER = "number: 1"
P_TITLE = "title: Skabe relationen til borgeren"
P_SHORT = "short: Borgeren har så få sagsbehandlere som muligt [@regeringen-kl2019]."
P_DESCRIPTION = "description: Færre kontaktpersoner giver en mere tillidsfuld relation [@regeringen-kl2019]."
P_QUESTION_ID = "  - id: relation-antal"
P_QUESTION = "    text: Hvor mange sagsbehandlere har borgeren kontakt med?"
P_QUESTION_2 = "    text: Hvordan sikrer I, at borgeren beholder sin sagsbehandler?"

B_AUTHOR = "  author      = {Jensen, Maya and others},"
B_TITLE = "  title       = {Din Indgang – et nyt tilbud?},"
B_INSTITUTION = "  institution = {VIVE},\n  year        = {2018}"
B_YEAR = "  year        = {2018}"
B_MISC_YEAR = "  year   = {2021}"


def text_of(line: str) -> str:
    """The fixture's own value on `line`, so a payload keeps the citation the record needs."""
    return PREFIX.sub("", line, count=1)


def case_text(line: str, attack: str, name: str, target: str, marker: str, **options) -> Payload:
    """An "either" payload: the field's own text, then the attack (a new line starts a block)."""
    joiner = "" if attack.startswith("\n") else " "
    return either(name, target, value(CASE, line, text_of(line) + joiner + attack), marker, **options)


def bib_field(name: str, attack: str) -> Edit:
    """Add a field to jensen2018, the source the case cites, on the line after `institution`."""
    return raw(BIB, B_INSTITUTION, f"  institution = {{VIVE}},\n  {name} = {{{attack}}},\n  year        = {{2018}}")


CASE_MARKUP = [
    either("case-title-svg-onload", "case.title", value(CASE, TITLE, "Angreb <svg onload=alert(90001)"), "90001"),
    case_text(SUMMARY, '"><svg onload=alert(90002)//', "case-summary-attribute-breakout", "case.summary", "90002"),
    case_text(BACKGROUND, "*x*{: tabindex=0 autofocus onfocus=alert(90003) }", "case-background-attr-list-autofocus",
              "case.sections.background", "90003"),
    case_text(EFFORT, "\n{ onclick=alert(90004) }", "case-effort-attr-list-onclick", "case.sections.effort", "90004"),
    case_text(ORGANISATION, "[a](https://x.dk){: href=javascript:alert(90005) }", "case-organisation-attr-list-href",
              "case.sections.organisation", "90005"),
    case_text(RESULTS, '\n{: style="background:url(https://evil.example/m90006.png)" }',
              "case-results-attr-list-style", "case.sections.results", "90006"),
    case_text(CHALLENGES, "Se [x][r].\n\n[r]: javascript:alert(90007)", "case-challenges-reference-link",
              "case.sections.challenges", "90007", at=(17, 19)),
    case_text(LESSONS, "![i][r]\n\n[r]: https://evil.example/m90008.png", "case-lessons-reference-image",
              "case.sections.lessons", "90008", at=(18, 20)),
    either("case-role-title-control-char-scheme", "case.roles.title",
           value(CASE, ROLE_TITLE, "[x](\x01javascript:alert(90009))"), "90009"),
    case_text(ROLE_TEXT, "![a [b] c](https://evil.example/m90010.png)", "case-role-description-nested-alt",
              "case.roles.description", "90010"),
    either("case-target-group-entity-scheme", "case.target_groups",
           value(CASE, GROUP, "[x](&#106;avascript:alert(90011))"), "90011"),
    either("case-municipality-entity-tab-scheme", "case.municipalities",
           raw(CASE, MUNICIPALITY, f"municipalities: [{q('[x](jav&#x09;ascript:alert(90012))')}]"), "90012"),
    case_text(MODEL_HOW, "<script>alert(90013)</script>", "case-model-how-script", "case.organisation_models.how",
              "90013"),
    case_text(PRINCIPLE_HOW, '<iframe src="https://evil.example/m90014"></iframe>', "case-principle-how-iframe",
              "case.principles.how", "90014"),
    case_text(PREREQUISITE_HOW, "<style>body{background:url(https://evil.example/m90015.png)}</style>",
              "case-prerequisite-how-style", "case.prerequisites.how", "90015"),
    either("case-result-unit-raw-link", "case.results.unit",
           value(CASE, UNIT, "kr. <a href=javascript:alert(90016)>om året</a>"), "90016"),
    either("case-result-measures-autolink", "case.results.measures",
           value(CASE, MEASURES, "anslået gevinst <javascript:alert(90017)>"), "90017"),
    case_text(EFFORT, "Falsk kilde 90018\n{: #kilde-jensen2018 }", "case-effort-anchor-takeover",
              "case.sections.effort", "90018", at=(14, 15)),
    case_text(SUMMARY, "<img src=x onerror=alert(90019)>", "case-summary-img-onerror", "case.summary", "90019"),
    case_text(RESULTS, "[klik](javascript:alert(90020))", "case-results-javascript-link", "case.sections.results",
              "90020"),
    case_text(BACKGROUND, "[klik](data:text/html,alert90021)", "case-background-data-link",
              "case.sections.background", "90021"),
    case_text(ORGANISATION, "[klik](vbscript:msgbox(90022))", "case-organisation-vbscript-link",
              "case.sections.organisation", "90022"),
    case_text(CHALLENGES, "[klik](<JaVaScRiPt:alert(90023)>)", "case-challenges-mixed-case-scheme",
              "case.sections.challenges", "90023"),
    case_text(LESSONS, "<details open ontoggle=alert(90024)>x</details>", "case-lessons-details-ontoggle",
              "case.sections.lessons", "90024"),
    either("case-municipality-unclosed-img", "case.municipalities",
           raw(CASE, MUNICIPALITY, f"municipalities: [{q('Testby <img src=x onerror=alert(90025)//')}]"), "90025"),
    case_text(EFFORT, '[x](https://x.dk "a\\" onmouseover=\\"alert(90026)")', "case-effort-link-title-quote",
              "case.sections.effort", "90026"),
    case_text(BACKGROUND, '<math><mi xlink:href="javascript:alert(90027)">x</mi></math>',
              "case-background-math-xlink", "case.sections.background", "90027"),
    case_text(ORGANISATION, '<svg><a xlink:href="javascript:alert(90028)"><text y="15">x</text></a></svg>',
              "case-organisation-svg-link", "case.sections.organisation", "90028"),
    case_text(RESULTS, '<object data="https://evil.example/m90029.swf"></object>', "case-results-object",
              "case.sections.results", "90029"),
    case_text(CHALLENGES, '<meta http-equiv="refresh" content="0;url=https://evil.example/m90030">',
              "case-challenges-meta-refresh", "case.sections.challenges", "90030"),
    case_text(LESSONS, '<base href="https://evil.example/m90031/">', "case-lessons-base-href",
              "case.sections.lessons", "90031"),
    case_text(ROLE_TEXT, '<form action="javascript:alert(90032)"><button>Send</button></form>',
              "case-role-description-form", "case.roles.description", "90032"),
    either("case-target-group-stylesheet", "case.target_groups",
           value(CASE, GROUP, "<link rel=stylesheet href=https://evil.example/m90033.css>"), "90033"),
    case_text(SUMMARY, "<!--><img src=x onerror=alert(90034)>-->", "case-summary-comment-trick", "case.summary",
              "90034"),
    case_text(EFFORT, '\n<div markdown="1" onclick="alert(90035)">\n*x*\n</div>', "case-effort-md-in-html-onclick",
              "case.sections.effort", "90035"),
    case_text(RESULTS, '<a href="&#x6A;avascript:alert(90036)">x</a>', "case-results-raw-entity-href",
              "case.sections.results", "90036"),
    case_text(BACKGROUND, "![x](https://evil.example/m90037.png)", "case-background-image", "case.sections.background",
              "90037"),
    either("case-title-front-matter-breakout", "case.title",
           raw(CASE, TITLE, "title: " + q("Ny\n---\ntitle: x\n<script>alert(90038)</script>")), "90038"),
    either("case-title-template-syntax", "case.title", value(CASE, TITLE, "{{ 45045*2 }} {% raw %}"), "45045",
           secret="90090"),
    case_text(ROLE_TEXT, "\nSe [x].\n\n[x]: <javascript:alert(90041)>", "case-role-description-shortcut-reference",
              "case.roles.description", "90041"),
    either("case-result-unit-table-cell-escape", "case.results.unit",
           value(CASE, UNIT, "kr. | [x](javascript:alert(90042)) |"), "90042"),
    case_text(SUMMARY, '" http-equiv="refresh" content="0;url=https://evil.example/m90044',
              "case-summary-meta-attribute-breakout", "case.summary", "90044"),
    either("case-title-attribute-breakout", "case.title", value(CASE, TITLE, 'Angreb" autofocus onfocus="alert(90045)'),
           "90045"),
    either("case-summary-unpaired-surrogate", "case.summary",
           value(CASE, SUMMARY, "Borgerne møder én fagperson [@jensen2018]. 90046 \ud800"), "90046"),
]

PRINCIPLE_MARKUP = [
    either("principle-title-svg-onload", "principle.title",
           value(PRINCIPLE, P_TITLE, "Angreb <svg onload=alert(90050)"), "90050"),
    either("principle-short-attribute-breakout", "principle.short",
           value(PRINCIPLE, P_SHORT, text_of(P_SHORT) + '"><svg onload=alert(90051)//'), "90051"),
    either("principle-description-attr-list-autofocus", "principle.description",
           value(PRINCIPLE, P_DESCRIPTION,
                 text_of(P_DESCRIPTION) + " *x*{: autofocus tabindex=0 onfocus=alert(90052) }"), "90052"),
    either("principle-question-img-onerror", "principle.questions.text",
           value(PRINCIPLE, P_QUESTION, "Hvor mange? <img src=x onerror=alert(90053)>"), "90053"),
    either("principle-question-markdown", "principle.questions.text",
           value(PRINCIPLE, P_QUESTION_2, "Hvordan? [x](javascript:alert(90054)) *x*{: onclick=alert(90054) }"),
           "90054"),
    either("principle-description-reference-link", "principle.description",
           value(PRINCIPLE, P_DESCRIPTION, text_of(P_DESCRIPTION) + "\n\nSe [x][r].\n\n[r]: javascript:alert(90055)"),
           "90055"),
    either("principle-title-attribute-breakout", "principle.title",
           value(PRINCIPLE, P_TITLE, 'Skabe" onmouseover="alert(90056)'), "90056"),
    refuse("principle-question-id-markup", "principle.questions.id",
           raw(PRINCIPLE, P_QUESTION_ID, "  - id: " + q('relation-antal"><svg onload=alert(90057)>')), "90057"),
    refuse("principle-kind-script", "principle.kind",
           raw(PRINCIPLE, P_KIND, "kind: " + q("<script>alert(90058)</script>")), "90058"),
    refuse("principle-number-5000-digits", "principle.number", raw(PRINCIPLE, P_NUMBER, "number: " + "9" * 5000)),
    refuse("principle-number-nan", "principle.number", raw(PRINCIPLE, P_NUMBER, "number: .nan")),
]

CASE_REFUSED = [
    refuse("case-tag-markup", "case.tags", raw(CASE, TAGS, "tags: [" + q("<svg onload=alert(90070)>") + "]"), "90070"),
    refuse("case-source-markup", "case.sources",
           raw(CASE, SOURCES, "sources: [jensen2018, " + q('x"><svg onload=alert(90071)>') + "]"), "90071"),
    refuse("case-result-cite-markup", "case.results.cite",
           raw(CASE, CITE, "    cite: " + q('jensen2018"><svg onload=alert(90072)>')), "90072"),
    refuse("case-principle-id-path", "case.principles.id", raw(CASE, PRINCIPLE_ID, "  - id: ../../relation")),
    refuse("case-prerequisite-id-markup", "case.prerequisites.id",
           raw(CASE, PREREQUISITE_ID, "  - id: " + q("maalgruppe onmouseover=alert(90074)")), "90074"),
    refuse("case-model-id-markup", "case.organisation_models.id",
           raw(CASE, MODEL_ID, "  - id: " + q("<svg onload=alert(90075)>")), "90075"),
    refuse("case-reviewed-month-13", "case.last_reviewed", raw(CASE, REVIEWED, "last_reviewed: 2026-13-45")),
    refuse("case-reviewed-february-30", "case.last_reviewed", raw(CASE, REVIEWED, "last_reviewed: 2026-02-30")),
    refuse("case-reviewed-markup", "case.last_reviewed",
           raw(CASE, REVIEWED, "last_reviewed: " + q("<script>alert(90078)</script>")), "90078"),
    refuse("case-period-infinite-end", "case.period", raw(CASE, PERIOD, "period: {start: 2017, end: .inf}")),
    refuse("case-period-markup", "case.period",
           raw(CASE, PERIOD, "period: {start: " + q("<svg onload=alert(90080)>") + ", end: null}"), "90080"),
    refuse("case-result-value-nan", "case.results.value", raw(CASE, VALUE, "  - value: .nan")),
    refuse("case-result-value-minus-inf", "case.results.value", raw(CASE, VALUE, "  - value: -.inf")),
    refuse("case-result-value-nan-string", "case.results.value", raw(CASE, VALUE, '  - value: "NaN"')),
    refuse("case-result-value-5000-digits", "case.results.value", raw(CASE, VALUE, "  - value: " + "9" * 5000)),
    refuse("case-status-markup", "case.status", raw(CASE, STATUS, "status: " + q("<script>alert(90085)</script>")),
           "90085"),
    refuse("case-title-zero-width-only", "case.title", value(CASE, TITLE, "\u200b\u200c\u200d\u2060\ufeff")),
    refuse("case-title-bidi-override", "case.title", value(CASE, TITLE, "Testby \u202egnagdni\u202c 90087"), "90087"),
    refuse("case-lessons-bidi-isolate", "case.sections.lessons",
           value(CASE, LESSONS, text_of(LESSONS) + " \u2067 90088 \u2069"), "90088"),
    refuse("case-summary-nul-escape", "case.summary", value(CASE, SUMMARY, text_of(SUMMARY) + " \x00 90089"), "90089"),
    refuse("case-summary-raw-nul-byte", "bytes.nul", raw(CASE, SUMMARY, SUMMARY + " \x00")),
    refuse("case-background-raw-0x01-byte", "bytes.0x01", raw(CASE, BACKGROUND, BACKGROUND + " \x01")),
    refuse("case-effort-raw-0x7f-byte", "bytes.0x7f", raw(CASE, EFFORT, EFFORT + " \x7f")),
    refuse("case-summary-binary-tag", "yaml.binary", raw(CASE, SUMMARY, "summary: !!binary QmFybmUgbcO4ZGVy")),
    refuse("case-summary-python-object-tag", "yaml.python-object",
           raw(CASE, SUMMARY, 'summary: !!python/object/apply:os.system ["echo $((45123*2))"]'), secret="90246"),
    refuse("case-unknown-tag", "yaml.tag", raw(CASE, SUMMARY, "summary: !ukendt Borgerne")),
    refuse("case-complex-key", "yaml.complex-key", raw(CASE, REVIEWED, REVIEWED + "\n? [a, b]\n: x"), at=(36,)),
    refuse("case-non-string-key", "yaml.non-string-key", raw(CASE, REVIEWED, REVIEWED + "\ntrue: ja"), at=(36,)),
    refuse("case-not-utf8", "bytes.encoding", Write(CASE, fixture_text(CASE).encode("latin-1"), (1,))),
]


def billion_laughs() -> str:
    levels = "abcdefghi"
    rows = ['  - &a ["lol 90300", ' + ", ".join(['"lol"'] * 8) + "]"]
    rows += [f"  - &{level} [" + ", ".join([f"*{below}"] * 9) + "]" for below, level in zip(levels, levels[1:])]
    return "target_groups:\n" + "\n".join(rows)


def many_aliases(count: int = 20_000, per_line: int = 10) -> str:
    """A 10 KB string anchored once and aliased `count` times: small file, huge document."""
    long_text = ("Voksne 90301 " * 800)[:10_000]
    lines = [", ".join(["*s"] * per_line) for _ in range(count // per_line)]
    return f"target_groups: [&s {q(long_text)},\n  " + ",\n  ".join(lines) + "]"


BOMBS = [
    refuse("case-billion-laughs", "bomb.billion-laughs", raw(CASE, GROUPS, billion_laughs()),
           "90300", at=tuple(range(5, 15))),
    refuse("case-20000-aliases", "bomb.aliases", raw(CASE, GROUPS, many_aliases()), "90301", at=(5, 6)),
    refuse("case-recursive-alias", "bomb.recursive-alias", raw(CASE, GROUPS, "target_groups: &r [*r]")),
    refuse("case-nested-brackets", "bomb.nested-brackets",
           raw(CASE, GROUPS, "target_groups: " + "[" * 10_000 + "x" + "]" * 10_000)),
    refuse("case-summary-1mb-of-angles", "bomb.quadratic-regex", raw(CASE, SUMMARY, "summary: " + "<a" * 500_000),
           at=()),
    refuse("case-summary-240kb-of-angles", "bomb.quadratic-regex", raw(CASE, SUMMARY, "summary: " + "<a" * 120_000),
           at=()),
    refuse("case-file-of-20mb", "bomb.file-size",
           Write(CASE, (fixture_text(CASE) + ("# " + "x" * 98 + "\n") * 200_000).encode())),
    case_text(EFFORT, "\n" + "> " * 10_000 + "90306", "case-effort-10000-nested-quotes", "bomb.markdown-nesting",
              "90306", at=(13, 15)),
    case_text(BACKGROUND, "[" * 10_000 + "90307" + "]" * 10_000, "case-background-10000-nested-brackets",
              "bomb.markdown-brackets", "90307"),
    case_text(CHALLENGES, "*a" * 20_000 + " 90308", "case-challenges-emphasis-bomb", "bomb.markdown-emphasis",
              "90308"),
]

OUTSIDE_CASE = fixture_text(CASE).replace("title: Én indgang", "title: Udefra 90210").encode()
CASE_COPY = fixture_text(CASE).replace("title: Én indgang", "title: Oversigt 90207").encode()
PRINCIPLE_COPY = fixture_text(PRINCIPLE).replace("number: 1", "number: 2").replace("relation-", "oversigt-")

FILE_SYSTEM = [
    refuse("fs-symlink-to-record-outside", "fs.symlink-outside",
           Link("cases/ude.yml", "outside/ude.yml", (("ude.yml", fixture_text(CASE).replace(
               "Én indgang", "Udefra 90200").encode()),)), "90200"),
    refuse("fs-symlink-to-secret-mapping", "fs.symlink-secret",
           Link("cases/hemmelig.yml", "outside/hemmelighed.txt", (("hemmelighed.txt", b"password: hunter2-90201\n"),)),
           secret="hunter2-90201"),
    refuse("fs-symlink-to-secret-ini", "fs.symlink-secret",
           Link("cases/noegler.yml", "outside/credentials", (
               ("credentials", b"[default]\naws_secret_access_key = wJalr90202EXAMPLEKEY\n"),)),
           secret="wJalr90202EXAMPLEKEY"),
    refuse("fs-symlink-to-dev-zero", "fs.dev-zero", Link("cases/nul.yml", "/dev/zero")),
    refuse("fs-fifo", "fs.fifo", Fifo("cases/roer.yml")),
    refuse("fs-dangling-symlink", "fs.dangling-symlink", Link("cases/borte.yml", "outside/findes-ikke.yml")),
    refuse("fs-symlink-loop", "fs.symlink-loop", Link("cases/loop.yml", "loop.yml")),
    refuse("fs-directory-named-yml", "fs.directory", Folder("cases/mappe.yml")),
    refuse("fs-case-named-index", "fs.index-case", Write("cases/index.yml", CASE_COPY), "90207"),
    refuse("fs-principle-named-index", "fs.index-principle", Write("principles/index.yml", PRINCIPLE_COPY.encode())),
    refuse("fs-cases-folder-symlinked-outside", "fs.symlink-folder",
           Link("cases", "outside/andre-cases", (("andre-cases/testby-en-indgang.yml", OUTSIDE_CASE),)), "90210"),
    refuse("fs-bibliography-symlink-to-dev-zero", "fs.dev-zero", Link(BIB, "/dev/zero")),
    refuse("fs-bibliography-fifo", "fs.fifo", Fifo(BIB)),
]


def many_entries(count: int = 10_000) -> bytes:
    entries = "".join(f"\n@misc{{stor{index:05d},\n  author = {{{{Forfatter {index}}}}},\n  title  = {{Titel {index}}},"
                      f"\n  year   = {{2020}}\n}}\n" for index in range(count))
    return (fixture_text(BIB) + entries).encode()


BIBLIOGRAPHY = [
    either("bib-url-quote-onfocus", "bib.url", bib_field("url", 'https://x.dk/" autofocus onfocus="alert(90100)'),
           "90100"),
    either("bib-url-javascript", "bib.url", bib_field("url", "javascript:alert(90101)"), "90101"),
    either("bib-url-data", "bib.url", bib_field("url", "data:text/html,<script>alert(90102)</script>"), "90102"),
    either("bib-author-img-onerror", "bib.author",
           raw(BIB, B_AUTHOR, "  author      = {{<img src=x onerror=alert(90103)>} and others},"), "90103"),
    either("bib-year-img-onerror", "bib.year", raw(BIB, B_YEAR + "\n}", "  year        = {2018<img src=x "
                                                   "onerror=alert(90104)>}\n}"), "90104"),
    either("bib-title-img-onerror", "bib.title",
           raw(BIB, B_TITLE, "  title       = {<img src=x onerror=alert(90105)>},"), "90105"),
    either("bib-note-markdown-javascript-link", "bib.note", bib_field("note", "[x](javascript:alert(90106))"), "90106"),
    either("bib-institution-img-onerror", "bib.institution",
           raw(BIB, B_INSTITUTION, "  institution = {<img src=x onerror=alert(90107)>},\n  year        = {2018}"),
           "90107"),
    either("bib-journal-svg-onload", "bib.journal", bib_field("journal", "<svg onload=alert(90108)>"), "90108"),
    refuse("bib-cite-key-breakout", "bib.key",
           Write(BIB, (fixture_text(BIB) + '\n@misc{x"><svg onload=alert(90109)>,\n  title = {T},\n'
                             "  year = {2020}\n}\n").encode(), (29,)), "90109"),
    either("bib-title-attr-list", "bib.title",
           raw(BIB, B_TITLE, "  title       = {Titel *x*{: onclick=alert(90110) }},"), "90110"),
    either("bib-note-img-onerror", "bib.note", bib_field("note", "<img src=x onerror=alert(90127)>"), "90127"),
    either("bib-title-markdown-javascript-link", "bib.title",
           raw(BIB, B_TITLE, "  title       = {[x](javascript:alert(90111))},"), "90111"),
    either("bib-note-tex-href", "bib.tex", bib_field("note", "\\href{javascript:alert(90112)}{klik}"), "90112"),
    either("bib-howpublished-tex-url", "bib.tex",
           raw(BIB, B_MISC_YEAR, "  howpublished = {\\url{javascript:alert(90113)}},\n" + B_MISC_YEAR), "90113"),
    either("bib-doi-breakout", "bib.doi", bib_field("doi", '"><svg onload=alert(90114)>'), "90114"),
    either("bib-title-tex-input", "bib.tex",
           raw(BIB, B_TITLE, "  title       = {\\input{/etc/passwd} \\csname alert\\endcsname(90115)},"), "90115",
           secret="root:x:0:0"),
    either("bib-string-macro", "bib.macro",
           raw(BIB, "\n".join(["@techreport{jensen2018,", B_AUTHOR, B_TITLE]),
               "\n".join(['@string{evil = "<svg onload=alert(90116)>"}', "", "@techreport{jensen2018,", B_AUTHOR,
                          "  title       = evil # { tilbud},"])), "90116"),
    either("bib-crossref-to-itself", "bib.crossref", bib_field("crossref", "jensen2018"), None, at=(26,)),
    either("bib-title-10000-nested-braces", "bib.nested-braces",
           raw(BIB, B_TITLE, "  title       = {" + "{" * 10_000 + "90118" + "}" * 10_000 + "},"), "90118"),
    refuse("bib-title-raw-nul-byte", "bib.nul", raw(BIB, B_TITLE, "  title       = {Din\x00Indgang 90119},"), "90119"),
    either("bib-10000-entries", "bib.many-entries", Write(BIB, many_entries()), "stor09999",
           allowed_new_ids=r"kilde-stor\d{5}"),
    refuse("bib-syntax-error", "bib.syntax",
           Write(BIB, (fixture_text(BIB) + "\n@misc{broken90121,\n  title = {unclosed\n").encode(), (29, 30, 31)),
           "90121"),
    either("bib-url-control-char-scheme", "bib.url", bib_field("url", "\x01javascript:alert(90123)"), "90123"),
    either("bib-author-markdown-image", "bib.author",
           raw(BIB, B_AUTHOR, "  author      = {{![x](https://evil.example/m90124.png)} and others},"), "90124"),
    either("bib-title-entity-scheme", "bib.title",
           raw(BIB, B_TITLE, "  title       = {[x](&#106;avascript:alert(90125))},"), "90125"),
    either("bib-title-raw-script", "bib.title", raw(BIB, B_TITLE, "  title       = {<script>alert(90126)</script>},"),
           "90126"),
]

LONG_TITLE = " Én indgang til hjælp for borgere med komplekse problemer i Testby Kommune" * 3


def doubling_strings(levels: int = 31) -> bytes:
    """@string macros that double at each level: 1.6 KB that pybtex would expand to gigabytes."""
    macros = '@string{m0 = "xxxxxxxxxxxxxxxx"}\n' + "".join(f"@string{{m{n} = m{n - 1} # m{n - 1}}}\n"
                                                            for n in range(1, levels + 1))
    return (macros + fixture_text(BIB)).encode()


# Found by an independent attacker's pass after the first fixes (see the notes on issue 13).
ATTACKER_PASS = [
    either("case-title-long-entity-img-tooltip", "case.title",
           value(CASE, TITLE, "&lt;img src=x onerror=alert(90140)&gt;" + LONG_TITLE), "90140"),
    case_text(SUMMARY, "🙂 \\*Kilde 90141\\*&#123;: #kilde-jensen2018 &#125;", "case-summary-emoji-anchor-takeover",
              "case.summary", "90141"),
    case_text(EFFORT, "\n" + "- " * 500 + "90142", "case-effort-500-nested-lists", "bomb.markdown-nesting", "90142"),
    either("principle-question-id-heading-anchor", "principle.questions.id",
           raw(PRINCIPLE, "  - id: relation-antal", "  - id: kilder-paa-siden"), None, at=(7,),
           allowed_new_ids=r"spm-kilder-paa-siden|svar-kilder-paa-siden-[0-3x]"),
    either("case-link-inside-link-url", "case.sections.results",
           value(CASE, RESULTS, "Se [x](https://x.dk/[a](id=kilde-jensen2018)) 90143 [@jensen2018]."), "90143"),
    refuse("bib-string-doubling", "bib.macro", Write(BIB, doubling_strings(), (1,))),
    refuse("bib-title-trailing-backslash", "bib.tex", raw(BIB, B_TITLE, "  title       = {Din Indgang 90144\\},"),
           "90144", at=(22, 24)),
]

PAYLOADS: list[Payload] = (CASE_MARKUP + PRINCIPLE_MARKUP + CASE_REFUSED + BOMBS + FILE_SYSTEM + BIBLIOGRAPHY
                           + ATTACKER_PASS)

REQUIRED_TARGETS = {
    "case.title", "case.municipalities", "case.target_groups", "case.summary", "case.sections.background",
    "case.sections.effort", "case.sections.organisation", "case.sections.results", "case.sections.challenges",
    "case.sections.lessons", "case.roles.title", "case.roles.description", "case.results.value", "case.results.unit",
    "case.results.measures", "case.results.cite", "case.principles.how", "case.principles.id",
    "case.prerequisites.how", "case.prerequisites.id", "case.tags", "case.sources", "case.last_reviewed",
    "case.period", "principle.title", "principle.short", "principle.description", "principle.questions.text",
    "principle.questions.id", "principle.kind", "principle.number", "bib.url", "bib.author", "bib.year", "bib.title",
    "bib.note", "bib.institution", "bib.journal", "bib.key", "bib.tex", "bib.many-entries", "fs.symlink-outside",
    "fs.symlink-secret", "fs.dev-zero", "fs.fifo", "fs.dangling-symlink", "fs.symlink-loop", "fs.directory",
    "fs.index-case", "fs.index-principle", "bomb.billion-laughs", "bomb.aliases", "bomb.recursive-alias",
    "bomb.quadratic-regex", "bomb.nested-brackets", "yaml.binary", "yaml.python-object", "yaml.complex-key",
    "bytes.nul", "bytes.0x01", "bytes.0x7f",
}
"""Every field and case the brief of issue 13 names; a test checks the corpus covers each."""
