# -*- coding: utf-8 -*-
# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Source items from a file on the host that runs the module: Magento's import CSV, JSON, JSON Lines or YAML.

read_source_items gives (where, item) pairs for source_item_plan.normalize_entries, one at a time, so
a big file never exists twice as Python objects: ``where`` names the row in problems ("src line 7"),
``item`` is a dict of the fields found, or a ValueError saying why that row cannot be used (a CSV or
JSON Lines row that is not valid, or not UTF-8), reported with every other bad row. A problem with the
file as a whole (missing, unreadable, no header, a required column missing, JSON or YAML that does not
parse or is not UTF-8) raises InvalidInput.

CSV and JSON Lines are read row by row. JSON is read as text whole (about 90 bytes an item) and its
list's items are decoded one at a time. YAML is read as text whole and its list's items are composed
from the parser's events one at a time, which is slower than CSV. No Ansible imports: tested on its own.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import csv
import json
import os
import re

from ansible_collections.commerceops.magento.plugins.module_utils.errors import InvalidInput

FORMATS = ("csv", "json", "jsonl", "yaml")
_EXTENSIONS = {".csv": "csv", ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl", ".yml": "yaml",
               ".yaml": "yaml"}

# Magento_InventoryImportExport's stock_sources entity (System > Data Transfer > Import, "Stock Sources"):
# a header naming these columns, in any order. Its import ignores other columns, pads a short row with
# empty cells and turns an empty cell into "no value" (AbstractEntity::_prepareRowForDb); so does this reader.
CSV_COLUMNS = ("source_code", "sku", "status", "quantity")
# How much of a bad row a problem quotes.
_QUOTED_ROW = 120
_JSON_SPACE = re.compile(r"[ \t\n\r]*")


def file_format(path, forced=None):
    """The format to read path as: forced when given, otherwise from its extension; InvalidInput if unknown."""
    if forced:
        if forced not in FORMATS:
            raise InvalidInput("src_format must be one of %s, got %r" % (", ".join(FORMATS), forced))
        return forced
    extension = os.path.splitext(path)[1].lower()
    if extension not in _EXTENSIONS:
        raise InvalidInput("cannot tell the format of src %s from its extension; name it .csv, .json, .jsonl or "
                           ".yml, or set src_format" % path)
    return _EXTENSIONS[extension]


def read_source_items(path, forced_format=None, required=("sku",), label="src"):
    """(where, item or ValueError) pairs of the items in the file at path, in file order.

    required are the CSV columns the run needs (source_item_plan.required_fields); label starts every
    ``where``. The file is opened and its header (CSV) checked at once; the rows are read as the pairs
    are taken.
    """
    kind = file_format(path, forced_format)
    if kind == "csv":
        return _csv_items(path, required, label)
    if kind == "json":
        return _json_items(path, label)
    if kind == "jsonl":
        return _json_lines_items(path, label)
    return _yaml_items(path, label)


_BOM = b"\xef\xbb\xbf"
# What a byte that is not UTF-8 becomes when decoded with surrogateescape.
_NOT_UTF8 = re.compile(u"[\udc80-\udcff]")


def _open_binary(path, label):
    try:
        return open(path, "rb")
    except (IOError, OSError) as error:
        raise InvalidInput("%s %s cannot be read: %s" % (label, path, error.strerror or error))


def _read_error(label, path, error):
    return InvalidInput("%s %s cannot be read: %s" % (label, path, getattr(error, "strerror", None) or error))


def _text_lines(handle, label, path):
    """The file's lines as text, line endings kept; the byte-order mark spreadsheet programs write is dropped,
    as Magento's import drops it. Bytes that are not UTF-8 stay as surrogates, for the row to report."""
    first = True
    while True:
        try:
            line = handle.readline()
        except (IOError, OSError) as error:
            raise _read_error(label, path, error)
        if not line:
            return
        if first and line.startswith(_BOM):
            line = line[len(_BOM):]
        first = False
        yield line.decode("utf-8", "surrogateescape")


def _whole_text(path, label):
    """The file as one text (JSON and YAML are parsed whole); InvalidInput naming the line of a non-UTF-8 byte."""
    handle = _open_binary(path, label)
    with handle:
        try:
            data = handle.read()
        except (IOError, OSError) as error:
            raise _read_error(label, path, error)
    if data.startswith(_BOM):
        data = data[len(_BOM):]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InvalidInput("%s line %d is not UTF-8 text (%s); save the file as UTF-8"
                           % (label, data.count(b"\n", 0, error.start) + 1, error.reason))


