# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Sphinx configuration for the docs site that `make docs` renders into docs/build."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

project = 'commerceops.magento'
copyright = '2026, commerceops contributors'  # pylint: disable=redefined-builtin
title = 'commerceops.magento'
html_short_title = 'commerceops.magento'

extensions = ['sphinx_antsibull_ext']

pygments_style = 'ansible'
highlight_language = 'YAML+Jinja'

html_theme = 'sphinx_ansible_theme'
html_show_sphinx = False
html_copy_source = False
html_use_index = False
html_use_modindex = False

# No intersphinx: the site is built offline, and cross-collection links are not needed for one
# collection that only uses ansible.builtin.
default_role = 'any'
nitpicky = False
