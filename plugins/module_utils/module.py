# -*- coding: utf-8 -*-
# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# Internal to the jama.connect collection: not a public API, may change without notice.

"""The AnsibleModule every jama.connect module builds, and how each one runs."""

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.jama.connect.plugins.module_utils.auth import secrets
from ansible_collections.jama.connect.plugins.module_utils.auth.token import access_token_of
from ansible_collections.jama.connect.plugins.module_utils.connection import RETIRED_SECRET_OPTIONS, SECRET_OPTIONS
from ansible_collections.jama.connect.plugins.module_utils.rest.errors import JamaError


class JamaModule(AnsibleModule):
    """An AnsibleModule that takes the jama_token fact passed as ``token`` for its access token alone.

    Ansible masks every value inside a no_log option. Passed whole, the fact would blank the URL,
    the client id and the word Bearer wherever they appear in results, diffs and errors; reduced
    to the access token before validation, only the token is masked.

    A secret option passed to a module that does not take it (a token given to jama_token) is still
    masked: Ansible refuses it as unsupported, and would otherwise repeat its value in the result.
    """

    def _load_params(self):
        super(JamaModule, self)._load_params()
        if self.params.get("token") is not None:
            self.params["token"] = access_token_of(self.params["token"])
        for option in SECRET_OPTIONS | RETIRED_SECRET_OPTIONS:
            if option not in self.argument_spec:
                secrets.register(self, self.params.get(option))


def name_problem(option, value):
    """What is wrong with one name or id given as `option` (empty, or padded with spaces); None when it can work."""
    if not value.strip():
        return "%s is empty: give a name or a numeric id" % option
    if value != value.strip():
        return "%s %r has leading or trailing spaces, which Jama names never carry" % (option, value)
    return None


def names_problems(option, values):
    """What is wrong with each value of a list option of names or ids, each problem naming its index."""
    comma = comma_string_problem(option, values)
    if comma:
        return [comma]
    problems = (name_problem("%s[%d]" % (option, index), value) for index, value in enumerate(values or []))
    return [problem for problem in problems if problem]


def comma_string_problem(option, values):
    """A problem when ``values`` came from one comma-separated string, which Ansible splits into a list; else None.

    Ansible splits "a, b" into ["a", " b"], so the space a person types after each comma is what gives it away: every
    value but the first starts with one. Anything less is left to the per-value checks, which name each value.
    """
    values = list(values or ())
    if len(values) > 1 and values[0] == values[0].lstrip() and all(value[:1].isspace() and value.strip() for value in values[1:]):
        return ("%s looks like a comma-separated string (%r): give a YAML list, e.g. %s: [%s]"
                % (option, ",".join(values), option, ", ".join(value.strip() for value in values)))
    return None


def run_module(module, run, make_client):
    """How every jama.connect module ends: run against a client, fail with the error's fields, or exit with the result.

    ``run(module, client)`` returns ``(changed, result, diff)``; a diff of None means the module has no diff mode.
    """
    try:
        client = make_client(module)
        changed, result, diff = run(module, client)
    except JamaError as err:
        module.fail_json(**err.fail_kwargs())
    pacing = client.pacer.report()
    if pacing:
        # Shown with -v: the task shared Jama's request budget with other runs on this controller.
        result["pacing"] = pacing
    if module._diff and diff is not None:
        result["diff"] = diff
    module.exit_json(changed=changed, **result)


def text_diff(before_lines, after_lines, header):
    """An Ansible diff of two texts, one line each: what the diff callback prints as is.

    Given a dict, the callback prints JSON with ASCII escapes (j\\u00fcrgen) and a comma after every
    list item but the last, so that appending to a list shows the old last item as removed. Lines of
    plain text read as they are, and a changed list shows only the names that changed.
    ``None`` for either side stands for an object that does not exist (an empty text).
    """
    return {
        "before": _text(before_lines),
        "after": _text(after_lines),
        "before_header": header,
        "after_header": header,
    }


def _text(lines):
    return "".join("%s\n" % line for line in lines or ())


def field_lines(record, fields):
    """``key: value`` lines for the ``fields`` of ``record`` that it holds; booleans as true/false, None as empty.

    An empty value leaves the line at ``key:``, without a trailing space.
    """
    lines = []
    for field in fields:
        if field in record:
            value = record[field]
            if isinstance(value, bool):
                value = "true" if value else "false"
            lines.append(("%s: %s" % (field, "" if value is None else value)).rstrip(" "))
    return lines