def _quoted(row):
    text = ",".join(row)
    return text if len(text) <= _QUOTED_ROW else text[:_QUOTED_ROW] + "..."


# --- CSV ------------------------------------------------------------------------------------------

def _csv_items(path, required, label):
    handle = _open_binary(path, label)
    try:
        # strict: a stray quote inside a field is a bad row, not a value quietly different from the file's.
        reader = csv.reader(_text_lines(handle, label, path), strict=True)
        columns, width = _csv_header(reader, path, required, label)
    except BaseException:
        handle.close()
        raise
    return _csv_rows(handle, reader, columns, width, label)


def _csv_header(reader, path, required, label):
    """({field: column index}, number of columns) of the header, the first line that is not blank."""
    header = []
    try:
        while not header:
            header = next(reader)
    except StopIteration:
        raise InvalidInput("%s %s is empty; its first line must be the header, e.g. %s"
                           % (label, path, ",".join(CSV_COLUMNS)))
    except csv.Error as error:
        raise InvalidInput("%s line %d: the header is not valid CSV: %s" % (label, reader.line_num, error))
    where = "%s line %d" % (label, reader.line_num)
    if any(_NOT_UTF8.search(name) for name in header):
        raise InvalidInput("%s is not UTF-8 text; save the file as UTF-8" % where)
    names = [name.strip() for name in header]
    repeated = sorted(set(name for name in names if name and names.count(name) > 1))
    if repeated:
        raise InvalidInput("%s: the header names %s more than once" % (where, ", ".join(repeated)))
    missing = [name for name in required if name not in names]
    if missing:
        lower = set(name.lower() for name in names)
        hint = (" (column names are lower case, as in Magento's import)"
                if any(name in lower for name in missing) else "")
        raise InvalidInput("%s: the header %s has no %s column%s; Magento's source-item import layout is %s"
                           % (where, _quoted(header), ", ".join(missing), hint, ",".join(CSV_COLUMNS)))
    return dict((name, names.index(name)) for name in CSV_COLUMNS if name in names), len(names)


def _csv_rows(handle, reader, columns, width, label):
    with handle:
        while True:
            where = "%s line %d" % (label, reader.line_num + 1)
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                # The reader starts afresh on the next line: the other rows are still checked.
                yield where, ValueError("not valid CSV: %s" % error)
                continue
            if not row:
                continue
            if len(row) > width:
                yield where, ValueError("%d fields where the header has %d: %s" % (len(row), width, _quoted(row)))
            elif any(_NOT_UTF8.search(field) for field in row):
                yield where, ValueError("not UTF-8 text; save the file as UTF-8")
            else:
                yield where, dict((name, row[index] if index < len(row) and row[index] != "" else None)
                                  for name, index in columns.items())


# --- JSON and JSON Lines --------------------------------------------------------------------------

def _json_items(path, label):
    text = _whole_text(path, label)
    position = _JSON_SPACE.match(text).end()
    if not text.startswith("[", position):
        raise InvalidInput("%s %s must hold a JSON list of items, e.g. [{\"sku\": \"24-MB01\", \"source_code\": "
                           "\"uk_warehouse\", \"quantity\": 100}]" % (label, path))
    return _json_list(text, position + 1, label)


def _json_list(text, position, label):
    """The list's elements one at a time; the text is the file's, the objects exist one by one."""
    decoder = json.JSONDecoder()
    line, counted = 1, 0
    position = _JSON_SPACE.match(text, position).end()
    if text.startswith("]", position):
        return
    while True:
        line += text.count("\n", counted, position)
        counted = position
        try:
            value, position = decoder.raw_decode(text, position)
        except ValueError as error:
            raise _json_syntax(label, error)
        yield "%s line %d" % (label, line), value
        position = _JSON_SPACE.match(text, position).end()
        if text.startswith("]", position):
            break
        if not text.startswith(",", position):
            raise _json_syntax(label, json.JSONDecodeError("Expecting ',' delimiter", text, position))
        position = _JSON_SPACE.match(text, position + 1).end()
    position = _JSON_SPACE.match(text, position + 1).end()
    if position != len(text):
        raise _json_syntax(label, json.JSONDecodeError("Extra data", text, position))


def _json_syntax(label, error):
    if isinstance(error, json.JSONDecodeError):
        return InvalidInput("%s line %d column %d: not valid JSON: %s" % (label, error.lineno, error.colno, error.msg))
    return InvalidInput("%s: not valid JSON: %s" % (label, error))


