# -*- coding: utf-8 -*-
# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Reads and writes for stocks: feeds stock_plan with Magento's stocks, sends its plan."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.commerceops.magento.plugins.module_utils import stock_plan
from ansible_collections.commerceops.magento.plugins.module_utils.errors import MagentoApiError
from ansible_collections.commerceops.magento.plugins.module_utils.msi_rules import same_name

STOCKS_PATH = "inventory/stocks"


def read_stocks(client):
    """Every stock as stock_plan.stock_view gives it, sorted by id."""
    return sorted((stock_plan.stock_view(raw) for raw in client.search(STOCKS_PATH)),
                  key=lambda stock: stock["stock_id"])


def plan(client, params):
    return stock_plan.plan_stock(read_stocks(client), params["state"], stock_id=params["stock_id"],
                                 name=params["name"], sales_channels=params["sales_channels"])


def _create(client, stock):
    """POST a new stock without an id and return the id Magento gave it.

    This is the one write that is not an upsert. When an attempt's answer is lost and the client
    retries, the retry finds the name taken (Magento keeps stock names unique) and fails, although
    the first attempt created the stock; that stock is then the one asked for.
    """
    retried_before = client.requests_retried
    try:
        return client.post(STOCKS_PATH, {"stock": stock})
    except MagentoApiError:
        if client.requests_retried == retried_before:
            raise
        for existing in read_stocks(client):
            if same_name(existing["name"], stock["name"]):
                client.note_write_carried_out()
                return existing["stock_id"]
        raise


def apply(client, plan):
    """Send the plan; returns the stock after it, with the id Magento answered (None after a delete)."""
    action, body = plan.summary["action"], plan.body
    if action == "delete":
        client.delete("%s/%d" % (STOCKS_PATH, plan.before["stock_id"]))
        return None
    if action == "update":
        stock_id = client.put("%s/%d" % (STOCKS_PATH, plan.before["stock_id"]), {"stock": body})
    elif "stock_id" in body:
        stock_id = client.post(STOCKS_PATH, {"stock": body})
    else:
        stock_id = _create(client, body)
    return dict(plan.after, stock_id=int(stock_id))


def plan_list(client, entries, unlisted="keep"):
    """One read of every stock, then the plan of the whole list (validated before any write)."""
    return stock_plan.plan_stocks(entries, read_stocks(client), unlisted)


def apply_list(client, plan):
    """Send the plan's writes in order; returns the predicted after with the ids Magento gave new stocks."""
    created = {}
    for write in plan.body:
        if write["action"] == "delete":
            client.delete("%s/%d" % (STOCKS_PATH, write["stock_id"]))
        elif write["action"] == "update":
            client.put("%s/%d" % (STOCKS_PATH, write["stock_id"]), {"stock": write["stock"]})
        else:
            created[write["key"]] = int(_create(client, write["stock"]))
    return [dict(stock, stock_id=created.get(stock_plan.list_key(stock), stock["stock_id"])) for stock in plan.after]
