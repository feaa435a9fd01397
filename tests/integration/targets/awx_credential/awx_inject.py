# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Check a custom credential type and inject a credential of it the way AWX does, into a private data dir.

    awx_inject.py --credential-type TYPE.yml --inputs INPUTS.json --private-data-dir DIR

What AWX does, read in its source (awx/main/fields.py: CredentialTypeInputField and
CredentialTypeInjectorField; awx/main/models/credential.py: CredentialType.inject_credential), and done
again here with the same Jinja sandbox:

- When the type is saved: field ids are variable names, unique and not "tower"; types are string or
  boolean; env names are shell names, not ANSIBLE_* and not on its blocklist; every template renders
  with StrictUndefined when each field holds "EXAMPLE".
- When a job runs: the template namespace holds the credential's inputs, but a string input that is
  empty is left out (so it renders as ""), and a boolean input never set is False. File templates are
  written to files under DIR/env (mode 0600) whose paths are tower.filename.<name>. Every env injector
  is set, rendered with the default (lenient) Undefined; extra_vars injectors are rendered the same way.

The env injectors go into DIR/env/envvars and the extra_vars into DIR/env/extravars, where ansible-runner
reads them (AWX hands the same values to ansible-runner as arguments). Prints no input value.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import argparse
import json
import os
import re
import stat
import sys
import tempfile

import yaml
from jinja2 import StrictUndefined
from jinja2.exceptions import UndefinedError
from jinja2.sandbox import ImmutableSandboxedEnvironment

# awx/main/constants.py ENV_BLOCKLIST: names AWX sets itself.
ENV_BLOCKLIST = frozenset((
    "VIRTUAL_ENV", "PATH", "PYTHONPATH", "JOB_ID", "INVENTORY_ID", "INVENTORY_SOURCE_ID", "INVENTORY_UPDATE_ID",
    "AD_HOC_COMMAND_ID", "REST_API_URL", "REST_API_TOKEN", "MAX_EVENT_RES", "CALLBACK_QUEUE",
    "CALLBACK_CONNECTION", "CACHE", "JOB_CALLBACK_DEBUG", "INVENTORY_HOSTVARS", "AWX_HOST", "PROJECT_REVISION",
    "SUPERVISOR_CONFIG_PATH",
))
VARIABLE_NAME = re.compile(r"^[a-zA-Z_]+[a-zA-Z0-9_]*$")
FILE_TEMPLATE = re.compile(r"^template(\.[a-zA-Z_]+[a-zA-Z0-9_]*)?$")
STRING_ONLY_KEYS = ("choices", "multiline", "format", "secret")
FIELD_KEYS = frozenset(("id", "label", "type", "format", "choices", "help_text", "multiline", "secret",
                        "ask_at_runtime", "default"))


class InvalidCredentialType(Exception):
    pass


class TowerNamespace(object):
    """The reserved `tower` name of the templates: tower.filename, or tower.filename.<name>."""


def check_credential_type(credential_type):
    """Raise InvalidCredentialType where AWX would refuse to save this type."""
    inputs = credential_type.get("inputs", {})
    unknown = set(inputs) - {"fields", "required"}
    if unknown:
        raise InvalidCredentialType("unknown inputs keys: %s" % sorted(unknown))
    ids = []
    for field in inputs.get("fields", []):
        if set(field) - FIELD_KEYS or "id" not in field or "label" not in field:
            raise InvalidCredentialType("field %r: needs id and label, allows %s" % (field.get("id"), sorted(FIELD_KEYS)))
        if not VARIABLE_NAME.match(field["id"]) or field["id"] == "tower" or field["id"] in ids:
            raise InvalidCredentialType("field id %r is not a variable name, is reserved or repeats" % field["id"])
        ids.append(field["id"])
        kind = field.setdefault("type", "string")
        if kind not in ("string", "boolean"):
            raise InvalidCredentialType("field %s: type %r" % (field["id"], kind))
        if kind != "string" and any(key in field for key in STRING_ONLY_KEYS):
            raise InvalidCredentialType("field %s: %s only for strings" % (field["id"], STRING_ONLY_KEYS))
        if field.get("format") not in (None, "ssh_private_key", "url"):
            raise InvalidCredentialType("field %s: format %r" % (field["id"], field["format"]))
    if set(inputs.get("required", [])) - set(ids):
        raise InvalidCredentialType("required names unknown fields")

    injectors = credential_type.get("injectors", {})
    if set(injectors) - {"file", "env", "extra_vars"}:
        raise InvalidCredentialType("unknown injector kinds: %s" % sorted(set(injectors) - {"file", "env", "extra_vars"}))
    files = injectors.get("file", {})
    if any(not FILE_TEMPLATE.match(label) for label in files) or ("template" in files and len(files) > 1):
        raise InvalidCredentialType("file injectors: template, or template.<name> for several files")
    for name, template in injectors.get("env", {}).items():
        if not VARIABLE_NAME.match(name) or name.startswith("ANSIBLE_") or name in ENV_BLOCKLIST:
            raise InvalidCredentialType("env %s: not allowed in credentials" % name)
        if not all(ord(char) < 128 for char in template):
            raise InvalidCredentialType("env %s: not ASCII" % name)

    example = dict((field_id, "EXAMPLE") for field_id in ids)
    tower = TowerNamespace()
    if "template" in files:
        tower.filename = "EXAMPLE_FILENAME"
    else:
        tower.filename = TowerNamespace()
        for label in files:
            setattr(tower.filename, label.split(".", 1)[1], "EXAMPLE_FILENAME")
    example["tower"] = tower
    strict = ImmutableSandboxedEnvironment(undefined=StrictUndefined)
    for kind, key, template in all_templates(injectors):
        try:
            strict.from_string(template).render(example)
        except UndefinedError as error:
            raise InvalidCredentialType("%s %s uses an undefined field (%s)" % (kind, key, error))


