# -*- coding: utf-8 -*-
# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What every planner returns, and the one way a diff is built. No I/O."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type


def text_diff(before_text, after_text, label):
    """An Ansible diff dict from two texts; label names the resource in the headers."""
    return {
        "before": before_text,
        "after": after_text,
        "before_header": "%s (before)" % label,
        "after_header": "%s (after)" % label,
    }


class Plan(object):
    """One run's decision: summary (returned as the result's plan), before, predicted after, warnings.

    render(state) turns a before or after state into diff text; label names the resource in the diff.
    counts, for planners of long lists, says how many records each kind of change touches.
    """

    def __init__(self, summary, changed, before, after, render, label, warnings=(), body=None, counts=None):
        self.summary = summary
        self.changed = changed
        self.before = before
        self.after = after
        self.warnings = list(warnings)
        self.body = body
        self.counts = counts
        self._render = render
        self._label = label

    def diff(self, after=None):
        """The diff between before and after (the predicted after unless Magento's is given)."""
        return text_diff(self._render(self.before), self._render(self.after if after is None else after),
                         self._label)


class RecordsPlan(Plan):
    """A plan over a list of records (sources, stocks): the diff is one entry per record that changes.

    Ansible shows a list of diffs one after the other, each with its own headers, so --diff reads
    record by record and leaves out the records that stay as they are. key_of(record) pairs a
    record's before with its after; label_of(record) names it in the headers.
    """

    def __init__(self, summary, changed, before, after, render, key_of, label_of, warnings=(), body=None):
        super(RecordsPlan, self).__init__(summary, changed, before, after, render, None, warnings, body)
        self._key_of = key_of
        self._label_of = label_of

    def diff(self, after=None):
        after = self.after if after is None else after
        old = dict((self._key_of(record), record) for record in self.before or [])
        new = dict((self._key_of(record), record) for record in after or [])
        keys = [self._key_of(record) for record in after or []]
        keys.extend(self._key_of(record) for record in self.before or [] if self._key_of(record) not in new)
        return [text_diff(self._render(old.get(record_key)), self._render(new.get(record_key)),
                          self._label_of(new.get(record_key) or old.get(record_key)))
                for record_key in keys if old.get(record_key) != new.get(record_key)]
