# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""HTTP transport: ThreadingHTTPServer, fault application, logging, EmulatorServer."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from .app import EmulatorApp, is_write
from .control import PREFIX, handle_control


class EmulatorHTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address, app, verbose=False):
        self.app = app
        self.verbose = verbose
        ThreadingHTTPServer.__init__(self, address, EmulatorRequestHandler)


class EmulatorRequestHandler(BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'
    server_version = 'MagentoMSIEmulator/1.0'
    # Headers and body go out in two writes; with Nagle on, delayed ACKs add 40 ms to every answer.
    disable_nagle_algorithm = True

    def do_GET(self):  # noqa: N802 pylint: disable=invalid-name
        self._dispatch()

    do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_GET

    def do_HEAD(self):  # noqa: N802 pylint: disable=invalid-name
        self._dispatch(send_body=False)

    def log_message(self, format, *args):  # pylint: disable=redefined-builtin
        if self.server.verbose:
            BaseHTTPRequestHandler.log_message(self, format, *args)

    def _read_body(self):
        length = int(self.headers.get('Content-Length') or 0)
        return self.rfile.read(length) if length > 0 else b''

    def _dispatch(self, send_body=True):
        app = self.server.app
        parts = urlsplit(self.path)
        path, query = parts.path, parts.query
        raw_body = self._read_body()
        if path == PREFIX or path.startswith(PREFIX + '/'):
            status, payload = handle_control(app, self.command, path, raw_body)
            self._send(status, json.dumps(payload).encode('utf-8'), 'application/json', {}, send_body)
        elif path == '/rest' or path.startswith('/rest/'):
            self._serve_rest(app, path, query, raw_body, send_body)
        else:
            self._send(404, b'Not Found', 'text/plain', {}, send_body)

    def _serve_rest(self, app, path, query, raw_body, send_body):
        write = is_write(self.command, path)
        action, latency = app.faults.decide(write)
        if latency:
            time.sleep(latency)
        if action == 'drop':
            app.log.add(self.command, path, query, None, write, raw_body)
            self._drop_connection()
            return
        if action == 'fail':
            status, headers, content_type, body = app.faults.failure()
            app.log.add(self.command, path, query, status, write, raw_body)
            self._send(status, body, content_type, headers, send_body)
            return
        status, payload, cost = app.handle_rest(self.command, path, query, self.headers, raw_body)
        if cost:
            time.sleep(cost)
        app.log.add(self.command, path, query, status, write, raw_body, answer_lost=action == 'lose_answer',
                    cost_ms=round(cost * 1000.0, 3))
        if action == 'lose_answer':
            self._drop_connection()
            return
        self._send(status, json.dumps(payload).encode('utf-8'), 'application/json; charset=utf-8', {}, send_body)

    def _drop_connection(self):
        self.close_connection = True
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def _send(self, status, body, content_type, headers, send_body):
        self.send_response(status)
        self.send_header('Content-Type', content_type)
        self.send_header('Content-Length', str(len(body)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        if send_body:
            self.wfile.write(body)


class EmulatorServer:
    """Runs the emulator in a background thread: `with EmulatorServer(fixture='default') as emu:`."""

    def __init__(self, fixture='default', host='127.0.0.1', port=0, verbose=False, **settings):
        """settings: the keyword arguments of EmulatorApp (tokens, admin_users, two_factor, collation, ...)."""
        self.app = EmulatorApp(fixture=fixture, **settings)
        self.host = host
        self._requested_port = port
        self._verbose = verbose
        self._httpd = None
        self._thread = None

    @property
    def port(self):
        return self._httpd.server_address[1]

    @property
    def url(self):
        return 'http://%s:%d' % (self.host, self.port)

    def start(self):
        self._httpd = EmulatorHTTPServer((self.host, self._requested_port), self.app, self._verbose)
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={'poll_interval': 0.1},
                                        name='magento-msi-emulator', daemon=True)
        self._thread.start()
        self.app.consumer.start()
        return self

    def stop(self):
        if self._httpd is None:
            return
        self.app.consumer.stop()
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join()
        self._httpd = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc_info):
        self.stop()
