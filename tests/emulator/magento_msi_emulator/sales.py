# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""InventorySalesApi routes users verify with: the stock of a sales channel, a product's salable quantity.

The salable quantity leaves out reservations (the emulator places no orders), min_qty (0), backorders and
"manage stock" switched off: with those at Magento's defaults it is what the stock index holds.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from . import stocks
from .errors import MagentoError, bad_request

NO_LINKED_STOCK = 'No linked stock found'
NO_SUCH_PRODUCT = "The product that was requested doesn't exist. Verify the product and try again."
NO_SOURCE_ITEMS_SUPPORT = "Can't check requested quantity for products without Source Items support."
NO_STOCK_ITEM_DATA = 'Could not receive Stock Item data'
# the "isQty" product types of Magento_CatalogInventory (etc/product_types.xml of the type modules)
SOURCE_ITEM_TYPES = ('simple', 'virtual', 'downloadable')
STATUS_IN_STOCK = 1


def resolve_stock(inventory, channel_type, code):
    """InventorySales StockIdResolver: WHERE type = ? AND code = ?, through the collation."""
    collation = inventory.collation
    for (stored_type, stored_code), stock_id in inventory.sales_channels.items():
        if collation.same(stored_type, channel_type) and collation.same(stored_code, code):
            return stocks.get_stock(inventory, stock_id)
    raise MagentoError(404, NO_LINKED_STOCK)


def _check_product(inventory, sku):
    # GetProductTypesBySkus keys its answer by the catalog's spelling and GetProductSalableQty looks the
    # requested SKU up with array_key_exists: the product check is exact even under the collation
    product_type = inventory.product_type(sku)
    if product_type is None:
        raise MagentoError(404, NO_SUCH_PRODUCT)
    if product_type not in SOURCE_ITEM_TYPES:
        raise bad_request(NO_SOURCE_ITEMS_SUPPORT)


def _items_of(inventory, sku, source_codes):
    collation = inventory.collation
    codes = set(collation.key(code) for code in source_codes)
    return [row for row in inventory.source_items_with_sku(sku) if collation.key(row['source_code']) in codes]


def _salable(quantity):
    # MinQtyStockWithReservationsCondition: SUM(in-stock quantity) + reservations - min_qty > 0
    return float(quantity) if quantity > 0 else 0.0


def salable_quantity(inventory, sku, stock_id):
    """GetProductSalableQty::execute without reservations."""
    _check_product(inventory, sku)
    if stock_id == stocks.DEFAULT_STOCK_ID:
        # the Default Stock reads the legacy cataloginventory_stock_status, kept from the Default Source item
        items = _items_of(inventory, sku, ['default'])
        return _salable(sum(row['quantity'] for row in items if row['status'] == STATUS_IN_STOCK))
    if stock_id not in inventory.stocks:
        # GetStockItemData selects from inventory_stock_<id>, a table that does not exist for it
        raise bad_request(NO_STOCK_ITEM_DATA)
    # InventoryIndexer SelectBuilder: the enabled sources linked to the stock; out-of-stock items count 0
    linked = [link['source_code'] for link in inventory.links if link['stock_id'] == stock_id]
    enabled = [code for code in (inventory.source_code_for(code) for code in linked)
               if code is not None and inventory.sources[code].get('enabled')]
    items = _items_of(inventory, sku, enabled)
    return _salable(sum(row['quantity'] for row in items if row['status'] == STATUS_IN_STOCK))
