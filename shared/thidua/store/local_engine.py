"""The embedded default: a DynamoDB-compatible engine the CLI starts and stops by itself.

dynalite (npm, LevelDB-backed) keeps the index under `$THIDUA_HOME/dynalite` across
commands and restarts. Without node or dynalite, moto's server is the fallback; it
keeps nothing after it stops, and we say so on stderr.

Several thidua commands may run at once (`thidua serve` in one terminal, `thidua
ingest` in another): the first starts the engine, the others attach to it, and the
last one to leave stops it. A file lock serialises that bookkeeping.

Usage::

    from thidua.store.local_engine import local_index

    with local_index() as index:        # starts or attaches, creates the table if missing
        index.get_document(doc_id)
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

from thidua.store.clients import dynamodb_client
from thidua.store.index import Index
from thidua.store.settings import DEFAULT_TABLE, StoreSettings
from thidua.store.template_schema import create_table_kwargs

if TYPE_CHECKING:
    from mypy_boto3_dynamodb import DynamoDBClient

EngineKind = Literal["dynalite", "moto"]
LOCAL_REGION = "us-east-1"
# Local engines accept any credentials; these keep boto3 from looking for real ones.
LOCAL_KEY = "thidua-local"


class EngineError(Exception):
    """The local engine could not be started or reached."""


def thidua_home() -> Path:
    """`$THIDUA_HOME`, else the user's data directory (XDG on Linux, the platform's own elsewhere)."""
    explicit = os.environ.get("THIDUA_HOME")
    if explicit:
        return Path(explicit).expanduser()
    if sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    elif os.name == "nt":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "thidua"


def find_dynalite() -> Path | None:
    """dynalite's cli.js: `$THIDUA_DYNALITE`, else node_modules/ above this package or the cwd."""
    explicit = os.environ.get("THIDUA_DYNALITE")
    if explicit:
        return Path(explicit) if Path(explicit).is_file() else None
    for parent in [*Path(__file__).resolve().parents, Path.cwd()]:
        candidate = parent / "node_modules" / "dynalite" / "cli.js"
        if candidate.is_file():
            return candidate
    return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def pid_alive(pid: int) -> bool:
    """Whether a process with this pid exists (ours or not)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _looks_like_engine(pid: int) -> bool:
    """Guard against a recycled pid before we signal it (Linux: check the command line)."""
    cmdline = Path(f"/proc/{pid}/cmdline")
    if not cmdline.exists():
        return pid_alive(pid)
    text = cmdline.read_bytes().replace(b"\0", b" ")
    return b"dynalite" in text or b"moto.server" in text


def _local_settings(endpoint_url: str, table_name: str) -> StoreSettings:
    return StoreSettings(
        table_name=table_name,
        region=LOCAL_REGION,
        endpoint_url=endpoint_url,
        access_key_id=LOCAL_KEY,
        secret_access_key=LOCAL_KEY,
    )


def ensure_table(client: DynamoDBClient, table_name: str, *, timeout: float = 30.0) -> bool:
    """Create the index table from template.yaml's definition if it is missing; True if created."""
    try:
        client.describe_table(TableName=table_name)
        return False
    except ClientError as exc:
        if exc.response.get("Error", {}).get("Code") != "ResourceNotFoundException":
            raise
    with contextlib.suppress(ClientError):  # another process may have just created it
        client.create_table(**create_table_kwargs(table_name))
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status = client.describe_table(TableName=table_name)["Table"].get("TableStatus")
        if status == "ACTIVE":
            return True
        time.sleep(0.05)
    raise EngineError(f"table {table_name} did not become ACTIVE within {timeout:.0f} s")


