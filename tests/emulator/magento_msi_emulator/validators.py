# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The field checks of magento/inventory's Inventory/Model/Validators/*, each returning a list of errors."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

from .errors import EMPTY_FIELD, WHITESPACE_FIELD, field_error

LEADING_OR_TRAILING_SPACES = '"%field" can not contain leading or trailing spaces.'
NOT_NUMERIC = '"%field" should be numeric.'
# sic: the missing "be" is Magento's (Inventory/Model/SourceItem/Validator/StatusValidator.php)
UNKNOWN_STATUS = '"%field" should a known status.'

# PHP's trim() and PCRE's \s without the u flag: ASCII whitespace only
_PHP_TRIMMED = ' \t\n\r\0\x0b'
_PCRE_SPACE = re.compile(r'[ \t\n\x0b\f\r]')


def php_text(value):
    """The (string) cast the validators apply before looking at a value."""
    return '' if value is None else str(value)


def is_blank(value):
    return php_text(value).strip(_PHP_TRIMMED) == ''


def not_an_empty_string(field, value):
    return [field_error(EMPTY_FIELD, field)] if is_blank(value) else []


def no_whitespace_in_string(field, value):
    return [field_error(WHITESPACE_FIELD, field)] if _PCRE_SPACE.search(php_text(value)) else []


def no_space_before_and_after_string(field, value):
    text = php_text(value)
    return [field_error(LEADING_OR_TRAILING_SPACES, field)] if text.strip(_PHP_TRIMMED) != text else []


def is_numeric_value(field, value):
    # after the REST layer's type conversion a quantity or status is a number or absent (None)
    return [field_error(NOT_NUMERIC, field)] if value is None else []
