# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The Magento release the emulator answers as, and the behaviours that depend on it.

- Unknown field in a request body: 2.4.6 and earlier let NameFinder's LogicException through (a masked 500);
  2.4.7 catches it in ServiceInputProcessor::_createFromArray and answers 400
  '"%fieldName" is not supported. Correct the field name and try again.'
- Source-item SKU with leading or trailing spaces: refused from 2.4.7 on (magento/inventory commit 70b2bf8,
  Inventory/Model/SourceItem/Validator/SkuValidator.php).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

SUPPORTED = ('2.4.6', '2.4.7', '2.4.8')
NEWEST = SUPPORTED[-1]


def _numbers(text):
    return tuple(int(part) for part in text.split('.'))


class MagentoVersion:
    def __init__(self, text=NEWEST):
        self.text = text

    def at_least(self, text):
        return _numbers(self.text) >= _numbers(text)

    @property
    def rejects_unknown_fields(self):
        return self.at_least('2.4.7')

    @property
    def rejects_sku_spaces(self):
        return self.at_least('2.4.7')
