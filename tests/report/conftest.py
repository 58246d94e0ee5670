"""Fixtures for the report tests: registers the sample rules for the session."""

from __future__ import annotations

import pytest
from report_samples import TEST_RULES, make_code_report, make_data_report

from assistants_migrate.findings import CATALOGUE, register
from assistants_migrate.report.model import Report


@pytest.fixture(autouse=True, scope="session")
def _sample_rules():
    register(*TEST_RULES)
    yield
    for rule in TEST_RULES:
        CATALOGUE.pop(rule.id, None)


@pytest.fixture
def code_report() -> Report:
    return make_code_report()


@pytest.fixture
def data_report() -> Report:
    return make_data_report()
