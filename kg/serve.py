"""``kg serve``: the Oxigraph SPARQL server on a store, with its query page in the browser.

The server is the ``oxigraph`` command that the ``oxigraph`` package installs, run as a child
process with ``--union-default-graph`` (plain queries see every document's named graph, as
``kg query`` does). Read-only by default (``oxigraph serve-read-only``); writable on request
(``oxigraph serve``: the SPARQL Update and Graph Store endpoints are then open to anyone who can
reach the port).

Locks (measured with oxigraph 0.5): a read-only server opens beside a ``kg build`` that holds the
store, and answers from the state the store had when the server started: documents stored later
show after a restart. A writable server needs the store to itself: beside a running build it
fails with the lock error, and a build beside it waits and then fails with
:class:`~kg.store.StoreInUseError`; build through the server instead
(``kg build … --store http://HOST:PORT/query``).
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import shutil
import signal
import socket
import subprocess
import sys
import sysconfig
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import IO

from kg.store import StoreError, StoreInUseError

__all__ = ["Server", "oxigraph_command", "serve", "start"]

_READY_TIMEOUT = 30.0


def oxigraph_command() -> str:
    """The path of the ``oxigraph`` server command (installed with the ``oxigraph`` package)."""
    beside = Path(sysconfig.get_path("scripts")) / "oxigraph"
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    found = shutil.which("oxigraph")
    if found is None:
        raise StoreError("the `oxigraph` server command is not installed: pip install oxigraph")
    return found


@dataclass
class Server:
    """A running Oxigraph server."""

    process: subprocess.Popen[bytes]
    url: str
    writable: bool
    store: Path
    log: IO[bytes]
    """the server's standard error (a temporary file)"""

    @property
    def query_url(self) -> str:
        return self.url + "query"

    @property
    def update_url(self) -> str:
        return self.url + "update"

    @property
    def graph_store_url(self) -> str:
        """The SPARQL 1.1 Graph Store Protocol URL (whole graphs by ``?graph=IRI``)."""
        return self.url + "store"

    def stop(self, sig: int = signal.SIGINT, timeout: float = 10.0) -> int:
        """Stop the server (``sig`` first, then SIGKILL after ``timeout`` s); its exit code."""
        if self.process.poll() is None:
            self.process.send_signal(sig)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()
        return self.process.returncode


def _url(host: str, port: int) -> str:
    shown = "127.0.0.1" if host in {"", "0.0.0.0"} else host
    if ":" in shown and not shown.startswith("["):
        shown = f"[{shown}]"
    return f"http://{shown}:{port}/"


def start(store: str | os.PathLike[str], *, host: str = "127.0.0.1", port: int = 7878,
          writable: bool = False) -> Server:
    """Start the server on ``store`` and wait until it answers; :class:`~kg.store.StoreError`
    (with the server's own message) when it cannot start."""
    path = Path(store)
    if not writable and not path.is_dir():
        raise StoreError(f"{path}: no store here (build one with `kg build … --store {path}`)")
    if path.exists() and not path.is_dir():
        raise StoreError(f"{path}: is a file, not a store directory")
    _check_port(host, port)
    bind_host = f"[{host}]" if ":" in host and not host.startswith("[") else host
    args = [oxigraph_command(), "serve" if writable else "serve-read-only", "--location", str(path),
            "--bind", f"{bind_host}:{port}", "--union-default-graph"]
    log = tempfile.TemporaryFile()  # noqa: SIM115 - closed when the server stops
    process = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=log,
                               preexec_fn=_die_with_parent if sys.platform == "linux" else None)
    server = Server(process=process, url=_url(host, port), writable=writable, store=path, log=log)
    deadline = time.monotonic() + _READY_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise _start_error(server)
        if _answers(server.url):
            return server
        time.sleep(0.1)
    server.stop()
    raise StoreError(f"the Oxigraph server on {path} did not answer at {server.url} within {_READY_TIMEOUT:.0f} s")


def _die_with_parent() -> None:
    """In the server process, on Linux: stop when the process that started it dies, even when
    that one is killed outright, so that no server is left holding the store's lock."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def _check_port(host: str, port: int) -> None:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((host.strip("[]"), port))
        except OSError as exc:
            raise StoreError(f"cannot listen at {_url(host, port)}: the port is taken or the address is not "
                             f"this machine's; choose another with --port or --host ({exc.strerror})") from None


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=1) as response:
            return bool(response.status < 500)
    except urllib.error.HTTPError as exc:
        exc.close()
        return exc.code < 500
    except OSError:
        return False


def _start_error(server: Server) -> StoreError:
    server.log.seek(0)
    stderr = server.log.read().decode("utf-8", "replace")
    server.log.close()
    message = stderr.split("\n\n", 1)[0].strip() or f"exit code {server.process.returncode}"
    if "lock" in message.lower():
        return StoreInUseError(
            f"{server.store}: the store is in use by another process (a running `kg build`?), and a writable "
            f"server needs it to itself. Serve it read-only (without --writable), or stop the other process. "
            f"({message})"
        )
    if "address" in message.lower() and "in use" in message.lower():
        return StoreError(f"cannot listen at {server.url}: the port is taken; choose another with --port ({message})")
    return StoreError(f"the Oxigraph server on {server.store} stopped: {message}")


def serve(store: str | os.PathLike[str], *, host: str = "127.0.0.1", port: int = 7878, writable: bool = False,
          echo: Callable[[str], None] = print) -> int:
    """Run the server until Ctrl-C (SIGINT) or SIGTERM, which are passed on to it; 0 when it was
    stopped that way, else the server's own exit code."""
    stopped_at: list[float] = []
    running: list[Server] = []

    def forward(signum: int, _frame: FrameType | None) -> None:
        stopped_at.append(time.monotonic())
        if running and running[0].process.poll() is None:
            running[0].process.send_signal(signum)

    # handlers first: a Ctrl-C at any moment from here on stops the server, never orphans it
    previous = {sig: signal.signal(sig, forward) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        server = start(store, host=host, port=port, writable=writable)
    except BaseException:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        raise
    running.append(server)
    if stopped_at:  # asked to stop while it was starting
        server.process.send_signal(signal.SIGINT)
    mode = "read-write" if writable else "read-only"
    echo(f"Serving {server.store} ({mode}) at {server.url}")
    echo(f"  query page in the browser: {server.url}")
    echo(f"  SPARQL endpoint:           {server.query_url}")
    echo(f"  Graph Store Protocol:      {server.graph_store_url}")
    if writable:
        echo(f"  SPARQL Update:             {server.update_url}")
    echo("Press Ctrl-C to stop.")
    try:
        while True:
            try:
                code = server.process.wait(timeout=0.5)
                break
            except subprocess.TimeoutExpired:
                if stopped_at and time.monotonic() - stopped_at[0] > 10:
                    server.process.kill()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    if stopped_at:
        server.log.close()
        echo("Server stopped.")
        return 0
    if code:
        raise _start_error(server)  # it stopped by itself: say why
    server.log.close()
    return code

