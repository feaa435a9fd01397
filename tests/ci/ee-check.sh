#!/usr/bin/env bash
# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
#
# make ee: the example execution environment (extensions/ee/) without a container runtime.
#   ee-check.sh TARBALL WORK_DIR
# 1. ansible-builder create turns the definition, with the built tarball beside it, into a build context;
# 2. the build's galaxy stage is replayed: the collection is installed from the context's _build/ as the
#    Containerfile does, with its requirements.yml;
# 3. ansible-builder introspect on that installed collection must find the collection's Python
#    requirements (requests, urllib3, oauthlib), which the image build then installs with pip.
# No image is built: building needs podman or docker and a registry, which CI does not have.
set -euo pipefail

tarball=$(realpath "$1")
work=$(realpath -m "$2")
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
definition_dir="$(dirname "$(dirname "${here}")")/extensions/ee"

rm -rf "${work}"
mkdir -p "${work}/definition"
cp "${definition_dir}/execution-environment.yml" "${definition_dir}/requirements.yml" "${work}/definition/"
cp "${tarball}" "${work}/definition/commerceops-magento.tar.gz"

ansible-builder create --file "${work}/definition/execution-environment.yml" --context "${work}/context" \
    --output-filename Containerfile
context="${work}/context"
for path in Containerfile _build/requirements.yml _build/collections/commerceops-magento.tar.gz \
    _build/scripts/introspect.py; do
    if [ ! -f "${context}/${path}" ]; then
        echo "FAILED: the build context has no ${path}" >&2
        exit 1
    fi
done
grep -q 'ansible-galaxy collection install .*-r requirements.yml' "${context}/Containerfile"
grep -q 'introspect' "${context}/Containerfile"

# The galaxy stage, as the Containerfile runs it: from /build (the context's _build/), offline.
(cd "${context}/_build" && ANSIBLE_COLLECTIONS_PATH="${work}/collections" \
    ansible-galaxy collection install --offline --force -r requirements.yml \
    --collections-path "${work}/collections")

ansible-builder introspect --sanitize "${work}/collections" --write-pip "${work}/requirements.txt"
missing=0
for library in requests urllib3 oauthlib; do
    if ! grep -Eq "^${library}[^a-z].*# from collection commerceops\.magento" "${work}/requirements.txt"; then
        echo "FAILED: introspection found no ${library} requirement of commerceops.magento" >&2
        missing=1
    fi
done
cat "${work}/requirements.txt"
if [ "${missing}" -ne 0 ]; then
    exit 1
fi
echo "The build context of extensions/ee/execution-environment.yml installs commerceops.magento and its Python requirements."
