# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Command line: python -m magento_msi_emulator --port 0 --port-file PATH --fixture tutorial."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import argparse
import os
import signal
import sys
import threading

from .oauth import parse_integration
from .server import EmulatorServer
from .two_factor import SETUPS
from .versions import NEWEST, SUPPORTED


def admin_user(text):
    name, sep, password = text.partition(':')
    if not sep or not name:
        raise argparse.ArgumentTypeError('expected NAME:PASSWORD')
    return name, password


def milliseconds(text):
    value = float(text)
    if value < 0:
        raise argparse.ArgumentTypeError('a cost is 0 ms or more')
    return value


def operations_per_second(text):
    value = float(text)
    if value < 0:
        raise argparse.ArgumentTypeError('a rate is 0 or more')
    return value


def integration(text):
    try:
        return parse_integration(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error))


def parse_args(argv):
    parser = argparse.ArgumentParser(prog='magento_msi_emulator', description='Magento 2.4 MSI REST emulator')
    parser.add_argument('--host', default='127.0.0.1')
    parser.add_argument('--port', type=int, default=0, help='0 picks a free port')
    parser.add_argument('--port-file', help='write the chosen port here once listening')
    parser.add_argument('--fixture', default='default', help='default, tutorial, api-tests, or a JSON file')
    parser.add_argument('--token', action='append', dest='tokens', help='accepted bearer token (repeatable)')
    parser.add_argument('--admin-user', action='append', dest='admin_users', type=admin_user,
                        help='NAME:PASSWORD for /V1/integration/admin/token (repeatable)')
    parser.add_argument('--integration', action='append', dest='integrations', type=integration,
                        help='CONSUMER_KEY:CONSUMER_SECRET:ACCESS_TOKEN:ACCESS_TOKEN_SECRET of an active '
                             'integration whose OAuth 1.0a signed requests are accepted (repeatable; needs oauthlib)')
    parser.add_argument('--two-factor', action='store_true', help='answer admin token requests as Magento_TwoFactorAuth')
    parser.add_argument('--two-factor-providers', choices=SETUPS, default='google',
                        help='with --two-factor: the admin users\' providers (default %(default)s)')
    parser.add_argument('--google-otp', default='123456', metavar='CODE',
                        help='a code /V1/tfa/provider/google/authenticate always accepts; "" for none')
    parser.add_argument('--google-secret', default='', metavar='BASE32',
                        help='accept the TOTP codes of this secret too')
    parser.add_argument('--input-limits', action='store_true', help='enable Magento input limits')
    parser.add_argument('--magento-version', choices=SUPPORTED, default=NEWEST,
                        help='the release whose answers differ (unknown fields, SKU spaces); default %(default)s')
    parser.add_argument('--write-cost-per-item-ms', type=milliseconds, default=0, metavar='MS',
                        help='added to each successful source-item or link save/delete, per item written')
    parser.add_argument('--write-cost-per-request-ms', type=milliseconds, default=0, metavar='MS',
                        help='added to each successful source-item or link save/delete')
    parser.add_argument('--lockout-failures', type=int, default=6, metavar='N',
                        help='failed admin sign-ins that lock a user name (default %(default)s)')
    parser.add_argument('--lockout-seconds', type=float, default=1800, metavar='S',
                        help='how long the lock lasts after the last failure (default %(default)s)')
    parser.add_argument('--bulk-consumer-stopped', dest='bulk_consumer_running', action='store_false',
                        help='leave /async/bulk operations open until the consumer is started '
                             '(config bulk_consumer_running)')
    parser.add_argument('--bulk-consumer-operations-per-second', type=operations_per_second, default=0,
                        metavar='N', help='start at most N bulk operations a second (default 0: no limit beyond '
                                          'each operation\'s write cost)')
    parser.add_argument('--no-collation', dest='collation', action='store_false',
                        help='compare source codes and SKUs exactly instead of as MySQL general_ci does')
    parser.add_argument('--seed', type=int, help='seed for report ids')
    parser.add_argument('--verbose', action='store_true', help='log every request on stderr')
    return parser.parse_args(argv)


def write_port_file(path, port):
    partial = path + '.partial'
    with open(partial, 'w') as handle:
        handle.write('%d\n' % port)
    os.replace(partial, path)


def make_server(args):
    return EmulatorServer(
        fixture=args.fixture, host=args.host, port=args.port, tokens=args.tokens,
        admin_users=dict(args.admin_users) if args.admin_users else None, seed=args.seed, verbose=args.verbose,
        integrations=args.integrations, two_factor=args.two_factor, input_limits=args.input_limits,
        collation=args.collation, magento_version=args.magento_version,
        write_cost_per_item_ms=args.write_cost_per_item_ms, write_cost_per_request_ms=args.write_cost_per_request_ms,
        lockout_failures=args.lockout_failures, lockout_seconds=args.lockout_seconds,
        two_factor_providers=args.two_factor_providers, google_otp=args.google_otp, google_secret=args.google_secret,
        bulk_consumer_running=args.bulk_consumer_running,
        bulk_consumer_operations_per_second=args.bulk_consumer_operations_per_second)


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        server = make_server(args)
    except ValueError as error:
        sys.exit('magento_msi_emulator: %s' % error)
    stop_requested = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_args: stop_requested.set())
    server.start()
    try:
        print('Magento MSI emulator listening on %s' % server.url, flush=True)
        if args.port_file:
            write_port_file(args.port_file, server.port)
        while not stop_requested.wait(0.5):
            pass
    finally:
        server.stop()
    return 0


if __name__ == '__main__':
    sys.exit(main())
