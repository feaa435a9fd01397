# -*- coding: utf-8 -*-
# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os

import yaml

from ansible_collections.commerceops.magento.plugins import modules

MODULES_DIR = list(modules.__path__)[0]
RUNTIME = os.path.join(MODULES_DIR, "..", "..", "meta", "runtime.yml")


def module_names():
    return sorted(name[:-3] for name in os.listdir(MODULES_DIR) if name.endswith(".py") and name != "__init__.py")


def test_every_module_is_in_the_magento_action_group():
    """module_defaults: group/commerceops.magento.magento must reach every module of the collection."""
    with open(RUNTIME) as handle:
        group = yaml.safe_load(handle)["action_groups"]["magento"]
    names = module_names()
    assert len(names) >= 6
    assert [name for name in names if name not in group] == []
    assert [name for name in group if name not in names] == [], "the group lists a module that does not exist"
