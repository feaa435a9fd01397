# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The emulator's state and Magento's REST pipeline: store prefix, route, ACL, input, service."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import random
import re
import sys
import threading
import traceback

from .auth import Auth
from .bulk import REQUEST_NOT_PROCESSED, BulkConsumer, BulkStore
from .collation import Collation
from .errors import InternalError, MagentoError, masked_internal_error, no_route, not_authorized
from .faults import Faults
from .inventory import Inventory, read_fixture
from .oauth import OAuthVerifier, is_oauth_header
from .request_input import inject_path_id, merge_input, parse_body, parse_php_query
from .request_log import RequestLog
from .routes import ANONYMOUS, SIGN_IN_PATHS, find_route
from .settings import DEFAULTS, checked
from .versions import MagentoVersion

STORE_CODES = ('default', 'all')
DEFAULT_TOKENS = ('emulator-token',)
DEFAULT_ADMIN_USERS = {'admin': 'emulator-admin-1'}
WRITE_METHODS = ('POST', 'PUT', 'DELETE')


class Limits:
    """Magento's optional input limits (webapi/validation/input_limit_enabled)."""

    def __init__(self, enabled=False):
        self.enabled = enabled
        self.max_items = 20
        self.max_page_size = 300
        self.default_page_size = 20


class WriteCost:
    """Time a successful write takes beyond the emulator's own: per request plus per item written.

    Magento reindexes source items synchronously after a save or delete (InventoryIndexer/etc/di.xml,
    strategy sync), so a save's duration grows with its items: about 60 s for 2,000 items through REST
    (magento/inventory issue 2306). Applied to source-item saves and deletes and to link saves and deletes.
    """

    def __init__(self):
        self.per_item_ms = self.per_request_ms = 0

    def seconds(self, written):
        if written is None:
            return 0.0
        return (self.per_request_ms + self.per_item_ms * written) / 1000.0


# WebapiAsync AsynchronousRequestProcessor::BULK_PROCESSOR_PATH, applied after the store code is gone
ASYNC_BULK_PATH = re.compile(r'^/async/bulk(/V.+)')


def store_code(path):
    """The store code the path names, or None (Magento then uses the default store)."""
    segments = path[len('/rest'):].split('/')
    return segments[1] if len(segments) > 1 and segments[1] in STORE_CODES else None


def route_path(path):
    """Strip /rest and a known store code; an unknown first segment stays in the path (then 404)."""
    rest = path[len('/rest'):]
    if store_code(path) is not None:
        return '/' + '/'.join(rest.split('/')[2:])
    return rest


def is_write(method, path):
    return method in WRITE_METHODS and route_path(path).rstrip('/') not in SIGN_IN_PATHS


def echo_request(body, headers, raw_body):
    """What a debugging module or proxy does: put the request, credentials included, into the error."""
    echoed = dict(body)
    echoed['message'] = '%s Request was: %%request' % body['message']
    parameters = body.get('parameters')
    parameters = dict(parameters) if isinstance(parameters, dict) else {}
    parameters['request'] = 'Authorization: %s; body: %s' % (
        headers.get('Authorization') or '', raw_body.decode('utf-8', 'replace'))
    echoed['parameters'] = parameters
    return echoed


