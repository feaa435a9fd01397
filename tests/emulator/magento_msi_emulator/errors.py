# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Magento's REST error bodies: raw templates plus parameters, mapped to HTTP statuses."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

EMPTY_FIELD = '"%field" can not be empty.'
WHITESPACE_FIELD = '"%field" can not contain whitespaces.'
REQUIRED_FIELD = '"%fieldName" is required. Enter and try again.'
INPUT_DATA_EMPTY = 'Input data is empty'
VALIDATION_FAILED = 'Validation Failed'
MULTIPLE_INPUT_ERRORS = 'One or more input exceptions have occurred.'
NOT_AUTHORIZED = "The consumer isn't authorized to access %resources."
NO_ROUTE = 'Request does not match any route.'
INTERNAL_ERROR = 'Internal Error. Details are available in Magento log file. Report ID: webapi-%s'
TYPE_INVALID = 'The "%s" value\'s type is invalid. The "%s" type was expected. Verify and try again.'
FIELD_PROCESSING = 'Error occurred during "%s" processing. %s'
# magento2 ServiceInputProcessor::processInputErrorForNestedSet (2.4.7+); the rendered form is pinned by
# Framework/Webapi/Test/Unit/ServiceInputProcessorTest.php::testValidateApiPayload
UNSUPPORTED_FIELD = '"%fieldName" is not supported. Correct the field name and try again.'


def render(template, parameters):
    """A Phrase rendered: %name placeholders from a dict, %1, %2 ... from a list."""
    if isinstance(parameters, dict):
        pairs = parameters.items()
    else:
        pairs = ((str(index + 1), value) for index, value in enumerate(parameters or []))
    for name, value in sorted(pairs, key=lambda pair: -len(pair[0])):
        template = template.replace('%' + name, str(value))
    return template


class MagentoError(Exception):
    """An error answered with Magento's JSON body; status follows ErrorProcessor's mapping."""

    def __init__(self, status, message, parameters=None, errors=None):
        super(MagentoError, self).__init__(message)
        self.status = status
        self.message = message
        self.parameters = parameters
        self.errors = errors

    def body(self):
        body = {'message': self.message}
        if self.parameters:
            body['parameters'] = self.parameters
        if self.errors is not None:
            body['errors'] = self.errors
        return body


class InternalError(Exception):
    """Stands for any PHP exception that is not a LocalizedException: a masked 500."""


def error_entry(message, parameters=None):
    return {'message': message, 'parameters': parameters if parameters else []}


def field_error(template, field):
    return error_entry(template, {'field': field})


def bad_request(message, parameters=None):
    return MagentoError(400, message, parameters)


def validation_failed(errors):
    return MagentoError(400, VALIDATION_FAILED, errors=errors)


def input_errors(entries):
    """InputException: one error goes into message/parameters, several into errors[]."""
    if len(entries) == 1:
        return MagentoError(400, entries[0]['message'], entries[0]['parameters'] or None)
    return MagentoError(400, MULTIPLE_INPUT_ERRORS, errors=entries)


def required_field(name):
    return error_entry(REQUIRED_FIELD, {'fieldName': name})


def not_authorized(resource):
    return MagentoError(401, NOT_AUTHORIZED, {'resources': resource})


def no_route():
    return MagentoError(404, NO_ROUTE)


def masked_internal_error(report_id):
    return MagentoError(500, INTERNAL_ERROR % report_id)
