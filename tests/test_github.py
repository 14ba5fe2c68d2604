"""The repository's GitHub files: workflows that GitHub can read and that run commands `katalog` has,
an issue form and a pull-request template. actionlint cannot be installed here (its package fetches a
binary from GitHub), so the files are parsed and held to the rules that matter."""

from __future__ import annotations

import argparse
import re
import shlex
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from generator.cli import parser
from generator.review import CHECKLIST

GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
PINNED_ACTION = re.compile(r"^[\w.-]+/[\w.-]+@v\d+$")
UNTRUSTED_IN_SCRIPT = re.compile(r"\$\{\{\s*github\.(event|head_ref|base_ref)")
"""Values an outside contributor controls, which must reach a script through `env`, never be pasted into it."""
FORM_TYPES = {"markdown", "input", "textarea", "dropdown", "checkboxes"}


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def katalog_commands() -> set[str]:
    subparsers = next(action for action in parser()._actions if isinstance(action, argparse._SubParsersAction))
    return set(subparsers.choices)


def test_there_are_a_check_and_a_publishing_workflow() -> None:
    assert {path.name for path in WORKFLOWS} == {"check.yml", "pages.yml"}


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_a_workflow_has_triggers_and_jobs_of_well_formed_steps(path: Path) -> None:
    workflow = load(path)
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads the key `on` as true
    assert triggers and workflow["name"]
    for name, job in workflow["jobs"].items():
        assert job["runs-on"] == "ubuntu-latest", name
        assert job["steps"], name
        for step in job["steps"]:
            assert ("uses" in step) != ("run" in step), step
            if "uses" in step:
                assert PINNED_ACTION.match(step["uses"]), step["uses"]
            else:
                assert not UNTRUSTED_IN_SCRIPT.search(step["run"]), step["run"]
        needs = job.get("needs", [])
        assert set([needs] if isinstance(needs, str) else needs) <= set(workflow["jobs"])


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_every_katalog_command_a_workflow_runs_exists(path: Path) -> None:
    commands = katalog_commands()
    runs = [step["run"] for job in load(path)["jobs"].values() for step in job["steps"] if "run" in step]
    used = [words[words.index(word) + 1] for script in runs for line in script.splitlines()
            for words in [shlex.split(line, comments=True)] for word in words if word.endswith("bin/katalog")]
    assert used and set(used) <= commands, used


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_no_checkout_keeps_the_token(path: Path) -> None:
    checkouts = [step for job in load(path)["jobs"].values() for step in job["steps"]
                 if step.get("uses", "").startswith("actions/checkout@")]
    assert checkouts and all(step["with"]["persist-credentials"] is False for step in checkouts)


def test_pull_requests_are_checked_reviewed_and_tested() -> None:
    workflow = load(GITHUB / "workflows" / "check.yml")
    assert "pull_request" in workflow.get("on", workflow.get(True))
    scripts = "\n".join(step.get("run", "") for job in workflow["jobs"].values() for step in job["steps"])
    assert "katalog check" in scripts and "katalog review --changed" in scripts and "bash .ci/run" in scripts
    assert "$GITHUB_STEP_SUMMARY" in scripts
    report = next(step for step in workflow["jobs"]["check"]["steps"] if "katalog review" in step.get("run", ""))
    assert report["if"].startswith("always()"), "a failed check is exactly what the report must show"


def test_the_site_is_published_from_main_to_pages() -> None:
    workflow = load(GITHUB / "workflows" / "pages.yml")
    assert workflow.get("on", workflow.get(True))["push"]["branches"] == ["main"]
    steps = [step.get("uses", "").split("@")[0] for job in workflow["jobs"].values() for step in job["steps"]]
    assert {"actions/upload-pages-artifact", "actions/deploy-pages", "actions/configure-pages"} <= set(steps)
    assert workflow["permissions"] == {"contents": "read"}
    assert workflow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert "permissions" not in workflow["jobs"]["build"]


def test_the_issue_form_asks_for_what_a_case_needs() -> None:
    form = load(GITHUB / "ISSUE_TEMPLATE" / "nyt-eksempel.yml")
    assert form["name"] and form["description"]
    fields = [item for item in form["body"] if item["type"] != "markdown"]
    assert all(item["type"] in FORM_TYPES for item in form["body"])
    ids = [item["id"] for item in fields]
    assert len(ids) == len(set(ids)) and {"kommune", "kilder"} <= set(ids)
    assert all(item["attributes"]["label"] for item in fields)
    assert all(item.get("validations", {}).get("required") for item in fields if item["id"] in ("kommune", "kilder"))


def test_the_pull_request_template_carries_the_reviewers_checklist() -> None:
    text = (GITHUB / "pull_request_template.md").read_text(encoding="utf-8")
    boxes = re.findall(r"^- \[ \] .+$", text, re.MULTILINE)
    assert len(boxes) >= 10
    assert "katalog check" in text and "egne ord" in text and "kilden på den angivne side" in text


def test_contributing_lists_the_reports_checklist_word_for_word() -> None:
    """What a reviewer is told to check is the same in the guide as in the report that CI writes."""
    guide = " ".join((ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8").split())
    for item in CHECKLIST:
        assert f"- {item}" in guide, item
