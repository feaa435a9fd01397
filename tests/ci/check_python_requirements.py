# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fails unless requirements.txt names exactly the third-party libraries that plugins/ imports.

Also checks that meta/execution-environment.yml takes its Python dependencies from that file, so an
execution environment built from the collection gets the same list.
Usage: check_python_requirements.py COLLECTION_ROOT   (a source tree or an installed copy)
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import ast
import os
import re
import sys
from importlib import metadata

import yaml

# Names that come with ansible-core or the collection itself, not from requirements.txt.
PROVIDED = {'ansible', 'ansible_collections'}


def imported_top_level_names(plugins_dir):
    """{top-level module name: [files importing it]} for absolute imports outside the stdlib."""
    found = {}
    for folder, _dirs, files in os.walk(plugins_dir):
        for name in sorted(files):
            if not name.endswith('.py'):
                continue
            path = os.path.join(folder, name)
            with open(path, encoding='utf-8') as handle:
                tree = ast.parse(handle.read(), path)
            for node in ast.walk(tree):
                if isinstance(node, ast.Import):
                    modules = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    modules = [node.module]
                else:
                    continue
                for module in modules:
                    top = module.split('.')[0]
                    if top in sys.stdlib_module_names or top in PROVIDED or top == '__future__':
                        continue
                    found.setdefault(top, []).append(os.path.relpath(path, os.path.dirname(plugins_dir)))
    return found


def distribution_names(import_names):
    """Maps import names to distribution names with what is installed here (import name as fallback)."""
    installed = metadata.packages_distributions()
    return dict((name, installed.get(name, [name])[0].lower()) for name in import_names)


def required_names(requirements_path):
    names = set()
    with open(requirements_path, encoding='utf-8') as handle:
        for line in handle:
            line = line.split('#', 1)[0].strip()
            if line:
                names.add(re.split(r'[<>=!~;\[ ]', line, maxsplit=1)[0].lower().replace('_', '-'))
    return names


def main(root):
    problems = []
    imports = imported_top_level_names(os.path.join(root, 'plugins'))
    wanted = dict((dist.replace('_', '-'), name) for name, dist in distribution_names(imports).items())
    listed = required_names(os.path.join(root, 'requirements.txt'))

    for dist in sorted(set(wanted) - listed):
        problems.append('requirements.txt lacks %s, imported by %s' % (dist, ', '.join(sorted(set(imports[wanted[dist]])))))
    for dist in sorted(listed - set(wanted)):
        problems.append('requirements.txt lists %s, which nothing in plugins/ imports' % dist)

    with open(os.path.join(root, 'meta', 'execution-environment.yml'), encoding='utf-8') as handle:
        ee = yaml.safe_load(handle) or {}
    ee_python = (ee.get('dependencies') or {}).get('python')
    if ee_python != 'requirements.txt':
        problems.append('meta/execution-environment.yml: dependencies.python is %r, expected requirements.txt' % (ee_python,))

    for problem in problems:
        print('FAIL: ' + problem)
    if not problems:
        print('Python requirements match the imports of plugins/: %s' % ', '.join(sorted(listed)))
    return 1 if problems else 0


if __name__ == '__main__':
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1]))
