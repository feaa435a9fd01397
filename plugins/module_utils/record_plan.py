# -*- coding: utf-8 -*-
# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Pure helpers shared by the source and stock planners: compare, overlay and show one record.

A record is a flat dict as Magento returns it. The user states only some fields; those, and only
those, are compared with the current record, overlaid on it, and shown in before/after and the diff.
No I/O happens here.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

# Magento stores latitude/longitude as decimal(.., 6): compare at that precision so that a value
# Magento rounded on save does not look changed on every run.
COORDINATE_DECIMALS = 6


def normalise_value(value, kind):
    """Bring a value to the form Magento echoes back, so equal values compare equal."""
    if value is None:
        return None
    if kind == 'float':
        return round(float(value), COORDINATE_DECIMALS)
    if kind == 'int':
        return int(value)
    if kind == 'bool':
        return bool(value)
    return value


def field_changes(desired, current, kinds):
    """Fields of ``desired`` whose value differs from ``current``: {field: {'before', 'after'}}."""
    changes = {}
    for name in sorted(desired):
        kind = kinds.get(name, 'str')
        wanted = normalise_value(desired[name], kind)
        have = normalise_value((current or {}).get(name), kind)
        if wanted != have:
            changes[name] = {'before': have, 'after': wanted}
    return changes


def overlay(current, desired, kinds):
    """The record ``current`` would become once ``desired`` is written over it."""
    merged = dict(current or {})
    for name, value in desired.items():
        merged[name] = normalise_value(value, kinds.get(name, 'str'))
    return merged


def record_text(record):
    """One ``key: value`` line per field, sorted, values as JSON; '' for a missing record."""
    if record is None:
        return ''
    # ensure_ascii=False: a name such as "Zürich Lager" reads as itself in the diff, not as \u escapes.
    lines = ['%s: %s' % (key, json.dumps(record[key], sort_keys=True, ensure_ascii=False)) for key in sorted(record)]
    return '\n'.join(lines) + '\n'
