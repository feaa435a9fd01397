# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""How MySQL compares the MSI tables' text columns: Magento's default collation, or binary when switched off.

Magento's declarative schema gives every table utf8(mb3)_general_ci unless the table says otherwise
(magento2 lib/internal/Magento/Framework/Setup/Declaration/Schema/Dto/Factories/Table.php), and
Inventory/etc/db_schema.xml says nothing. general_ci is a PAD SPACE collation that weighs each character
as its unaccented upper case, so 'EU-1', 'eu-1' and 'eu-1  ' are one key, in lookups, filters, unique keys
and foreign keys alike.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import functools
import unicodedata


@functools.lru_cache(maxsize=4096)
def _char_weight(char):
    base = unicodedata.normalize('NFD', char)[0]
    upper = base.upper()
    # general_ci maps one character to one weight: no expansions such as German sharp s to "SS"
    return upper if len(upper) == 1 else base


def char_weights(text):
    """Per-character weights, trailing spaces kept (LIKE compares character by character, without padding)."""
    if text.isascii():
        return text.upper()
    return ''.join(_char_weight(char) for char in text)


def general_ci_key(text):
    """The value general_ci compares: trailing spaces dropped (PAD SPACE), then the character weights."""
    return char_weights(str(text).rstrip(' '))


class Collation:
    """The one switch: general_ci (Magento's default, on) or binary (exact keys, for tests that need them)."""

    def __init__(self, enabled=True):
        self.enabled = bool(enabled)

    def key(self, text):
        if text is None:
            return None
        return general_ci_key(text) if self.enabled else str(text)

    def like_text(self, text):
        return char_weights(str(text)) if self.enabled else str(text)

    def same(self, left, right):
        return self.key(left) == self.key(right)
