# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A Magento 2.4 Multi-Source Inventory REST emulator for tests (standard library only)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from .server import EmulatorServer  # noqa: F401

__all__ = ['EmulatorServer']