class EmulatorApp:
    """settings: start-up values of the keys in settings.DEFAULTS; reset() returns to them."""

    def __init__(self, fixture='default', tokens=None, admin_users=None, seed=None, integrations=None, **settings):
        self.fixture = fixture
        self.initial_config = dict(DEFAULTS)
        self.initial_config.update(checked(settings))
        self.settings = dict(self.initial_config)
        self.write_cost = WriteCost()
        self.version = MagentoVersion()
        self.oauth = OAuthVerifier(integrations or [])
        self.collation = Collation()
        self.limits = Limits()
        self.auth = Auth(tokens or DEFAULT_TOKENS, admin_users or DEFAULT_ADMIN_USERS)
        self.faults = Faults()
        self.log = RequestLog()
        self.lock = threading.RLock()
        self._report_ids = random.Random(seed)
        self.bulk = BulkStore()
        self.consumer = BulkConsumer(self)
        self._apply()
        data = read_fixture(fixture)
        self.inventory = Inventory.from_data(data, self.collation)
        self.bulk.load(data.get('bulks', []))

    @property
    def two_factor(self):
        return self.settings['two_factor']

    @property
    def echo_requests(self):
        return self.settings['echo_requests']

    def reset(self, fixture=None):
        data = read_fixture(fixture or self.fixture)
        inventory = Inventory.from_data(data, self.collation)
        with self.lock:
            self.inventory = inventory
            self.settings = dict(self.initial_config)
            self._apply()
            self.auth.throttle.clear()
            self.bulk.clear()
            self.bulk.load(data.get('bulks', []))
        self.log.clear()
        self.faults.clear()
        self.consumer.wake()

    def configure(self, **changes):
        """Raises ValueError, having changed nothing, for a key or value the emulator cannot take."""
        changes = checked(changes)
        with self.lock:
            self.settings.update(changes)
            self._apply()
        # the consumer may have been started, stopped or given another rate
        self.consumer.wake()

    def _apply(self):
        settings = self.settings
        self.limits.enabled = settings['input_limits']
        self.collation.enabled = settings['collation']
        self.version.text = settings['magento_version']
        self.write_cost.per_item_ms = settings['write_cost_per_item_ms']
        self.write_cost.per_request_ms = settings['write_cost_per_request_ms']
        self.auth.throttle.max_failures = settings['lockout_failures']
        self.auth.throttle.lock_seconds = settings['lockout_seconds']

    def config(self):
        return dict(self.settings)

    def report_id(self):
        with self.lock:
            return '%013x' % self._report_ids.getrandbits(52)

    def handle_rest(self, method, path, query, headers, raw_body):
        """Returns (status, JSON-able payload, seconds the write still costs); never raises.

        The cost is for the caller to wait out after the state lock is released, so that a slow write
        holds up only its own answer, as a reindex holds up only its own request.
        """
        try:
            status, answer, written = self._dispatch(method, path, query, headers, raw_body)
            return status, answer, self.write_cost.seconds(written)
        except MagentoError as error:
            body = error.body()
            if self.echo_requests:
                body = echo_request(body, headers, raw_body)
            return error.status, body, 0.0
        except InternalError:
            return 500, masked_internal_error(self.report_id()).body(), 0.0
        except Exception:  # pylint: disable=broad-except
            # Magento masks every non-localized exception; the traceback goes where Magento's log would be
            traceback.print_exc(file=sys.stderr)
            return 500, masked_internal_error(self.report_id()).body(), 0.0

    def _dispatch(self, method, path, query, headers, raw_body):
        """(HTTP status, answer, items written or None)."""
        bulk_path = ASYNC_BULK_PATH.match(route_path(path))
        if bulk_path:
            return self._schedule_bulk(method, path, bulk_path.group(1), query, headers, raw_body)
        route, path_params = find_route(method, route_path(path))
        if route is None or (route.needs_two_factor and not self.two_factor):
            raise no_route()
        self._authorize(route, method, path, query, headers)
        body = parse_body(raw_body, headers.get('Content-Type')) if method in ('POST', 'PUT') else {}
        if route.put_id and method == 'PUT':
            body = inject_path_id(body, route.put_id, path_params[route.put_id])
        input_data = merge_input(method, parse_php_query(query), body, path_params)
        with self.lock:
            answer, written = route.call(self, input_data)
        return 200, answer, written

    def _authorize(self, route, method, path, query, headers):
        header = headers.get('Authorization')
        if route.acl != ANONYMOUS:
            if is_oauth_header(header):
                self.oauth.verify(method, 'http', headers.get('Host') or '', path, query, header)
            elif not self.auth.bearer_is_valid(header):
                raise not_authorized(route.acl)

    def _schedule_bulk(self, method, path, sync_path, query, headers, raw_body):
        """/async/bulk/V1/...: the synchronous route's ACL and input stage for every body, then 202."""
        if method == 'GET':
            # no request processor takes a GET under /async/bulk (canProcess), before any route or token check
            raise MagentoError(400, REQUEST_NOT_PROCESSED)
        route, _path_params = find_route(method, sync_path)
        if route is None or route.service_class is None:
            raise no_route()
        self._authorize(route, method, path, query, headers)
        body = parse_body(raw_body, headers.get('Content-Type'))
        user = self.auth.user_of(headers.get('Authorization'))
        with self.lock:
            answer = self.bulk.schedule(self, route, body, user, store_code(path))
        self.consumer.wake()
        return 202, answer, None
