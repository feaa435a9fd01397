# -*- coding: utf-8 -*-
# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Magento MSI rules that more than one resource obeys, stated once. No I/O.

Magento's inventory tables use MySQL's general_ci collation (PAD SPACE), so codes, SKUs and names are
compared as MySQL compares them, not as Python does: a spelling that differs only in case, accents or
trailing spaces is the row Magento has.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re
import unicodedata

# Created by Magento's installer; Magento refuses to delete them or to link them to anything else.
DEFAULT_STOCK_ID = 1
DEFAULT_SOURCE_CODE = "default"

_WHITESPACE = re.compile(r"\s")


def source_code_problem(code):
    """Why Magento would refuse this source code ('source_code ... is empty or ...'), or None."""
    if not isinstance(code, str) or not code.strip() or _WHITESPACE.search(code):
        return "source_code %r is empty or contains whitespace" % (code,)
    return None


def _weight(char):
    # general_ci weighs each character as its unaccented upper case, one character for one: 'ß' stays 'ß'.
    base = unicodedata.normalize("NFD", char)[0]
    upper = base.upper()
    return upper if len(upper) == 1 else base


def key(value):
    """A source code or SKU as Magento's unique keys compare it: case and accents ignored, trailing spaces too."""
    text = str(value).rstrip(" ")
    return text.upper() if text.isascii() else "".join(_weight(char) for char in text)


def stored_spellings(values):
    """{key: spelling} of the values Magento holds, to map a user's spelling onto the stored one."""
    return dict((key(value), value) for value in values)


def respelling_warning(what, given, stored):
    return ("%s %r is stored in Magento as %r; Magento compares %ss ignoring case, accents and trailing spaces, "
            "so %r is used" % (what, given, stored, what, stored))


def is_default_source(code):
    return code is not None and key(code) == key(DEFAULT_SOURCE_CODE)


def name_key(name):
    """A stock or source name as Magento's unique-name checks compare it: trimmed, then as the collation does."""
    return key((name or "").strip())


def same_name(left, right):
    return name_key(left) == name_key(right)
