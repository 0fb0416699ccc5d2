"""The dashboard in headless Chromium: load, search, typeahead, click through to a unit, screenshot.

The page is served by the same request handler `thidua serve` uses (HTTP → API Gateway v2
event → resolver), over a moto table from template.yaml. Chromium is driven through the
DevTools protocol; any console error or uncaught exception fails the test.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any

import boto3
import pytest
from moto import mock_aws

from thidua.api.deps import Deps
from thidua.cli.serve import make_handler
from thidua.query.dynamo import DynamoReader
from thidua.store import Index, SourceInfo, SourceRef
from thidua.store import template_schema as ts
from thidua.understand.entities import bloc_id, unit_id, unit_key
from thidua.understand.record import AwardOut, BlocOut, DocumentRecord, EvidenceOut, UnitOut

websocket = pytest.importorskip("websocket")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="chromium is not installed (scripts/install-system-deps.sh)"
)
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--window-size=1400,1000",
]
SHOTS = Path(__file__).resolve().parents[2] / ".pytest_cache" / "screenshots"


def _record(day: dt.date, units: list[str], bloc: str, events: list[str], award: int) -> DocumentRecord:
    def ev(name: str) -> EvidenceOut:
        sentence = f"Đại diện {name} báo cáo kết quả thi đua năm {day.year}."
        return EvidenceOut(sentence=sentence, start=sentence.find(name), end=sentence.find(name) + len(name))

    return DocumentRecord(
        published=day,
        event_date=day,
        campaign_years=[day.year],
        event_types=events,
        units=[UnitOut(name=u, id=unit_id(u), key=unit_key(u), evidence=ev(u)) for u in units],
        blocs=[BlocOut(name=bloc, id=bloc_id(bloc), members=units, head=units[0], evidence=ev(bloc))],
        awards=[AwardOut(award="giay_khen", count=award, recipient="tap_the", status="granted")],
        locality="Lâm Đồng",
        title=f"{bloc} họp ngày {day.isoformat()}",
    )


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    patch = pytest.MonkeyPatch()
    patch.setenv("AWS_ACCESS_KEY_ID", "testing")
    patch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    with mock_aws():
        client = boto3.client("dynamodb", region_name="eu-west-1")
        client.create_table(**ts.create_table_kwargs("thidua-browser"))
        index = Index(client, "thidua-browser", sleep=lambda _s: None)
        docs = [
            _record(
                dt.date(2023, 1, 10), ["Sở Nội vụ", "Sở Tư pháp"], "Khối thi đua III", ["ky_ket_giao_uoc"], 3
            ),
            _record(dt.date(2023, 7, 5), ["Sở Nội vụ", "Sở Y tế"], "Khối thi đua III", ["so_ket"], 5),
            _record(dt.date(2023, 12, 28), ["Sở Tư pháp", "Sở Nội vụ"], "Khối thi đua III", ["tong_ket"], 8),
            _record(dt.date(2022, 12, 20), ["Sở Nội vụ", "Sở Y tế"], "Khối thi đua III", ["tong_ket"], 2),
        ]
        for n, rec in enumerate(docs):
            source = SourceInfo(
                SourceRef.s3("uploads", f"bai-{n}.txt"), size=10, content_hash=f"{n + 1:064x}", format="txt"
            )
            index.replace_document(source, rec, extractor_version="test")
        deps = Deps(reader=DynamoReader.from_index(index), cursor_key=b"browser-test")
        httpd = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(deps, threading.Lock()))
        thread = threading.Thread(target=httpd.serve_forever, daemon=True)
        thread.start()
        yield f"http://127.0.0.1:{httpd.server_port}"
        httpd.shutdown()
        httpd.server_close()
    patch.undo()


class Browser:
    """A headless Chromium page driven over the DevTools protocol; console errors are collected."""

    def __init__(self) -> None:
        self.profile = tempfile.TemporaryDirectory(prefix="thidua-chromium-")
        self.proc = subprocess.Popen(
            [
                str(CHROMIUM),
                *FLAGS,
                "--remote-debugging-port=0",
                f"--user-data-dir={self.profile.name}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        port = self._devtools_port()
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10) as resp:
            targets = json.load(resp)
        page = next(t for t in targets if t.get("type") == "page")
        self.ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=20)
        self.next_id = 0
        self.errors: list[str] = []
        for method in ("Runtime.enable", "Log.enable", "Page.enable"):
            self.send(method)

    def _devtools_port(self) -> int:
        assert self.proc.stderr is not None
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            line = self.proc.stderr.readline()
            if "DevTools listening on ws://" in line:
                return int(line.split("ws://", 1)[1].split("/", 1)[0].rsplit(":", 1)[1])
        raise RuntimeError("chromium did not open its DevTools port")

    def _note(self, message: dict[str, Any]) -> None:
        method, params = message.get("method"), message.get("params", {})
        if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            self.errors.append(
                " ".join(str(a.get("value", a.get("description", ""))) for a in params["args"])
            )
        elif method == "Runtime.exceptionThrown":
            self.errors.append(params["exceptionDetails"].get("text", "exception"))
        elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
            self.errors.append(params["entry"].get("text", "log error"))

    def send(self, method: str, **params: Any) -> dict[str, Any]:
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                result: dict[str, Any] = message.get("result", {})
                return result
            self._note(message)

    def js(self, expression: str) -> Any:
        result = self.send("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait_for(self, expression: str, timeout: float = 15.0) -> Any:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = self.js(expression)
            if value:
                return value
            time.sleep(0.1)
        raise AssertionError(f"timed out waiting for: {expression}")

    def screenshot(self, name: str) -> Path:
        import base64

        data = base64.b64decode(self.send("Page.captureScreenshot", format="png")["data"])
        SHOTS.mkdir(parents=True, exist_ok=True)
        path = SHOTS / name
        path.write_bytes(data)
        return path

    def close(self) -> None:
        self.ws.close()
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=5)
        if self.proc.stderr is not None:
            self.proc.stderr.close()
        self.profile.cleanup()


@pytest.fixture
def browser() -> Iterator[Browser]:
    b = Browser()
    try:
        yield b
    finally:
        b.close()


def test_load_search_click_through_to_unit(server: str, browser: Browser) -> None:
    browser.send("Page.navigate", url=f"{server}/")
    browser.wait_for("document.readyState === 'complete' && document.body.dataset.ready === '1'")
    assert browser.js("document.querySelectorAll('#results .hit').length") == 4  # newest documents first
    assert browser.js("document.documentElement.lang") == "vi"
    assert "2023" in browser.js(
        "[...document.querySelectorAll('#f-year option')].map(o => o.value).join(',')"
    )

    # Typeahead: accent-free typing suggests the canonical unit.
    browser.js("""(() => { const i = document.getElementById('f-unit'); i.focus(); i.value = 'so noi';
                  i.dispatchEvent(new Event('input', {bubbles: true})); })()""")
    browser.wait_for("document.querySelectorAll('#f-unit + .suggest li').length > 0")
    assert "Sở Nội vụ" in browser.js("document.querySelector('#f-unit + .suggest').textContent")

    # Search by unit and year: results with evidence; the filters go into the URL.
    browser.js("""(() => { const i = document.getElementById('f-unit'); i.value = 'so noi vu';
                  delete i.dataset.id; document.getElementById('f-year').value = '2023';
                  document.getElementById('search-btn').click(); })()""")
    browser.wait_for("location.search.includes('year=2023')")
    browser.wait_for("document.querySelectorAll('#results .hit').length === 3")
    assert "unit=so+noi+vu" in browser.js("location.search")
    evidence = browser.js("document.querySelector('#results .hit .evidence mark').textContent")
    assert evidence == "Sở Nội vụ"
    browser.wait_for("document.querySelector('#chart-awards svg rect') !== null")
    browser.wait_for("document.querySelector('#chart-activity svg rect') !== null")
    browser.screenshot("search.png")

    # Click through to the unit page.
    browser.js("document.querySelector('#resolved a.entity-link').click()")
    browser.wait_for("!document.getElementById('entity-view').hidden")
    browser.wait_for("document.getElementById('entity-title').textContent.includes('Sở Nội vụ')")
    assert "view=unit" in browser.js("location.search")
    rows = browser.js(
        "document.querySelectorAll('#entity-body table')[0].querySelectorAll('tbody tr').length"
    )
    assert rows == 2  # Khối thi đua III in 2022 and 2023
    assert browser.js("[...document.querySelectorAll('.suggest')].every(l => l.hidden)")
    shot = browser.screenshot("unit.png")
    assert shot.stat().st_size > 10_000

    # The bloc page draws the membership chart.
    browser.js("document.querySelector('#entity-body a.entity-link').click()")
    browser.wait_for("document.getElementById('entity-title').textContent.includes('Khối thi đua III')")
    browser.wait_for("document.querySelector('#entity-members svg rect') !== null")
    browser.screenshot("bloc.png")

    assert browser.errors == []
