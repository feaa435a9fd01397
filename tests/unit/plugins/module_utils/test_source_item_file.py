# -*- coding: utf-8 -*-
# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The src file reader on its own: Magento's import CSV, JSON, JSON Lines, YAML; every kind of bad row."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.commerceops.magento.plugins.module_utils.errors import InvalidInput
from ansible_collections.commerceops.magento.plugins.module_utils.source_item_file import (
    file_format,
    read_source_items,
)
from ansible_collections.commerceops.magento.plugins.module_utils.source_item_plan import (
    normalize_input,
    required_fields,
)

SAVING = required_fields("merged")


def write(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return str(path)


def rows(path, required=SAVING, forced_format=None):
    """[(where, item)] with a ValueError shown as ('problem', its message)."""
    return [(where, ("problem", str(item)) if isinstance(item, ValueError) else item)
            for where, item in read_source_items(path, forced_format, required)]


def item(source_code, sku, status, quantity):
    return {"source_code": source_code, "sku": sku, "status": status, "quantity": quantity}


# --- CSV --------------------------------------------------------------------------------------------

def test_csv_in_magentos_import_layout(tmp_path):
    # Magento_InventoryImportExport's sample file, Files/Sample/stock_sources.csv.
    path = write(tmp_path, "stock_sources.csv", "source_code,sku,status,quantity\n"
                                                "default,sku1,1,10.10\ndefault,sku2,1,10.55\nsource-1,sku3,1,10\n")
    assert rows(path) == [
        ("src line 2", item("default", "sku1", "1", "10.10")),
        ("src line 3", item("default", "sku2", "1", "10.55")),
        ("src line 4", item("source-1", "sku3", "1", "10")),
    ]


def test_csv_columns_in_any_order_others_ignored_and_status_optional(tmp_path):
    path = write(tmp_path, "items.csv", "name,quantity,sku,source_code\nBag,5,24-MB01,uk\n")
    assert rows(path) == [("src line 2", {"quantity": "5", "sku": "24-MB01", "source_code": "uk"})]


def test_csv_byte_order_mark_crlf_and_blank_lines(tmp_path):
    path = write(tmp_path, "items.csv", b"\xef\xbb\xbfsource_code,sku,status,quantity\r\n\r\n"
                                        b"uk,A,1,1\r\n\r\n\r\nuk,B,0,2\r\n")
    assert rows(path) == [("src line 3", item("uk", "A", "1", "1")), ("src line 6", item("uk", "B", "0", "2"))]


def test_csv_quoting_and_a_record_over_two_lines(tmp_path):
    path = write(tmp_path, "items.csv", 'source_code,sku,status,quantity\n'
                                        'uk,"A,1",1,1\nuk,"say ""hi""",1,2\nuk,"two\nlines",,3\nuk,C,1,4\n')
    assert rows(path) == [
        ("src line 2", item("uk", "A,1", "1", "1")),
        ("src line 3", item("uk", 'say "hi"', "1", "2")),
        ("src line 4", item("uk", "two\nlines", None, "3")),
        ("src line 6", item("uk", "C", "1", "4")),
    ]


def test_csv_empty_cells_are_not_given_and_short_rows_are_padded(tmp_path):
    # As Magento's import: an empty cell is no value, a short row gets empty cells.
    path = write(tmp_path, "items.csv", "source_code,sku,status,quantity\nuk,A,,\nuk,B\n")
    assert rows(path) == [("src line 2", item("uk", "A", None, None)), ("src line 3", item("uk", "B", None, None))]


def test_csv_header_names_may_have_spaces_around_them(tmp_path):
    path = write(tmp_path, "items.csv", "source_code, sku, status, quantity\nuk,A,1,1\n")
    assert rows(path) == [("src line 2", item("uk", "A", "1", "1"))]


def test_csv_bad_rows_are_reported_and_reading_goes_on(tmp_path):
    path = write(tmp_path, "items.csv", b'source_code,sku,status,quantity\n'
                                        b'uk,A,1,1,extra\n'
                                        b'uk,"B"x,1,1\n'
                                        b'uk,C\xff,1,1\n'
                                        b'uk,D,1,1\n')
    assert rows(path) == [
        ("src line 2", ("problem", "5 fields where the header has 4: uk,A,1,1,extra")),
        ("src line 3", ("problem", "not valid CSV: ',' expected after '\"'")),
        ("src line 4", ("problem", "not UTF-8 text; save the file as UTF-8")),
        ("src line 5", item("uk", "D", "1", "1")),
    ]


def test_csv_long_bad_row_is_quoted_short(tmp_path):
    path = write(tmp_path, "items.csv", "sku,source_code,quantity\n" + "x," * 100 + "x\n")
    (where, (kind, message)), = rows(path)
    assert message.startswith("101 fields where the header has 3: x,x,") and message.endswith("...")
    assert len(message) < 200


@pytest.mark.parametrize("header, message", [
    ("source_code,sku,status\n", "src line 1: the header source_code,sku,status has no quantity column; Magento's "
                                 "source-item import layout is source_code,sku,status,quantity"),
    ("Source_Code,SKU,Quantity\n", "src line 1: the header Source_Code,SKU,Quantity has no sku, source_code, "
                                   "quantity column (column names are lower case, as in Magento's import); "
                                   "Magento's source-item import layout is source_code,sku,status,quantity"),
    ("sku;source_code;quantity\n", "src line 1: the header sku;source_code;quantity has no sku, source_code, "
                                   "quantity column; Magento's source-item import layout is "
                                   "source_code,sku,status,quantity"),
    ("\n\nsku,sku,source_code,quantity\n", "src line 3: the header names sku more than once"),
])
def test_csv_header_problems_stop_the_read(tmp_path, header, message):
    path = write(tmp_path, "items.csv", header + "uk,A,1,1\n")
    with pytest.raises(InvalidInput) as caught:
        rows(path)
    assert caught.value.problems == [message]


def test_csv_needs_only_the_columns_the_state_uses(tmp_path):
    path = write(tmp_path, "items.csv", "sku,source_code\nA,uk\n")
    assert rows(path, required_fields("deleted")) == [("src line 2", {"sku": "A", "source_code": "uk"})]
    with pytest.raises(InvalidInput, match="has no quantity column"):
        rows(path, required_fields("merged"))


def test_csv_empty_file_and_header_only(tmp_path):
    with pytest.raises(InvalidInput, match="items.csv is empty; its first line must be the header"):
        rows(write(tmp_path, "items.csv", ""))
    assert rows(write(tmp_path, "header.csv", "source_code,sku,status,quantity\r\n")) == []


# --- JSON, JSON Lines, YAML -------------------------------------------------------------------------

def test_json_list_items_with_the_line_each_starts_on(tmp_path):
    path = write(tmp_path, "items.json", '[\n  {"sku": "A", "source_code": "uk", "quantity": 1},\n'
                                         '  {\n    "sku": "B",\n    "source_code": "uk", "quantity": 2.5,'
                                         ' "status": "out_of_stock"\n  },\n  "not an item"\n]\n')
    assert rows(path) == [
        ("src line 2", {"sku": "A", "source_code": "uk", "quantity": 1}),
        ("src line 3", {"sku": "B", "source_code": "uk", "quantity": 2.5, "status": "out_of_stock"}),
        ("src line 7", "not an item"),
    ]


def test_json_byte_order_mark_and_empty_list(tmp_path):
    assert rows(write(tmp_path, "items.json", b"\xef\xbb\xbf [ ]\n")) == []
    assert rows(write(tmp_path, "one.json", b'\xef\xbb\xbf[{"sku": "A"}]')) == [("src line 1", {"sku": "A"})]


@pytest.mark.parametrize("content, message", [
    ('{"sku": "A"}', "src {path} must hold a JSON list of items"),
    ('[\n{"sku": "A"},\n{"sku": }\n]', "src line 3 column 9: not valid JSON: Expecting value"),
    ('[{"sku": "A"} {"sku": "B"}]', "src line 1 column 15: not valid JSON: Expecting ',' delimiter"),
    ('[{"sku": "A"}] []', "src line 1 column 16: not valid JSON: Extra data"),
    ('[{"sku": "A"},', "src line 1 column 15: not valid JSON: Expecting value"),
])
def test_json_that_does_not_parse_stops_the_read(tmp_path, content, message):
    path = write(tmp_path, "items.json", content)
    with pytest.raises(InvalidInput) as caught:
        rows(path)
    assert caught.value.problems[0].startswith(message.format(path=path))


def test_json_not_utf8_names_the_line(tmp_path):
    with pytest.raises(InvalidInput, match=r"^src line 2 is not UTF-8 text"):
        rows(write(tmp_path, "items.json", b'[\n{"sku": "A\xe9"}]'))


def test_json_lines_one_item_a_line_bad_lines_reported(tmp_path):
    path = write(tmp_path, "items.jsonl", b'{"sku": "A", "source_code": "uk", "quantity": 1}\r\n\n'
                                          b'{"sku": "B",\n{"sku": "C\xff"}\n[1]\n')
    assert rows(path) == [
        ("src line 1", {"sku": "A", "source_code": "uk", "quantity": 1}),
        ("src line 3", ("problem", "not valid JSON: Expecting property name enclosed in double quotes")),
        ("src line 4", ("problem", "not UTF-8 text; save the file as UTF-8")),
        ("src line 5", [1]),
    ]


@pytest.fixture(params=["libyaml", "pure-python"])
def yaml_parser(request, monkeypatch):
    """Both of PyYAML's parsers: libyaml's when PyYAML was built with it, and its own."""
    yaml = pytest.importorskip("yaml")
    if request.param == "pure-python":
        monkeypatch.delattr(yaml, "CSafeLoader", raising=False)
    elif not hasattr(yaml, "CSafeLoader"):
        pytest.skip("PyYAML without libyaml")
    return request.param


def test_yaml_list_items_with_their_lines_anchors_and_merge_keys(tmp_path, yaml_parser):
    path = write(tmp_path, "items.yml", "---\n# stock\n- {sku: A, source_code: uk, quantity: 1, status: in_stock}\n"
                                        "- &base\n  sku: B\n  source_code: uk\n  quantity: 2.5\n"
                                        "- <<: *base\n  sku: C\n- sku: 001234\n  source_code: uk\n")
    assert rows(path) == [
        ("src line 3", {"sku": "A", "source_code": "uk", "quantity": 1, "status": "in_stock"}),
        ("src line 4", {"sku": "B", "source_code": "uk", "quantity": 2.5}),
        ("src line 8", {"sku": "C", "source_code": "uk", "quantity": 2.5}),
        # YAML 1.1 reads 001234 as an octal number.
        ("src line 10", {"sku": 668, "source_code": "uk"}),
    ]


@pytest.mark.parametrize("content, message", [
    ("", "src {path} must hold a YAML list of items"),
    ("sku: A\n", "src {path} must hold a YAML list of items"),
    ("- {sku: A}\n- {sku: [B}\n", "src {path} is not valid YAML"),
    ("- {sku: A}\n---\n- {sku: B}\n", "src {path} must hold one YAML document"),
    ("- *nowhere\n", "src {path} is not valid YAML"),
])
def test_yaml_problems_stop_the_read(tmp_path, yaml_parser, content, message):
    path = write(tmp_path, "items.yaml", content)
    with pytest.raises(InvalidInput) as caught:
        rows(path)
    assert caught.value.problems[0].startswith(message.format(path=path))


# --- the file and its format ------------------------------------------------------------------------

@pytest.mark.parametrize("name, forced, expected", [
    ("a.csv", None, "csv"), ("A.CSV", None, "csv"), ("a.json", None, "json"), ("a.jsonl", None, "jsonl"),
    ("a.ndjson", None, "jsonl"), ("a.yml", None, "yaml"), ("a.yaml", None, "yaml"), ("export.txt", "csv", "csv"),
    ("a.csv", "json", "json"),
])
def test_format_from_extension_unless_forced(name, forced, expected):
    assert file_format(name, forced) == expected


def test_unknown_extension_asks_for_src_format(tmp_path):
    with pytest.raises(InvalidInput, match=r"cannot tell the format of src .*export.txt from its extension; name it "
                                           r"\.csv, \.json, \.jsonl or \.yml, or set src_format"):
        rows(write(tmp_path, "export.txt", "sku\nA\n"))
    assert rows(write(tmp_path, "export2.txt", "sku,source_code,quantity\nA,uk,1\n"), forced_format="csv") == [
        ("src line 2", {"sku": "A", "source_code": "uk", "quantity": "1"})]


def test_missing_file(tmp_path):
    with pytest.raises(InvalidInput, match=r"^src .*nowhere.csv cannot be read: No such file or directory$"):
        rows(str(tmp_path / "nowhere.csv"))


# --- through the planner's checks -------------------------------------------------------------------

def test_every_bad_row_of_a_file_is_reported_at_once_with_line_and_value(tmp_path):
    path = write(tmp_path, "items.csv", "source_code,sku,status,quantity\n"
                                        "uk,A,1,10\n"
                                        "uk,B,1,ten\n"
                                        "uk,C,sold,1\n"
                                        "uk,,1,1\n"
                                        "u k,D,1,1\n"
                                        "uk,E,1\n"
                                        "uk,F,1,1,1\n"
                                        "uk,a,1,11\n")
    with pytest.raises(InvalidInput) as caught:
        normalize_input("merged", None, None, entries=read_source_items(path, required=SAVING))
    assert caught.value.problems == [
        "src line 3 (sku 'B' at source 'uk'): quantity must be a number, got 'ten'",
        "src line 4 (sku 'C' at source 'uk'): status must be in_stock, out_of_stock, 1 or 0, got 'sold'",
        "src line 5 needs a non-empty sku",
        "src line 6 (sku 'D'): source_code 'u k' is empty or contains whitespace",
        "src line 7 (sku 'E' at source 'uk') needs a quantity with state=merged",
        "src line 8: 5 fields where the header has 4: uk,F,1,1,1",
        "listed more than once with different values: sku 'A' at source 'uk'",
    ]


def test_file_items_normalize_as_items_do(tmp_path):
    path = write(tmp_path, "items.csv", "source_code,sku,status,quantity\nuk,A,1,10.12345\nuk,B,,0\nuk,a,in_stock,10.1235\n")
    desired, sources = normalize_input("merged", None, None, entries=read_source_items(path, required=SAVING))
    assert sources is None
    assert desired == [{"sku": "A", "source_code": "uk", "quantity": 10.1235, "status": 1},
                       {"sku": "B", "source_code": "uk", "quantity": 0.0, "status": None}]


def test_a_number_where_a_sku_belongs_is_refused(tmp_path):
    path = write(tmp_path, "items.yml", "- {sku: 001234, source_code: uk, quantity: 1}\n")
    with pytest.raises(InvalidInput) as caught:
        normalize_input("merged", None, None, entries=read_source_items(path, required=SAVING))
    assert caught.value.problems == ["src line 1: sku must be text, got the int 668; quote it"]
