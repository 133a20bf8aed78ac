# -*- coding: utf-8 -*-
# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# Internal to the jama.connect collection: not a public API, may change without notice.

"""The AnsibleModule every jama.connect module builds."""

from collections.abc import Mapping

from ansible.module_utils.basic import AnsibleModule


class JamaModule(AnsibleModule):
    """An AnsibleModule that takes the jama_token fact passed as ``token`` for its access token alone.

    Ansible masks every value inside a no_log option. Passed whole, the fact would blank the URL,
    the client id and the word Bearer wherever they appear in results, diffs and errors; reduced
    to the access token before validation, only the token is masked.
    """

    def _load_params(self):
        super(JamaModule, self)._load_params()
        token = self.params.get("token")
        if isinstance(token, Mapping) and isinstance(token.get("access_token"), str):
            self.params["token"] = token["access_token"]
