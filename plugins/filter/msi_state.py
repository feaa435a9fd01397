# -*- coding: utf-8 -*-
# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Filters of the msi role: export Magento's MSI state in the role's format, split the link and item
inputs for check mode, and summarise drift. Documented in the .yml file of each filter."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.errors import AnsibleFilterError

from ansible_collections.commerceops.magento.plugins.plugin_utils import inventory_state


def msi_export_state(sources, stocks, links, source_items=None):
    try:
        return inventory_state.export_state(sources, stocks, links, source_items)
    except inventory_state.StateProblems as error:
        raise AnsibleFilterError('Magento holds MSI data the exported file could not recreate, so nothing was '
                                 'written:\n- %s' % '\n- '.join(error.problems))


def msi_split_links(links, stocks_result=None, sources_result=None, check_mode=False):
    return inventory_state.split_links(links, stocks_result, sources_result, check_mode)


def msi_split_items(items, sources_result=None, check_mode=False):
    return inventory_state.split_items(items, sources_result, check_mode)


def msi_drift_summary(results):
    return inventory_state.drift_summary(results)


class FilterModule(object):
    def filters(self):
        return {
            'msi_export_state': msi_export_state,
            'msi_split_links': msi_split_links,
            'msi_split_items': msi_split_items,
            'msi_drift_summary': msi_drift_summary,
        }
