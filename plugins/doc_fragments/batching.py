# -*- coding: utf-8 -*-
# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):
    # The options of module_utils.module.batching_argument_spec(), for modules that read and write lists.
    DOCUMENTATION = r"""
options:
  page_size:
    description:
      - How many records one read request asks for. Magento refuses more than V(300) when its input limits
        are enabled; the module then reads again in Magento's size and warns once.
      - Pages after the first are read O(parallel_reads) at a time.
      - If not set, the environment variable E(MAGENTO_PAGE_SIZE) is used.
    type: int
    default: 300
  batch_size:
    description:
      - How many records one save or delete request carries. Requests are sent one after the other.
      - When Magento's input limits refuse a request for carrying too many records (more than 20 unless
        configured otherwise), nothing of it was saved; the rest is sent in batches of Magento's maximum, with
        a warning to lower this value.
      - If not set, the environment variable E(MAGENTO_BATCH_SIZE) is used.
    type: int
    default: 500
"""