def all_templates(injectors):
    for kind in ("file", "env"):
        for key, template in injectors.get(kind, {}).items():
            yield kind, key, template

    def walk(key, node):
        if isinstance(node, dict):
            for name, value in node.items():
                yield "extra_vars", key, name
                yield from walk(name, value)
        elif isinstance(node, list):
            for value in node:
                yield from walk(key, value)
        else:
            yield "extra_vars", key, node

    yield from walk(None, injectors.get("extra_vars", {}))


def check_inputs(credential_type, inputs):
    """What AWX refuses when a credential is saved: unknown or missing required inputs, wrong types."""
    fields = dict((field["id"], field) for field in credential_type["inputs"].get("fields", []))
    if set(inputs) - set(fields):
        raise InvalidCredentialType("inputs for unknown fields: %s" % sorted(set(inputs) - set(fields)))
    for name in credential_type["inputs"].get("required", []):
        if not inputs.get(name):
            raise InvalidCredentialType("input %s is required" % name)
    for name, value in inputs.items():
        if not isinstance(value, bool if fields[name].get("type", "string") == "boolean" else str):
            raise InvalidCredentialType("input %s: wrong type" % name)


def template_namespace(credential_type, inputs):
    namespace = {}
    for name, value in inputs.items():
        # Booleans pass as they are; a string counts only when it is not empty.
        if isinstance(value, bool) or len(value):
            namespace[name] = value
    for field in credential_type["inputs"].get("fields", []):
        if field.get("type", "string") == "boolean" and field["id"] not in inputs:
            namespace[field["id"]] = False
        if field.get("format") == "ssh_private_key" and field["id"] in namespace \
                and not namespace[field["id"]].endswith("\n"):
            namespace[field["id"]] += "\n"
    return namespace


def inject(credential_type, inputs, private_data_dir):
    """(env, extra_vars) of a job that uses this credential; file injectors are written under DIR/env."""
    injectors = credential_type.get("injectors", {})
    namespace = template_namespace(credential_type, inputs)
    tower = TowerNamespace()
    namespace["tower"] = tower
    sandbox = ImmutableSandboxedEnvironment()
    env_dir = os.path.join(private_data_dir, "env")
    for label, template in injectors.get("file", {}).items():
        handle, path = tempfile.mkstemp(dir=env_dir)
        with os.fdopen(handle, "w") as target:
            target.write(sandbox.from_string(template).render(**namespace))
        os.chmod(path, stat.S_IRUSR | stat.S_IWUSR)
        if "." not in label:
            tower.filename = path
        else:
            if not hasattr(tower, "filename"):
                tower.filename = TowerNamespace()
            setattr(tower.filename, label.split(".", 1)[1], path)

    env = dict((name, sandbox.from_string(template).render(**namespace))
               for name, template in injectors.get("env", {}).items())

    def render(node):
        if isinstance(node, dict):
            return dict((render(name), render(value)) for name, value in node.items())
        if isinstance(node, list):
            return [render(value) for value in node]
        return sandbox.from_string(node).render(**namespace)

    return env, render(injectors.get("extra_vars", {}))


def write_json(path, data):
    with open(path, "w") as handle:
        json.dump(data, handle, indent=1, sort_keys=True)
    os.chmod(path, stat.S_IRUSR | stat.S_IWUSR)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--credential-type", required=True, help="the type, as YAML")
    parser.add_argument("--inputs", required=True, help="the credential's inputs, as JSON")
    parser.add_argument("--private-data-dir", required=True)
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    with open(args.credential_type) as handle:
        credential_type = yaml.safe_load(handle)
    with open(args.inputs) as handle:
        inputs = json.load(handle)
    check_credential_type(credential_type)
    check_inputs(credential_type, inputs)
    env_dir = os.path.join(args.private_data_dir, "env")
    if not os.path.isdir(env_dir):
        os.makedirs(env_dir)
    env, extra_vars = inject(credential_type, inputs, args.private_data_dir)
    write_json(os.path.join(env_dir, "envvars"), env)
    extravars_path = os.path.join(env_dir, "extravars")
    if os.path.exists(extravars_path):
        with open(extravars_path) as handle:
            job_extra_vars = json.load(handle)
        job_extra_vars.update(extra_vars)
        extra_vars = job_extra_vars
    write_json(extravars_path, extra_vars)
    print("injected %d environment variables (%s), %d extra vars, %d files"
          % (len(env), ", ".join("%s%s" % (name, "" if value else "=''") for name, value in sorted(env.items())),
             len(extra_vars), len(credential_type.get("injectors", {}).get("file", {}))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
