# -*- coding: utf-8 -*-
# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.commerceops.magento.plugins.module_utils.client import MagentoClient


class RealBatching(object):
    """For fake clients: the real client's batching, each batch sent through the fake's _write, so the
    modules' one batching path is the one under test."""

    post_batches = MagentoClient.post_batches
    _item_limit = None

    def _request(self, method, path, params=None, body=None):
        assert method == "POST" and params is None
        return self._write(path, body)
