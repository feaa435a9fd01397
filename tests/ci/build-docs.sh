#!/usr/bin/env bash
# `make docs`: renders the collection's docs (collection index, every module, the reindex role) with
# antsibull-docs into RST, then builds an HTML site from it with Sphinx.
# Usage: build-docs.sh VENV COLLECTIONS_PATH SITE_DIR WORK_DIR OUTPUT_DIR
#   SITE_DIR holds conf.py, antsibull-docs.cfg and rst/index.rst (docs/site); WORK_DIR is scratch;
#   the site ends up in OUTPUT_DIR/html.
set -euo pipefail

venv=$1
collections_path=$2
site_dir=$3
work_dir=$4
output_dir=$5
# antsibull-docs runs `ansible-doc` and `ansible-galaxy` by name.
export PATH=$venv/bin:$PATH

rst_dir=$work_dir/rst
rm -rf "$work_dir" "$output_dir"
mkdir -p "$work_dir"
cp -R "$site_dir/rst" "$rst_dir"
# antsibull-docs refuses a destination that others can write to.
chmod -R og-w "$rst_dir"

# --use-current documents the collection as installed under COLLECTIONS_PATH (the staged copy), so
# what is rendered is exactly what `make build` packs; --fail-on-error turns a DOCUMENTATION or
# argument_specs problem into a failed build instead of an error page.
ANSIBLE_COLLECTIONS_PATH=$collections_path "$venv/bin/antsibull-docs" \
    --config-file "$site_dir/antsibull-docs.cfg" \
    collection --use-current --fail-on-error --dest-dir "$rst_dir" commerceops.magento

# -W: a broken reference or markup is an error. -n: report every unresolved reference.
"$venv/bin/sphinx-build" -M html "$rst_dir" "$output_dir" -c "$site_dir" -W --keep-going -n -q

echo "Docs site: $output_dir/html/index.html"
