# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Test-only endpoints under /__emulator__/: log, state, reset, faults, config, indexers, bulk."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import os

from .faults import FaultConfigError
from .inventory import fixture_path

PREFIX = '/__emulator__'
INDEXER_STATUSES = ('valid', 'invalid')


class ControlError(Exception):
    def __init__(self, status, message):
        super(ControlError, self).__init__(message)
        self.status = status


def _json_body(raw_body):
    if not raw_body:
        return {}
    try:
        body = json.loads(raw_body.decode('utf-8'))
    except ValueError:
        raise ControlError(400, 'body is not valid JSON')
    if not isinstance(body, dict):
        raise ControlError(400, 'body must be a JSON object')
    return body


def _reset(app, body):
    fixture = body.get('fixture')
    if fixture is not None and not os.path.isfile(fixture_path(str(fixture))):
        raise ControlError(400, 'unknown fixture %r' % fixture)
    app.reset(fixture)
    return {'fixture': fixture or app.fixture}


def _set_faults(app, body):
    try:
        app.faults.configure(body)
    except (FaultConfigError, TypeError, ValueError) as error:
        raise ControlError(400, str(error))
    return app.faults.settings


def _set_config(app, body):
    try:
        app.configure(**body)
    except ValueError as error:
        raise ControlError(400, str(error))
    return app.config()


def _set_indexer(app, code, body):
    status = body.get('status', 'valid')
    if status not in INDEXER_STATUSES:
        raise ControlError(400, 'status must be valid or invalid')
    with app.lock:
        app.inventory.indexers[code] = status
        return dict(app.inventory.indexers)


def _state(app):
    with app.lock:
        state = app.inventory.snapshot()
        state['sign_in_failures'] = app.auth.throttle.snapshot()
        state['bulk'] = app.bulk.totals()
        return state


def _bulk(app):
    with app.lock:
        return {'consumer': {'running': app.settings['bulk_consumer_running'],
                             'operations_per_second': app.settings['bulk_consumer_operations_per_second']},
                'operations': app.bulk.totals(), 'bulks': app.bulk.report()}


def _consume(app, body):
    limit = body.get('operations')
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 0):
        raise ControlError(400, 'operations must be a whole number, 0 or more')
    done = app.consumer.consume(limit)
    answer = _bulk(app)
    answer['consumed'] = done
    return answer


def _clear_log(app):
    app.log.clear()
    return {'requests': []}


def _clear_faults(app):
    app.faults.clear()
    return app.faults.settings


HANDLERS = {
    ('GET', 'log'): lambda app, body: {'requests': app.log.entries()},
    ('DELETE', 'log'): lambda app, body: _clear_log(app),
    ('GET', 'state'): lambda app, body: _state(app),
    ('POST', 'reset'): _reset,
    ('POST', 'faults'): _set_faults,
    ('GET', 'faults'): lambda app, body: app.faults.settings,
    ('DELETE', 'faults'): lambda app, body: _clear_faults(app),
    ('POST', 'config'): _set_config,
    ('GET', 'config'): lambda app, body: app.config(),
    ('GET', 'bulk'): lambda app, body: _bulk(app),
    ('POST', 'bulk/consume'): _consume,
}


def handle_control(app, method, path, raw_body):
    """Returns (status, payload) for a /__emulator__/ request."""
    name = path[len(PREFIX):].strip('/')
    try:
        body = _json_body(raw_body) if method in ('POST', 'PUT') else {}
        if name.startswith('indexers/') and method == 'POST':
            return 200, _set_indexer(app, name[len('indexers/'):], body)
        handler = HANDLERS.get((method, name))
        if handler is None:
            return 404, {'message': 'unknown emulator control endpoint %s %s' % (method, path)}
        return 200, handler(app, body)
    except ControlError as error:
        return error.status, {'message': str(error)}
