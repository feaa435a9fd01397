# -*- coding: utf-8 -*-
# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A scripted HTTP transport for the client tests.

urllib3 opens its sockets through urllib3.util.connection.create_connection; replacing that with
in-process socket pairs keeps requests, urllib3's Retry loop and its sleeps fully real, with no network.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import collections
import json
import socket
import threading
from urllib.parse import parse_qsl, urlsplit

import pytest

SeenRequest = collections.namedtuple("SeenRequest", "method path query headers body")


class ScriptedTransport:
    def __init__(self):
        self.script = collections.deque()
        self.requests = []
        self.connection_attempts = 0
        self._server_sockets = []

    def answer(self, status, body=None, headers=None, raw=None):
        """Queue one answer; body is sent as JSON unless raw bytes are given."""
        self.script.append(("answer", status, body, headers or {}, raw))
        return self

    def drop(self):
        """Queue closing the connection after reading the request, without answering."""
        self.script.append(("drop",))
        return self

    def refuse(self):
        """Queue refusing the next new connection."""
        self.script.append(("refuse",))
        return self

    def plain_text_to_tls(self):
        """Queue a new connection that answers a TLS handshake with plain HTTP, as a misconfigured port does."""
        self.script.append(("plain_text_to_tls",))
        return self

    def create_connection(self, address, timeout=None, source_address=None, socket_options=None):
        self.connection_attempts += 1
        if self.script and self.script[0][0] == "refuse":
            self.script.popleft()
            raise ConnectionRefusedError(111, "Connection refused")
        client_side, server_side = socket.socketpair()
        if self.script and self.script[0][0] == "plain_text_to_tls":
            self.script.popleft()
            server_side.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
            self._server_sockets.append(server_side)  # kept open: closing would turn this into a broken pipe
            return client_side
        if isinstance(timeout, (int, float)):
            client_side.settimeout(timeout)
        self._server_sockets.append(server_side)
        threading.Thread(target=self._serve, args=(server_side,), daemon=True).start()
        return client_side

    def _serve(self, sock):
        reader = sock.makefile("rb")
        try:
            while self._serve_one(sock, reader):
                pass
        except OSError:
            pass
        finally:
            reader.close()
            sock.close()

    def _serve_one(self, sock, reader):
        request_line = reader.readline()
        if not request_line.strip():
            return False
        method, target, dummy = request_line.decode("latin-1").split(" ", 2)
        headers = {}
        for line in iter(reader.readline, b"\r\n"):
            if not line:
                return False
            name, dummy, value = line.decode("latin-1").partition(":")
            headers[name.strip().lower()] = value.strip()
        body = reader.read(int(headers.get("content-length", "0")))
        parts = urlsplit(target)
        self.requests.append(SeenRequest(method, parts.path, parse_qsl(parts.query, keep_blank_values=True),
                                         headers, json.loads(body) if body else None))
        action = self.script.popleft() if self.script else ("answer", 599, {"message": "script exhausted"}, {}, None)
        if action[0] == "drop":
            sock.shutdown(socket.SHUT_RDWR)
            return False
        dummy, status, payload, extra_headers, raw = action
        content = raw if raw is not None else json.dumps(payload).encode()
        head = ["HTTP/1.1 %d Scripted" % status, "Content-Length: %d" % len(content)]
        if raw is None:
            head.append("Content-Type: application/json")
        head.extend("%s: %s" % item for item in extra_headers.items())
        sock.sendall(("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + content)
        return True

    def close(self):
        for sock in self._server_sockets:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            sock.close()


@pytest.fixture
def transport(monkeypatch):
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy",
                 "REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE"):
        monkeypatch.delenv(name, raising=False)
    # Imported here so the planner tests in this folder still run where requests is not installed.
    import urllib3.util.connection
    fake = ScriptedTransport()
    monkeypatch.setattr(urllib3.util.connection, "create_connection", fake.create_connection)
    yield fake
    fake.close()


@pytest.fixture
def sleeps(monkeypatch):
    """Seconds urllib3's Retry asked to sleep, instead of sleeping."""
    import urllib3.util.retry
    asked = []
    monkeypatch.setattr(urllib3.util.retry.time, "sleep", asked.append)
    return asked


# The in-process emulator, one per test module: EMULATOR_FIXTURE (default "tutorial") and EMULATOR_SETTINGS
# (keyword settings of EmulatorServer) in the test module choose it; every test starts from that fixture.
@pytest.fixture(scope="module")
def emulator(request):
    package = pytest.importorskip("magento_msi_emulator")
    fixture = getattr(request.module, "EMULATOR_FIXTURE", "tutorial")
    with package.EmulatorServer(fixture=fixture, **getattr(request.module, "EMULATOR_SETTINGS", {})) as running:
        running.fixture_name = fixture
        yield running


@pytest.fixture
def emu(emulator, monkeypatch):
    for name in ("HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    emulator.app.reset(emulator.fixture_name)
    return emulator
