# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Offline stand-in for the get-pip bootstrap script that ansible-test downloads.

ansible-test bootstraps pip in every virtual environment it creates by running a get-pip script
fetched from a host this machine cannot reach. It caches that script under
~/.ansible/test/cache/get_pip_<X_Y>.py and uses the cached copy when present; `make` installs this
file there. It bootstraps pip from the interpreter's bundled wheel instead, then installs the
requested packages through the configured package index.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import subprocess
import sys

# get-pip's own switches; ensurepip decides what it bundles, and pip install does not know them.
GET_PIP_ONLY_FLAGS = ('--no-setuptools', '--no-wheel', '--no-pip')


def pip_install_arguments(argv):
    return [arg for arg in argv if arg not in GET_PIP_ONLY_FLAGS]


def main():
    subprocess.check_call([sys.executable, '-m', 'ensurepip', '--default-pip'])
    install = [sys.executable, '-m', 'pip', 'install', '--upgrade']
    subprocess.check_call(install + pip_install_arguments(sys.argv[1:]))


if __name__ == '__main__':
    main()
