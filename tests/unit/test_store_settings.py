"""Settings are read from the environment when asked, not at import."""

from __future__ import annotations

import pytest

from thidua.store.settings import DEFAULT_TABLE, StoreSettings


def test_defaults_without_environment() -> None:
    settings = StoreSettings.from_env({})
    assert settings.table_name == DEFAULT_TABLE
    assert settings.endpoint_url is None


def test_reads_environment_at_call_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("THIDUA_TABLE", "thidua-prod-IndexTable")
    monkeypatch.setenv("AWS_REGION", "eu-west-1")
    monkeypatch.setenv("THIDUA_ENDPOINT_URL", "http://127.0.0.1:4567")
    settings = StoreSettings.from_env()
    assert (settings.table_name, settings.region, settings.endpoint_url) == (
        "thidua-prod-IndexTable",
        "eu-west-1",
        "http://127.0.0.1:4567",
    )
    # Frozen and hashable: handlers cache their clients per settings.
    assert hash(settings) == hash(StoreSettings.from_env())
