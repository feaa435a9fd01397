# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Checks the bin/magento stand-in against the Magento 2.4 behaviour the reindex role relies on."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import http.server
import json
import os
import shutil
import subprocess
import threading

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
CREATE_ROOT = os.path.join(os.path.dirname(HERE), "create_root.sh")
MSI_CODES = ["inventory", "cataloginventory_stock", "catalog_product_price", "catalogsearch_fulltext"]


@pytest.fixture
def make_root(tmp_path):
    assert shutil.which("php"), "php-cli is required (apt-get install php-cli)"

    def _make(control=None):
        root = str(tmp_path / "magento")
        subprocess.run([CREATE_ROOT, root, "", json.dumps(control or {})], check=True)
        return root

    return _make


def magento(root, *args):
    return subprocess.run(["php", "bin/magento"] + list(args), cwd=root, capture_output=True, text=True,
                          check=False)


def recorded(root):
    with open(os.path.join(root, "var", "standin_state.json")) as state_file:
        return json.load(state_file)["calls"]


def status_of(output, code):
    for line in output.splitlines():
        cells = [cell.strip() for cell in line.split("|")]
        if len(cells) > 3 and cells[1] == code:
            return cells[3]
    raise AssertionError("%s not in indexer:status output:\n%s" % (code, output))


def test_info_lists_codes_padded_to_40(make_root):
    result = magento(make_root(), "indexer:info")
    assert result.returncode == 0
    assert "inventory" + " " * 31 + "Inventory\n" in result.stdout
    assert "catalogsearch_fulltext" + " " * 18 + "Catalog Search\n" in result.stdout


def test_reindex_prints_title_first_and_marks_ready(make_root):
    root = make_root()
    assert status_of(magento(root, "indexer:status", "inventory").stdout, "inventory") == "Reindex required"
    result = magento(root, "indexer:reindex", "inventory")
    assert result.returncode == 0
    assert result.stdout == "Inventory index has been rebuilt successfully in 00:00:01\n"
    assert status_of(magento(root, "indexer:status").stdout, "inventory") == "Ready"
    assert status_of(magento(root, "indexer:status").stdout, "catalogsearch_fulltext") == "Reindex required"


def test_named_indexer_brings_its_dependents(make_root):
    result = magento(make_root(), "indexer:reindex", "cataloginventory_stock")
    assert result.stdout.splitlines() == [
        "Stock index has been rebuilt successfully in 00:00:01",
        "Product Price index has been rebuilt successfully in 00:00:01",
    ]


def test_unknown_code_fails_on_stderr_and_reindexes_nothing(make_root):
    root = make_root()
    result = magento(root, "indexer:reindex", "inventory", "nope")
    assert result.returncode == 1
    assert result.stdout == ""
    assert "The following requested index types are not supported: 'nope'." in result.stderr
    assert status_of(magento(root, "indexer:status").stdout, "inventory") == "Reindex required"


def test_lock_for_first_call_only(make_root):
    root = make_root({"lock": {"inventory": 1}})
    assert status_of(magento(root, "indexer:status").stdout, "inventory") == "Processing"
    first = magento(root, "indexer:reindex", "inventory")
    assert first.returncode == 1
    assert first.stdout == ("process error during indexation process:\n"
                            "Inventory index is locked by another reindex process. Skipping.\n")
    second = magento(root, "indexer:reindex", "inventory")
    assert second.returncode == 0
    assert status_of(magento(root, "indexer:status").stdout, "inventory") == "Ready"


def test_exception_continues_with_next_indexer_and_exits_1(make_root):
    root = make_root({"exception": {"inventory": "Deadlock found"}})
    result = magento(root, "indexer:reindex", *MSI_CODES)
    assert result.returncode == 1
    assert "Inventory index process error during indexation process:\nDeadlock found\n" in result.stdout
    assert "Catalog Search index has been rebuilt successfully" in result.stdout


def test_legacy_exit_codes_hide_a_failure(make_root):
    root = make_root({"legacy_exit_codes": True, "lock": {"inventory": True}})
    result = magento(root, "indexer:reindex", *MSI_CODES)
    assert result.returncode == 0
    assert "Inventory index is locked by another reindex process. Skipping." in result.stdout


def test_cache_commands_and_failure(make_root):
    root = make_root()
    flush = magento(root, "cache:flush")
    assert flush.returncode == 0 and flush.stdout.startswith("Flushed cache types:\nconfig\n")
    clean = magento(root, "cache:clean", "full_page", "block_html")
    assert clean.stdout == "Cleaned cache types:\nfull_page\nblock_html\n"
    assert magento(root, "cache:clean", "nope").returncode == 1
    with open(os.path.join(root, "var", "standin_control.json"), "w") as control:
        json.dump({"cache_fails": "Redis down"}, control)
    failed = magento(root, "cache:flush")
    assert failed.returncode == 1 and "Redis down" in failed.stderr


def test_strategy_and_calls_recorded(make_root):
    root = make_root({"strategy": "async"})
    assert magento(root, "config:show", "cataloginventory/indexer/strategy").stdout == "async\n"
    subprocess.run(["php", "-d", "memory_limit=512M", os.path.join(root, "bin", "magento"), "indexer:info"],
                   cwd="/", check=True, capture_output=True)
    calls = recorded(root)
    assert [call["argv"] for call in calls] == [["config:show", "cataloginventory/indexer/strategy"],
                                                ["indexer:info"]]
    assert calls[1]["cwd"] == "/" and calls[1]["memory_limit"] == "512M"
    assert calls[0]["user"] == subprocess.run(["id", "-un"], capture_output=True, text=True,
                                              check=True).stdout.strip()


class FakeEmulator(http.server.BaseHTTPRequestHandler):
    inventory = "invalid"
    gets = []
    posts = []

    def do_GET(self):  # noqa: N802 (http.server's naming)
        FakeEmulator.gets.append(self.path)
        self._answer({"indexers": {"inventory": FakeEmulator.inventory}})

    def do_POST(self):  # noqa: N802
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        FakeEmulator.posts.append((self.path, body))
        FakeEmulator.inventory = body["status"]
        self._answer({})

    def _answer(self, data):
        payload = json.dumps(data).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):
        pass


def test_inventory_validity_comes_from_the_emulator(make_root):
    server = http.server.HTTPServer(("127.0.0.1", 0), FakeEmulator)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        root = make_root({"emulator_url": "http://127.0.0.1:%d" % server.server_port})
        assert status_of(magento(root, "indexer:status", "inventory").stdout, "inventory") == "Reindex required"
        assert magento(root, "indexer:reindex", "inventory").returncode == 0
        assert FakeEmulator.posts == [("/__emulator__/indexers/inventory", {"status": "valid"})]
        assert set(FakeEmulator.gets) == {"/__emulator__/state"}
        FakeEmulator.inventory = "invalid"  # what a link save does
        assert status_of(magento(root, "indexer:status", "inventory").stdout, "inventory") == "Reindex required"
    finally:
        server.shutdown()
        server.server_close()
