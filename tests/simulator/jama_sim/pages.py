"""HTML pages: what a client meets when it talks to the web application instead of the REST API."""

import html

LOGIN_PAGE = b"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Jama Connect - Login</title></head>
<body><form method="post" action="j_acegi_security_check">
<h1>Jama Connect</h1>
<label>Username <input type="text" name="j_username"></label>
<label>Password <input type="password" name="j_password"></label>
<button type="submit">Log in</button>
</form></body></html>
"""


def error_page(status):
    title = html.escape("HTTP Status %d" % status)
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><title>%s</title></head><body><h1>%s</h1></body></html>\n"
            % (title, title)).encode()
