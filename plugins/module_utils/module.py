# -*- coding: utf-8 -*-
# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""MagentoModule: AnsibleModule plus the shared options, a lazily built client and one way to finish.

Every writing module reads as: read, plan, apply unless check mode, exit. Bad input and failed
reads end in one failure path (changed=false, nothing written); a failed write reports what Magento
accepted before it.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import contextlib

from ansible.module_utils.basic import AnsibleModule, env_fallback, missing_required_lib

from ansible_collections.commerceops.magento.plugins.module_utils.client import (
    HAS_OAUTHLIB,
    HAS_REQUESTS,
    OAUTH_OPTIONS,
    OAUTHLIB_IMPORT_ERROR,
    REQUESTS_IMPORT_ERROR,
    MagentoClient,
)
from ansible_collections.commerceops.magento.plugins.module_utils.client_settings import environment_origins
from ansible_collections.commerceops.magento.plugins.module_utils.errors import (
    InvalidInput,
    MagentoApiError,
    MagentoSettingsError,
)

ENVIRONMENT_VARIABLES = {
    "url": "MAGENTO_URL",
    "store_code": "MAGENTO_STORE_CODE",
    "token": "MAGENTO_TOKEN",
    "username": "MAGENTO_USERNAME",
    "password": "MAGENTO_PASSWORD",
    "validate_certs": "MAGENTO_VALIDATE_CERTS",
    "consumer_key": "MAGENTO_CONSUMER_KEY",
    "consumer_secret": "MAGENTO_CONSUMER_SECRET",
    "access_token": "MAGENTO_ACCESS_TOKEN",
    "access_token_secret": "MAGENTO_ACCESS_TOKEN_SECRET",
    "ca_path": "MAGENTO_CA_PATH",
    "client_cert": "MAGENTO_CLIENT_CERT",
    "client_key": "MAGENTO_CLIENT_KEY",
    "timeout": "MAGENTO_TIMEOUT",
    "retries": "MAGENTO_RETRIES",
    "parallel_reads": "MAGENTO_PARALLEL_READS",
    "page_size": "MAGENTO_PAGE_SIZE",
    "batch_size": "MAGENTO_BATCH_SIZE",
}


def _option(kind, default=None, no_log=None, name=None):
    option = dict(type=kind, fallback=(env_fallback, [ENVIRONMENT_VARIABLES[name]]))
    if default is not None:
        option["default"] = default
    if no_log is not None:
        option["no_log"] = no_log
    return option


def connection_argument_spec():
    """The connection options (doc fragment commerceops.magento.connection), each with its environment variable."""
    kinds = dict(url="str", store_code="str", token="str", username="str", password="str", validate_certs="bool",
                 ca_path="path", client_cert="path", client_key="path", consumer_key="str", consumer_secret="str",
                 access_token="str", access_token_secret="str", timeout="int", retries="int", parallel_reads="int")
    defaults = dict(store_code="all", validate_certs=True, timeout=30, retries=3, parallel_reads=4)
    secrets = ("token", "password") + OAUTH_OPTIONS
    spec = {}
    for name, kind in kinds.items():
        no_log = True if name in secrets else (False if name == "client_key" else None)
        spec[name] = _option(kind, defaults.get(name), no_log, name)
    return spec


def batching_argument_spec():
    """page_size and batch_size (doc fragment commerceops.magento.batching), for modules that read and write lists."""
    return dict(page_size=_option("int", 300, name="page_size"), batch_size=_option("int", 500, name="batch_size"))


CLIENT_OPTIONS = tuple(connection_argument_spec()) + tuple(batching_argument_spec())


def client_from_params(params, session=None, warn=None):
    """A MagentoClient from module params; raises MagentoSettingsError for settings it cannot use.

    warn(message) receives the client's warnings (plain http://, re-split batches), each once.
    """
    # An empty value counts as unset: AWX/AAP credential injectors set every variable, the unused ones to "".
    settings = dict((name, params.get(name)) for name in CLIENT_OPTIONS if params.get(name) not in (None, ""))
    return MagentoClient(session=session, warn=warn, origins=environment_origins(settings, ENVIRONMENT_VARIABLES),
                         **settings)


class MagentoModule(AnsibleModule):
    """resource names what the module manages, for messages ('links', 'source', ...)."""

    def __init__(self, argument_spec, resource="input", **kwargs):
        spec = connection_argument_spec()
        spec.update(argument_spec)
        super(MagentoModule, self).__init__(argument_spec=spec, **kwargs)
        self.resource = resource
        self._client = None

    @property
    def client(self):
        if self._client is None:
            if not HAS_REQUESTS:
                self.fail_json(msg=missing_required_lib("requests"), exception=REQUESTS_IMPORT_ERROR)
            if not HAS_OAUTHLIB and any(self.params.get(name) for name in OAUTH_OPTIONS):
                self.fail_json(msg=missing_required_lib("oauthlib", reason="for OAuth 1.0a integration credentials"),
                               exception=OAUTHLIB_IMPORT_ERROR)
            try:
                self._client = client_from_params(self.params, warn=self.warn)
            except MagentoSettingsError as error:
                self.fail_json(msg=str(error), changed=False)
        return self._client

    @property
    def writes_sent(self):
        return self._client.writes_accepted if self._client is not None else 0

    @contextlib.contextmanager
    def nothing_written_on_failure(self):
        """Bad input (InvalidInput) or a failed read before any write ends the task here, changed=false."""
        try:
            yield
        except InvalidInput as error:
            self.fail_json(msg="Invalid %s, nothing was written: %s." % (self.resource, error),
                           problems=error.problems, changed=False, writes_sent=0, **error.details)
        except MagentoApiError as error:
            self.fail_json(msg="%s. Nothing was written." % error.message, status=error.status, changed=False,
                           writes_sent=0)

    def apply_and_exit(self, plan, apply, describe=None, return_states=True):
        """Exit with plan, before, after and writes_sent, after apply(plan) unless check mode or no change.

        apply returns the after-state Magento reports, or None to keep the predicted plan.after.
        describe(after) adds the module's own result keys. When a write fails, the writes Magento
        accepted before it stay; after is dropped, since only before is certain then. Without
        return_states the result leaves out before and after (the diff, in diff mode, still shows them):
        at 100,000 records they are most of what Ansible has to serialise, scrub and carry.
        """
        result = dict(changed=plan.changed, plan=plan.summary, writes_sent=0)
        if return_states:
            result.update(before=plan.before, after=plan.after)
        after = plan.after
        for warning in plan.warnings:
            self.warn(warning)
        if plan.changed and not self.check_mode:
            try:
                reported = apply(plan)
            except MagentoApiError as error:
                result.pop("after", None)
                # An error may carry result keys of its own (a bulk write: its UUIDs and failed operations).
                result.update(getattr(error, "result", {}))
                result.update(changed=self.writes_sent > 0, writes_sent=self.writes_sent)
                self.fail_json(msg=error.message, status=error.status, **result)
            result["writes_sent"] = self.writes_sent
            if reported is not None:
                after = reported
                if return_states:
                    result["after"] = after
        if self._diff:
            result["diff"] = plan.diff(after)
        result.update(describe(after) if describe else {})
        self.exit_json(**result)
