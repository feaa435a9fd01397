# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Where Magento's REST input comes from: PHP-style query strings and the JSON body."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import re
from urllib.parse import parse_qsl

from .errors import MagentoError, bad_request

DECODING_ERROR = 'Decoding error.'
_CONTENT_TYPE = re.compile(r'^([a-z\d/\-+.]+)(?:; *charset=(.+))?$', re.IGNORECASE)


def parse_php_query(query):
    """PHP's parse_str: a[b][0][c]=x becomes nested dicts; [] appends; later keys win."""
    result = {}
    for raw_key, value in parse_qsl(query or '', keep_blank_values=True):
        bracket = raw_key.find('[')
        if bracket <= 0 or ']' not in raw_key[bracket:]:
            result[raw_key.replace('.', '_').replace(' ', '_')] = value
            continue
        base = raw_key[:bracket].replace('.', '_').replace(' ', '_')
        parts = [base] + re.findall(r'\[([^\]]*)\]', raw_key[bracket:])
        node = result
        for index, part in enumerate(parts):
            last = index == len(parts) - 1
            if part == '':
                part = str(sum(1 for key in node if key.isdigit()))
            if last:
                node[part] = value
            else:
                if not isinstance(node.get(part), dict):
                    node[part] = {}
                node = node[part]
    return result


def parse_body(raw_body, content_type):
    """Body params as Magento builds them: empty body skips decoding; scalars become [scalar]."""
    if not raw_body:
        return {}
    if not content_type:
        raise bad_request('Content-Type header is empty.')
    match = _CONTENT_TYPE.match(content_type.strip())
    if not match:
        raise bad_request('Content-Type header is invalid.')
    if match.group(2) and match.group(2).strip().strip('"').lower() not in ('utf-8', 'utf8'):
        raise bad_request('UTF-8 is the only supported charset.')
    media_type = match.group(1).lower()
    if media_type not in ('application/json', 'text/json'):
        raise MagentoError(400, 'Server cannot understand Content-Type HTTP header media type %1', [media_type])
    try:
        decoded = json.loads(raw_body.decode('utf-8'))
    except ValueError:
        raise bad_request(DECODING_ERROR)
    if isinstance(decoded, dict):
        return decoded
    if isinstance(decoded, list):
        return dict((str(index), item) for index, item in enumerate(decoded))
    return {} if decoded is None else {'0': decoded}


def inject_path_id(body, param_name, value):
    """PUT: the URL id goes into the body's first object, replacing any spelling of that key."""
    if not body:
        return body
    first_key = next(iter(body))
    entity = body[first_key]
    if isinstance(entity, dict):
        canonical = param_name.replace('_', '').lower()
        entity = dict((k, v) for k, v in entity.items() if str(k).replace('_', '').lower() != canonical)
        entity[param_name] = value
        body = dict(body)
        body[first_key] = entity
    return body


def merge_input(method, query_params, body, path_params):
    """GET/DELETE read the query; POST/PUT merge body with params and params win."""
    params = dict(query_params)
    params.update(path_params)
    if method in ('GET', 'DELETE'):
        return params
    merged = dict(body)
    merged.update(params)
    return merged
