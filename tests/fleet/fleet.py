# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A fleet of Magento stores on this machine: per store one MSI emulator and one stand-in Magento root.

    fleet.py serve --stores 10 --dir DIR

starts them, writes DIR/inventory.yml (one host per store, its URL and credentials in host variables),
DIR/secret_markers.txt and DIR/ready, and stops them on SIGTERM or SIGINT. The fleet integration
target uses it; `make bench` (tests/bench/fleet_bench.py) uses the Fleet class in-process.

Every store has credentials of its own, none of them the emulator's default token, so a request sent
to another store's emulator is refused (401) and shows in that emulator's request log. Stores take
turns at the three ways to authenticate: token, admin username and password, integration OAuth.
The emulators run as threads of this process: a store's requests are few, and one process per store
would cost more memory than the fleet measures.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import argparse
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import threading
from urllib.request import Request, urlopen

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
CREATE_ROOT = os.path.join(ROOT, "tests", "magento_cli_standin", "create_root.sh")
PLAYBOOK = os.path.join(HERE, "fleet.yml")
sys.path.insert(0, os.path.join(ROOT, "tests", "emulator"))

from magento_msi_emulator import EmulatorServer  # noqa: E402  pylint: disable=wrong-import-position

AUTH_METHODS = ("token", "password", "oauth")
OAUTH_OPTIONS = ("consumer_key", "consumer_secret", "access_token", "access_token_secret")


def store_name(index):
    # Zero-padded, so no store's name is a part of another's ("store1" of "store10").
    return "store%02d" % index


def new_secret(store, kind):
    """A fresh secret that starts with a marker of letters and digits, which every encoding keeps.

    The characters after the marker change under JSON and URL encoding, as a real secret's may.
    """
    marker = "%s%s%s" % (store.replace("store", "s"), kind, secrets.token_hex(4))
    return marker, "%s+%s/=" % (marker, secrets.token_hex(8))


class Store(object):
    """One Magento store: its emulator (a thread of this process), credentials and Magento root."""

    def __init__(self, index, work_dir, fixture):
        self.index = index
        self.name = store_name(index)
        self.auth = AUTH_METHODS[(index - 1) % len(AUTH_METHODS)]
        self.root = os.path.join(work_dir, "roots", self.name)
        self.markers = []
        self.credentials = {}
        token = self._secret("tok")
        admin_users, integrations = None, None
        if self.auth == "token":
            self.credentials["magento_token"] = token
        elif self.auth == "password":
            self.credentials["magento_username"] = "admin-" + self.name
            self.credentials["magento_password"] = self._secret("pwd")
            admin_users = {self.credentials["magento_username"]: self.credentials["magento_password"]}
        else:
            for option in OAUTH_OPTIONS:
                self.credentials["magento_" + option] = self._secret(option.replace("_", "")[:6])
            integrations = [tuple(self.credentials["magento_" + option] for option in OAUTH_OPTIONS)]
        # Every emulator has a token of its own, so even the default token opens no other store.
        self.server = EmulatorServer(fixture=fixture, tokens=[token], admin_users=admin_users,
                                     integrations=integrations)

    def _secret(self, kind):
        marker, value = new_secret(self.name, kind)
        self.markers.append(marker)
        return value

    @property
    def url(self):
        return self.server.url

    def control(self, method, name, body=None):
        """Call the emulator's control endpoint /__emulator__/<name>; its JSON answer, or None."""
        data = json.dumps(body).encode("utf-8") if body is not None else None
        request = Request(self.url + "/__emulator__/" + name, data=data, method=method,
                          headers={"Content-Type": "application/json"})
        with urlopen(request, timeout=30) as response:
            content = response.read()
        return json.loads(content.decode("utf-8")) if content else None

    def calls(self):
        """The bin/magento calls the stand-in recorded in this store's Magento root, oldest first."""
        state_path = os.path.join(self.root, "var", "standin_state.json")
        if not os.path.exists(state_path):
            return []
        with open(state_path) as handle:
            return json.load(handle)["calls"]

    def make_root(self):
        """A fresh stand-in Magento root whose inventory indexer is this store's emulator's."""
        if os.path.isdir(self.root):
            shutil.rmtree(self.root)
        # The owner argument left empty: the caller owns the root, as the Magento file system owner.
        subprocess.check_call([CREATE_ROOT, self.root, "", json.dumps({"emulator_url": self.url})])

    def host_vars(self):
        host = {"magento_url": self.url, "reindex_magento_root": self.root}
        host.update(self.credentials)
        return host


class Fleet(object):
    """`with Fleet(10, work_dir) as fleet:` N stores serving on 127.0.0.1, roots laid, inventory written."""

    def __init__(self, count, work_dir, fixture="fresh-install", python=None):
        self.work_dir = os.path.abspath(work_dir)
        self.python = python or sys.executable
        self.stores = [Store(index, self.work_dir, fixture) for index in range(1, count + 1)]
        self.inventory_path = os.path.join(self.work_dir, "inventory.yml")

    def __enter__(self):
        try:
            for store in self.stores:
                store.server.start()
                store.make_root()
            self.write_inventory()
        except Exception:
            self.__exit__()
            raise
        return self

    def __exit__(self, *exc_info):
        for store in self.stores:
            store.server.stop()

    def reset(self):
        """Every store back to its fixture, request log cleared, Magento root fresh (every indexer invalid)."""
        for store in self.stores:
            store.control("POST", "reset", {})
            store.make_root()

    def markers(self):
        return [marker for store in self.stores for marker in store.markers]

    def inventory(self):
        return {"all": {"children": {"fleet": {
            "vars": {
                "ansible_connection": "local",
                "ansible_python_interpreter": self.python,
                # One Magento installation per URL: here every store is one installation.
                "reindex_cluster": "{{ magento_url }}",
            },
            "hosts": dict((store.name, store.host_vars()) for store in self.stores),
        }}}}

    def write_inventory(self):
        """inventory.yml, and secret_markers.txt: the first characters of every secret, one a line."""
        with open(self.inventory_path, "w") as handle:
            yaml.safe_dump(self.inventory(), handle, default_flow_style=False)
        with open(os.path.join(self.work_dir, "secret_markers.txt"), "w") as handle:
            handle.write("".join(marker + "\n" for marker in self.markers()))


def serve(args):
    if not os.path.isdir(args.dir):
        os.makedirs(args.dir)
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_args: stop.set())
    with Fleet(args.stores, args.dir, fixture=args.fixture, python=args.python):
        with open(os.path.join(args.dir, "ready"), "w") as handle:
            handle.write("%d stores\n" % args.stores)
        while not stop.wait(0.5):
            pass
    return 0


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command")
    serve_parser = commands.add_parser("serve", help="serve a fleet until SIGTERM")
    serve_parser.add_argument("--stores", type=int, default=10)
    serve_parser.add_argument("--dir", required=True, help="inventory.yml, ready and the Magento roots go here")
    serve_parser.add_argument("--fixture", default="fresh-install")
    serve_parser.add_argument("--python", help="ansible_python_interpreter of the stores (default: this Python)")
    args = parser.parse_args(argv)
    if args.command != "serve":
        parser.error("say what to do: serve")
    return args


def main(argv=None):
    return serve(parse_args(sys.argv[1:] if argv is None else argv))


if __name__ == "__main__":
    sys.exit(main())
