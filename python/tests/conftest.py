"""Fixtures: a real `editjudge serve --judge checks` from this repository, and a scripted fake server."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable, Dict, Iterator, List

import pytest

from editjudge_client.images import png

REPO = Path(__file__).resolve().parents[2]
CLI = REPO / "bin" / "editjudge.js"


@pytest.fixture(scope="session")
def server_url() -> Iterator[str]:
    """A real reward server with the embedded `checks` judge, on a free loopback port (needs node and the built
    repository: `npm install` builds dist/). Skipped, with the reason, when either is missing."""
    node = shutil.which("node")
    if node is None or not CLI.exists() or not (REPO / "dist" / "cli").exists():
        pytest.skip(f"no node on PATH or no built EditJudge at {REPO} (run `npm install` there): "
                    "the tests against a real server are skipped")
    process = subprocess.Popen([node, str(CLI), "serve", "--judge", "checks", "--port", "0"], cwd=REPO,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    assert process.stderr is not None
    url = None
    lines = []
    for line in process.stderr:  # the server names its address once it listens
        lines.append(line)
        found = re.search(r"listening on (http://\S+)", line)
        if found:
            url = found.group(1)
            break
    if url is None:
        process.kill()
        raise RuntimeError("editjudge serve did not start: " + "".join(lines))
    threading.Thread(target=lambda: [None for _ in process.stderr], daemon=True).start()  # type: ignore[union-attr]
    try:
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: Dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    drop: bool = False  # close the connection without an answer


def json_reply(status: int, value: object, **headers: str) -> Reply:
    return Reply(status, json.dumps(value).encode(), {"Content-Type": "application/json", **headers})


def error_reply(status: int, code: str, message: str, **headers: str) -> Reply:
    return json_reply(status, {"error": {"code": code, "message": message}}, **headers)


def echo_rewards(body: dict) -> Reply:
    """A stand-in /v1/rewards answer: reward 0.5 for every candidate, groups echoed by id."""
    groups = [{"id": g["id"], "mean": 0.5, "std": 0.0, "scored": len(g["candidates"]), "keep": False,
               "candidates": [{"reward": 0.5, "advantage": 0.0, "dimensions": {}} for _ in g["candidates"]]}
              for g in body["groups"]]
    return json_reply(200, {"groups": groups})


@dataclass
class Request:
    path: str
    headers: Dict[str, str]
    body: dict
    at: float


class FakeServer:
    """A loopback HTTP server answering request n with answer(n, request)."""

    def __init__(self, answer: Callable[[int, Request], Reply]):
        self.answer = answer
        self.requests: List[Request] = []
        lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                raw = self.rfile.read(length)
                request = Request(self.path, dict(self.headers), json.loads(raw or b"{}"), time.monotonic())
                with lock:
                    n = len(fake.requests)
                    fake.requests.append(request)
                reply = fake.answer(n, request)
                if reply.delay:
                    time.sleep(reply.delay)
                if reply.drop:
                    self.close_connection = True
                    return
                self.send_response(reply.status)
                for key, value in reply.headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                try:
                    self.wfile.write(reply.body)
                except (BrokenPipeError, ConnectionResetError):  # the client gave up waiting, as a test asks
                    pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def fake_server() -> Iterator[Callable[[Callable[[int, Request], Reply]], FakeServer]]:
    servers: List[FakeServer] = []

    def start(answer: Callable[[int, Request], Reply]) -> FakeServer:
        server = FakeServer(answer)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.close()


def gradient(shift: int = 0, size: int = 64) -> bytes:
    """A size×size RGB PNG with a diagonal gradient and some texture, every value shifted by `shift`."""
    pixels = bytearray()
    for y in range(size):
        for x in range(size):
            base = 60 + (x + y) * 70 // size + ((x * 7 + y * 13) % 9)
            for c, offset in enumerate((0, 20, 40)):
                pixels.append(max(0, min(255, base + offset - c * 5 + shift)))
    return png(bytes(pixels), size, size, 3)


@pytest.fixture(scope="session")
def photos() -> Dict[str, bytes]:
    """A source and three edits of it: brighter, darker, and an unchanged copy."""
    return {"source": gradient(), "bright": gradient(30), "dark": gradient(-30), "same": gradient()}


def free_port_url() -> str:
    """An address nothing listens on (a port that was free a moment ago)."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}"