def _json_lines_items(path, label):
    return _json_lines(_open_binary(path, label), path, label)


def _json_lines(handle, path, label):
    with handle:
        for number, text in enumerate(_text_lines(handle, label, path), 1):
            if not text.strip():
                continue
            where = "%s line %d" % (label, number)
            if _NOT_UTF8.search(text):
                yield where, ValueError("not UTF-8 text; save the file as UTF-8")
                continue
            try:
                value = json.loads(text)
            except ValueError as error:
                # Each line stands alone: report it and read on.
                yield where, ValueError("not valid JSON: %s" % getattr(error, "msg", error))
                continue
            yield where, value


# --- YAML -----------------------------------------------------------------------------------------

def _yaml_items(path, label):
    try:
        import yaml
    except ImportError:
        raise InvalidInput("reading %s %s as YAML needs the Python library PyYAML on the host that runs the module; "
                           "use CSV or JSON, or install PyYAML" % (label, path))
    # libyaml's parser when PyYAML has it; yaml.load would build the whole document's nodes first (several
    # hundred MB at 100,000 items), so the list's items are composed and built one at a time from its events.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(_whole_text(path, label))
    try:
        loader.get_event()  # the stream's start
        loader.get_event()  # the document's start, or the stream's end when it holds none
        if not loader.check_event(yaml.SequenceStartEvent):
            raise InvalidInput("%s %s must hold a YAML list of items, e.g. - {sku: 24-MB01, source_code: "
                               "uk_warehouse, quantity: 100}" % (label, path))
        loader.get_event()
    except yaml.YAMLError as error:
        loader.dispose()
        raise InvalidInput("%s %s is not valid YAML: %s" % (label, path, error))
    except BaseException:
        loader.dispose()
        raise
    return _yaml_list(yaml, loader, path, label)


def _yaml_list(yaml, loader, path, label):
    anchors = {}
    try:
        while not loader.check_event(yaml.SequenceEndEvent):
            line = loader.peek_event().start_mark.line + 1
            yield "%s line %d" % (label, line), loader.construct_document(_yaml_node(yaml, loader, anchors))
        loader.get_event()
        if not loader.check_event(yaml.DocumentEndEvent):
            raise InvalidInput("%s %s: the list of items must be the whole document" % (label, path))
        loader.get_event()
        if not loader.check_event(yaml.StreamEndEvent):
            raise InvalidInput("%s %s must hold one YAML document" % (label, path))
    except yaml.YAMLError as error:
        raise InvalidInput("%s %s is not valid YAML: %s" % (label, path, error))
    finally:
        loader.dispose()


def _yaml_node(yaml, loader, anchors):
    """The next node, composed from the parser's events as PyYAML's composer does, for one item at a time."""
    event = loader.get_event()
    if isinstance(event, yaml.AliasEvent):
        if event.anchor not in anchors:
            raise yaml.composer.ComposerError(None, None, "found undefined alias %r" % event.anchor, event.start_mark)
        return anchors[event.anchor]
    tag = event.tag
    if isinstance(event, yaml.ScalarEvent):
        if tag is None or tag == "!":
            tag = loader.resolve(yaml.ScalarNode, event.value, event.implicit)
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, style=event.style)
    elif isinstance(event, yaml.SequenceStartEvent):
        if tag is None or tag == "!":
            tag = loader.resolve(yaml.SequenceNode, None, event.implicit)
        node = yaml.SequenceNode(tag, [], event.start_mark, None, flow_style=event.flow_style)
        if event.anchor is not None:
            anchors[event.anchor] = node
        while not loader.check_event(yaml.SequenceEndEvent):
            node.value.append(_yaml_node(yaml, loader, anchors))
        node.end_mark = loader.get_event().end_mark
        return node
    else:
        if tag is None or tag == "!":
            tag = loader.resolve(yaml.MappingNode, None, event.implicit)
        node = yaml.MappingNode(tag, [], event.start_mark, None, flow_style=event.flow_style)
        if event.anchor is not None:
            anchors[event.anchor] = node
        while not loader.check_event(yaml.MappingEndEvent):
            item_key = _yaml_node(yaml, loader, anchors)
            node.value.append((item_key, _yaml_node(yaml, loader, anchors)))
        node.end_mark = loader.get_event().end_mark
        return node
    if event.anchor is not None:
        anchors[event.anchor] = node
    return node
