# -*- coding: utf-8 -*-
# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Connection options (mirrors module_utils/connection.py), in two sets.

``jama.connect.connection``: every option, for every module that accepts any kind of credentials.
``jama.connect.connection.client_credentials``: the same without O(token), O(auth_username) and O(auth_password),
for jama_token, which only mints tokens from client credentials.

Each option is written once below and the two sets are put together from the parts. They are assigned
after the class because ansible-test's yamllint check reads a fragment class's body as plain string
literals.
"""

_URL = r"""
  url:
    description:
      - Base URL of the Jama Connect instance, including any context path,
        for example V(https://example.jamacloud.com) or V(https://jama.example.com/contour).
      - A URL with embedded credentials (V(https://user:secret@host)) is refused, without echoing them.
      - An V(http://) URL is refused unless O(allow_http=true), because credentials and tokens would travel in clear text.
      - Required. If not set, the value of the E(JAMA_URL) environment variable is used.
    type: str
"""

_CLIENT_CREDENTIALS = r"""
  client_id:
    description:
      - OAuth client ID of Jama API credentials (created in a user's profile, C(Set API Credentials)).
      - Used together with O(client_secret); the task then mints its own token. Each pair that is given must be complete.
      - If no authentication option is given, E(JAMA_CLIENT_ID) is used. Options given in the task
        (including C(module_defaults)) always win over the environment, and an environment variable never causes a conflict.
    type: str
  client_secret:
    description:
      - OAuth client secret belonging to O(client_id).
      - If not set, E(JAMA_CLIENT_SECRET) is used.
    type: str
"""

_BEARER_OR_BASIC_AUTH = r"""
  token:
    description:
      - An existing bearer token, as a string (a leading C(Bearer) is removed) or as the dictionary that
        M(jama.connect.jama_token) registers as a fact.
      - When several kinds of credentials are given, O(token) wins, then O(client_id) and O(client_secret), then
        O(auth_username) and O(auth_password); so C(module_defaults) can hold client credentials while one task passes a token.
      - If no authentication option is given, E(JAMA_TOKEN) is used.
    type: raw
  auth_username:
    description:
      - The caller's user name for HTTP basic authentication, for instances without single sign-on.
        Once SSO is on, Jama refuses basic authentication for the REST API; use O(client_id) and O(client_secret) then.
      - Used together with O(auth_password); used only when neither O(token) nor O(client_id) is given.
      - Named so that C(username) is only ever a user the task manages or looks for (M(jama.connect.jama_user)).
      - If no authentication option is given, E(JAMA_USERNAME) is used.
    type: str
  auth_password:
    description:
      - Password for O(auth_username).
      - If not set, E(JAMA_PASSWORD) is used.
    type: str
"""

_TRANSPORT = r"""
  validate_certs:
    description:
      - Whether to verify the server's TLS certificate. Setting V(false) prints a warning.
      - If not set, E(JAMA_VALIDATE_CERTS) is used.
    type: bool
    default: true
  ca_path:
    description:
      - Path to a PEM CA bundle used to verify the server certificate, for instances behind a private CA.
      - If not set, E(JAMA_CA_PATH) is used.
    type: path
  client_cert:
    description:
      - Path to a PEM client certificate, for gateways that require mutual TLS.
      - May contain the private key too; otherwise set O(client_key).
    type: path
  client_key:
    description:
      - Path to the PEM private key of O(client_cert).
    type: path
  proxy:
    description:
      - Proxy URL for every request, for example V(http://proxy.example.com:3128).
      - If not set, the E(HTTPS_PROXY), E(HTTP_PROXY) and E(NO_PROXY) environment variables apply.
    type: str
  timeout:
    description:
      - Seconds each request may take in all, from connecting to the last byte of the answer, however slowly it arrives.
        An answer that does not arrive in time is not retried.
    type: int
    default: 30
  retries:
    description:
      - How many times to retry a request after a connection error or an HTTP 429, 502, 503 or 504 answer,
        with full-jitter exponential backoff, honouring C(Retry-After).
      - Reads, deletes and the token request are retried; other writes only where repeating them is harmless.
        A delete whose retry finds nothing to delete counts as done.
      - Retries also stop when the next wait would overrun O(retry_max_wait).
    type: int
    default: 5
  retry_max_wait:
    description:
      - The most seconds one task spends waiting between retries, all retries together.
      - A C(Retry-After) longer than what is left ends the retries at once, with a message that says so.
      - V(0) turns retrying off.
    type: int
    default: 120
  rate_limit:
    description:
      - The most requests per second sent to one Jama instance, counted over any one-second window as Jama counts them.
        Jama allows 10 requests per second per environment and answers HTTP 429 past that, so the default
        keeps a long task at Jama's pace instead of running into 429 answers and backing off.
      - The budget is shared by every task of the collection on this controller that talks to the same O(url), such as parallel
        tasks, forks, several C(ansible-playbook) runs, AWX jobs on one execution node (jobs in separate containers share it
        when E(JAMA_PACE_DIR) names a directory they all see). It is kept in a small locked file per O(url) under
        E(XDG_RUNTIME_DIR), else the temp directory; a file that cannot be read is reset, never a reason to fail.
      - Not shared with other machines, other users' processes, or other clients of Jama (a CI server, a script), and each of
        those takes its own budget. Give each controller a share, for example V(5) on each of two controllers that run
        at the same time, and leave room for other clients.
      - Short bursts up to the rate go out at once. V(0) turns pacing off.
      - When another process used the budget during a task, its result carries a C(pacing) key (shown with C(-v)), with
        C(rate_limit), C(shared) (true), C(other_processes) (how many used the budget meanwhile), C(waited) (seconds this
        task waited for room) and C(resets) (state files found unreadable, or from before a reboot, and reset).
      - If not set, E(JAMA_RATE_LIMIT) is used.
    type: float
    default: 10
  http_agent:
    description:
      - The C(User-Agent) header to send.
    type: str
  allow_http:
    description:
      - Allow an V(http://) O(url). Only for test instances on a trusted network.
    type: bool
    default: false
notes:
  - Redirects are never followed for writes (a redirected write fails, naming the C(Location), and nothing is reported
    as changed), nor to another scheme, host or port. Reads follow up to three redirects within the same origin.
  - Answers larger than 32 MiB are refused, and lists are paged with checks that stop a gateway that repeats pages.
  - The modules run wherever the task runs (usually the controller, with C(delegate_to=localhost))
    and need the Python C(requests) library there.
  - All jama.connect modules are in the action group C(jama), so shared options can be set once with
    C(module_defaults) and C(group/jama.connect.jama).
requirements:
  - requests
"""


class ModuleDocFragment:
    """Connection options shared by every jama.connect module."""


ModuleDocFragment.DOCUMENTATION = "options:" + _URL + _CLIENT_CREDENTIALS + _BEARER_OR_BASIC_AUTH + _TRANSPORT
ModuleDocFragment.CLIENT_CREDENTIALS = "options:" + _URL + _CLIENT_CREDENTIALS + _TRANSPORT