class LocalEngine:
    """Start (or attach to) the local engine under `home`; stop it when the last user leaves."""

    def __init__(
        self,
        home: Path | None = None,
        *,
        table_name: str = DEFAULT_TABLE,
        prefer: Literal["auto", "dynalite", "moto"] = "auto",
        startup_timeout: float = 30.0,
    ) -> None:
        self.home = (home or thidua_home()).expanduser()
        self.table_name = table_name
        self.prefer = prefer
        self.startup_timeout = startup_timeout
        self.kind: EngineKind | None = None
        self.endpoint_url: str | None = None
        self.persistent = False
        self._pid: int | None = None
        self._process: subprocess.Popen[bytes] | None = None
        self._started = False
        self._token = secrets.token_hex(4)

    # ---- public --------------------------------------------------------------------------------

    @property
    def pid(self) -> int | None:
        """Process id of the engine once started or attached (benchmarks read its CPU time)."""
        return self._pid

    @property
    def settings(self) -> StoreSettings:
        if self.endpoint_url is None:
            raise EngineError("the engine is not running: call start() first")
        return _local_settings(self.endpoint_url, self.table_name)

    def client(self) -> DynamoDBClient:
        return dynamodb_client(self.settings)

    def index(self) -> Index:
        return Index(self.client(), self.table_name, report_capacity=False)

    def start(self) -> LocalEngine:
        """Attach to a running engine of this home, or start one; then make sure the table exists."""
        self.home.mkdir(parents=True, exist_ok=True)
        with self._lock():
            state = self._read_state()
            if state and self._usable(state):
                self.kind = "moto" if state.get("kind") == "moto" else "dynalite"
                self.endpoint_url = str(state["endpoint_url"])
                self._pid, self.persistent = int(str(state["pid"])), bool(state.get("persistent"))
            else:
                self._spawn()
            self._register()
            self._started = True
        ensure_table(self.client(), self.table_name)
        return self

    def stop(self) -> None:
        """Leave the engine; the last user stops it (data stays in `home` with dynalite)."""
        if not self._started:
            return
        self._started = False
        with self._lock():
            self._unregister()
            if self._live_users():
                return
            self._terminate()
            with contextlib.suppress(FileNotFoundError):
                self._state_file.unlink()

    def __enter__(self) -> LocalEngine:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # ---- spawning ------------------------------------------------------------------------------

    def _spawn(self) -> None:
        node = shutil.which("node")
        dynalite = find_dynalite()
        if self.prefer != "moto" and node and dynalite:
            # No fallback when dynalite is installed but fails (e.g. its data directory is held by a
            # stray engine): moto would silently give an empty, non-persistent index instead.
            self._launch("dynalite", self._dynalite_cmd(node, dynalite))
            return
        if self.prefer == "dynalite":
            raise EngineError("dynalite needs node and node_modules/dynalite (run `npm install`)")
        if self.prefer == "auto":
            missing = "node" if not node else "node_modules/dynalite (run `npm install`)"
            print(f"thidua: {missing} not found; using moto server as the local engine", file=sys.stderr)
        print(
            "thidua: moto server has no persistence: the local index lasts only while this engine runs",
            file=sys.stderr,
        )
        self._launch("moto", self._moto_cmd())

    def _dynalite_cmd(self, node: str, cli_js: Path) -> list[str]:
        data = self.home / "dynalite"
        data.mkdir(parents=True, exist_ok=True)
        return [
            node,
            str(cli_js),
            "--host",
            "127.0.0.1",
            "--path",
            str(data),
            "--createTableMs",
            "0",
            "--deleteTableMs",
            "0",
            "--updateTableMs",
            "0",
        ]

    def _moto_cmd(self) -> list[str]:
        return [sys.executable, "-m", "moto.server", "--host", "127.0.0.1"]

    def _launch(self, kind: EngineKind, base_cmd: list[str], attempts: int = 3) -> None:
        last_error = ""
        for _ in range(attempts):
            port = _free_port()
            cmd = [*base_cmd, "--port", str(port)]
            log = open(self.home / "engine.log", "ab")  # noqa: SIM115 - owned by the child
            try:
                # A new session keeps Ctrl-C in the terminal from killing an engine others may share.
                process = subprocess.Popen(
                    cmd,
                    stdin=subprocess.DEVNULL,
                    stdout=log,
                    stderr=log,
                    start_new_session=True,
                    env={**os.environ, "AWS_ACCESS_KEY_ID": LOCAL_KEY, "AWS_SECRET_ACCESS_KEY": LOCAL_KEY},
                )
            finally:
                log.close()
            endpoint = f"http://127.0.0.1:{port}"
            if self._wait_ready(endpoint, process):
                self._process, self._pid = process, process.pid
                self.kind, self.endpoint_url, self.persistent = kind, endpoint, kind == "dynalite"
                self._write_state()
                return
            last_error = f"exit code {process.poll()}" if process.poll() is not None else "no answer"
            _terminate_process(process)
        hint = ""
        if kind == "dynalite" and "NOT_OPEN" in _tail(self.home / "engine.log"):
            hint = f"; is {self.home / 'dynalite'} in use by another engine process?"
        raise EngineError(f"{kind} did not start ({last_error}){hint}; see {self.home / 'engine.log'}")

    def _wait_ready(self, endpoint: str, process: subprocess.Popen[bytes]) -> bool:
        quick = _quick_client(endpoint)
        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            if process.poll() is not None:
                return False
            try:
                quick.list_tables(Limit=1)
                return True
            except (BotoCoreError, ClientError):
                time.sleep(0.1)
        return False

    def _usable(self, state: dict[str, object]) -> bool:
        pid = int(str(state.get("pid", 0)))
        endpoint = str(state.get("endpoint_url", ""))
        if not pid or not pid_alive(pid) or not _looks_like_engine(pid):
            return False
        try:
            _quick_client(endpoint).list_tables(Limit=1)
        except (BotoCoreError, ClientError):
            return False
        return True

    def _terminate(self) -> None:
        if self._process is not None:
            _terminate_process(self._process)
        elif self._pid and pid_alive(self._pid) and _looks_like_engine(self._pid):
            # Started by another thidua command that has since left: stop it by its recorded pid.
            with contextlib.suppress(ProcessLookupError):
                os.kill(self._pid, signal.SIGTERM)
            deadline = time.monotonic() + 10
            while pid_alive(self._pid) and time.monotonic() < deadline:
                time.sleep(0.05)
        self._process = None

    # ---- shared state --------------------------------------------------------------------------

    @property
    def _state_file(self) -> Path:
        return self.home / "engine.json"

    @property
    def _users_dir(self) -> Path:
        return self.home / "engine-users"

    @property
    def _user_file(self) -> Path:
        return self._users_dir / f"{os.getpid()}.{self._token}"

    @contextlib.contextmanager
    def _lock(self) -> Iterator[None]:
        with open(self.home / "engine.lock", "a+") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    def _read_state(self) -> dict[str, object] | None:
        try:
            data = json.loads(self._state_file.read_text(encoding="utf-8"))
        except (FileNotFoundError, json.JSONDecodeError):
            return None
        return data if isinstance(data, dict) else None

    def _write_state(self) -> None:
        state = {
            "kind": self.kind,
            "endpoint_url": self.endpoint_url,
            "pid": self._pid,
            "persistent": self.persistent,
        }
        self._state_file.write_text(json.dumps(state), encoding="utf-8")

    # One file per user ("{pid}.{token}"), so two engines opened by one process count twice and a
    # user that died without stopping (kill -9) is recognised by its pid and dropped.
    def _register(self) -> None:
        self._users_dir.mkdir(exist_ok=True)
        self._user_file.touch()

    def _unregister(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            self._user_file.unlink()

    def _live_users(self) -> list[str]:
        live = []
        for entry in self._users_dir.glob("*") if self._users_dir.is_dir() else []:
            pid_text = entry.name.split(".", 1)[0]
            if pid_text.isdigit() and pid_alive(int(pid_text)):
                live.append(entry.name)
            else:
                entry.unlink(missing_ok=True)
        return live


def _tail(path: Path, size: int = 4000) -> str:
    try:
        with open(path, "rb") as fh:
            fh.seek(max(0, path.stat().st_size - size))
            return fh.read().decode("utf-8", "replace")
    except OSError:
        return ""


def _quick_client(endpoint: str) -> DynamoDBClient:
    """A client that gives up fast, for probing whether an engine answers."""
    import boto3

    config = Config(connect_timeout=0.5, read_timeout=2, retries={"max_attempts": 1})
    return boto3.client(
        "dynamodb",
        region_name=LOCAL_REGION,
        endpoint_url=endpoint,
        config=config,
        aws_access_key_id=LOCAL_KEY,
        aws_secret_access_key=LOCAL_KEY,
    )


def _terminate_process(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=5)


@contextlib.contextmanager
def local_index(home: Path | None = None, *, table_name: str | None = None) -> Iterator[Index]:
    """The local index, ready to use; the engine stops when the block ends (if we were its last user).

    `THIDUA_ENDPOINT_URL` points at an engine of your own instead (e.g. DynamoDB Local);
    the table is still created from template.yaml if missing.
    """
    env = StoreSettings.from_env()
    name = table_name or env.table_name
    if env.endpoint_url:
        settings = env.model_copy(update={"table_name": name})
        if not os.environ.get("AWS_ACCESS_KEY_ID"):
            settings = settings.model_copy(
                update={"access_key_id": LOCAL_KEY, "secret_access_key": LOCAL_KEY}
            )
        client = dynamodb_client(settings)
        ensure_table(client, name)
        yield Index(client, name, report_capacity=False)
        return
    with LocalEngine(home, table_name=name) as engine:
        yield engine.index()
