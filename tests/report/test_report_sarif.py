"""SARIF 2.1.0 output: schema-valid, relative URIs, stable rule ids and fingerprints, rule help."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest
from report_samples import finding, make_code_report, make_data_report

from assistants_migrate.findings import Finding, Severity
from assistants_migrate.report import render
from assistants_migrate.report.model import Report

# A verbatim copy of the OASIS schema (licence: sarif/LICENSE.md), so the test needs nothing outside the repo.
SCHEMA_PATH = Path(__file__).with_name("sarif") / "sarif-schema-2.1.0.json"


@pytest.fixture(scope="module")
def validator():
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator.check_schema(schema)
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())


def _errors(validator, data):
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]


def _unknown_rule_finding():
    return Finding("AM979", Severity.WARNING, "x y/ü.py", 3, 0, 3, 0, "Something new", False)


@pytest.mark.parametrize(
    "report",
    [
        make_code_report(),
        make_code_report(root="/srv/app", timestamp="2026-09-01T00:00:00Z"),
        make_data_report(),
        Report("code", "empty", []),
        Report("code", "unknown rule", [_unknown_rule_finding()]),
    ],
    ids=["code", "absolute-root", "data", "empty", "unknown-rule"],
)
def test_sarif_validates_against_the_schema(validator, report):
    data = json.loads(render(report, "sarif"))
    assert _errors(validator, data) == []


def test_the_validator_catches_broken_sarif(validator):
    data = json.loads(render(make_code_report(), "sarif"))
    data["runs"][0]["results"][0]["level"] = "fatal"
    data["runs"][0]["results"][1]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    assert len(_errors(validator, data)) >= 2


def test_sarif_shape_for_github():
    sarif = json.loads(render(make_code_report(sarif_notes=True), "sarif"))
    assert sarif["version"] == "2.1.0" and sarif["$schema"].endswith("sarif-2.1.0.json")
    (run,) = sarif["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "assistants-migrate" and driver["version"]
    rules = driver["rules"]
    assert [r["id"] for r in rules] == ["AM990", "AM991", "AM992", "AM993"]
    for r in rules:
        assert r["shortDescription"]["text"] and len(r["shortDescription"]["text"]) <= 1024
        assert r["fullDescription"]["text"] and len(r["fullDescription"]["text"]) <= 1024
        assert r["help"]["text"] and r["help"]["markdown"]
        assert r["helpUri"].startswith("https://developers.openai.com/api/docs/assistants/migration")
        assert r["defaultConfiguration"]["level"] in ("error", "warning", "note")
        props = r["properties"]
        assert props["precision"] in ("very-high", "high", "medium", "low")
        assert props["problem.severity"] in ("error", "warning", "recommendation")
        assert 0 < len(props["tags"]) <= 20
    am991 = rules[1]
    assert am991["defaultConfiguration"]["level"] == "error" and am991["properties"]["problem.severity"] == "error"
    assert "**What to do:** Rewrite the loop around `responses.create`." in am991["help"]["markdown"]
    assert rules[0]["properties"]["problem.severity"] == "recommendation"

    results = run["results"]
    assert len(results) == 8
    for res in results:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
        assert res["message"]["text"]
        loc = res["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        uri = loc["artifactLocation"]["uri"]
        assert not uri.startswith(("/", "file:")) and "://" not in uri
        assert res["partialFingerprints"]["primaryLocationLineHash"]
    first = results[0]
    assert first["ruleId"] == "AM990" and first["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 12, "startColumn": 14, "endLine": 12, "endColumn": 45,
    }
    whole_file = next(r for r in results if r["message"]["text"].startswith("Assistant ids are loaded"))
    assert "region" not in whole_file["locations"][0]["physicalLocation"]
    ctx = results[1]["locations"][0]["physicalLocation"]["contextRegion"]
    assert ctx["startLine"] == 30 and ctx["endLine"] == 34 and "requires_action" in ctx["snippet"]["text"]
    assert "uri" not in run["originalUriBaseIds"]["%SRCROOT%"]  # relative root: GitHub resolves it


def test_sarif_uris_are_percent_encoded():
    sarif = json.loads(render(Report("code", "t", [_unknown_rule_finding()]), "sarif"))
    assert sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "x%20y/%C3%BC.py"


def test_fingerprints_are_stable_when_lines_move():
    base = make_code_report(sarif_notes=True)
    moved = Report(**{**base.__dict__, "findings": [
        replace(f, line=f.line + 7 if f.line else 0, end_line=f.end_line + 7 if f.line else 0) for f in base.findings
    ]})
    fp = lambda r: [x["partialFingerprints"]["primaryLocationLineHash"] for x in json.loads(render(r, "sarif"))["runs"][0]["results"]]
    assert fp(base) == fp(moved) == fp(make_code_report(sarif_notes=True))
    assert len(set(fp(base))) == len(fp(base))
    # indentation changes do not matter either, a different snippet does
    f = finding("AM990", "a.py", 3, 1, snippet="thread = client.beta.threads.create()\n")
    g = replace(f, snippet="    thread  =  client.beta.threads.create()\n".replace("  =  ", " = "))
    h = replace(f, snippet="other = client.beta.threads.create()\n")
    one = lambda x: fp(Report("code", "t", [x], sarif_notes=True))[0]
    assert one(f) == one(g) != one(h)


def test_identical_sites_get_distinct_fingerprints():
    f = finding("AM990", "a.py", 3, 1, snippet="t = client.beta.threads.create()\n")
    g = replace(f, line=9, end_line=9)
    res = json.loads(render(Report("code", "t", [f, g], sarif_notes=True), "sarif"))["runs"][0]["results"]
    a, b = (r["partialFingerprints"]["primaryLocationLineHash"] for r in res)
    assert a.split(":")[0] == b.split(":")[0] and a.endswith(":1") and b.endswith(":2")


def test_sarif_data_report_uses_logical_locations(data_report):
    run = json.loads(render(data_report, "sarif"))["runs"][0]
    loc = run["results"][0]["locations"][0]
    assert "physicalLocation" not in loc
    assert loc["logicalLocations"][0]["name"] == "thread_abc123"
