"""Jama's JSON envelope (meta, links, data; pageInfo for lists) and the Response the HTTP layer writes."""

import datetime
import http
import json


class Response:
    """What to answer: status, headers and body; or, for fault injection, to drop the connection."""

    def __init__(self, status=200, body=b"", content_type="application/json", headers=None, drop=False):
        self.status = status
        self.body = body
        self.content_type = content_type
        self.headers = dict(headers or {})
        self.drop = drop


def timestamp():
    now = datetime.datetime.now(datetime.timezone.utc)
    return now.strftime("%Y-%m-%dT%H:%M:%S.") + "%03d+0000" % (now.microsecond // 1000)


def json_response(status, document, headers=None):
    return Response(status, json.dumps(document).encode(), headers=headers)


def meta(status):
    return {"status": _reason(status), "timestamp": timestamp()}


def ok(data):
    return json_response(200, {"meta": meta(200), "links": {}, "data": data})


def ok_empty():
    return json_response(200, {"meta": meta(200), "links": {}})


def page(items, start_at, total):
    document_meta = meta(200)
    document_meta["pageInfo"] = {"startIndex": start_at, "resultCount": len(items), "totalResults": total}
    return json_response(200, {"meta": document_meta, "links": {}, "data": items})


def created(resource_id, location):
    document_meta = {"status": "Created", "timestamp": timestamp(), "id": resource_id, "location": location}
    return json_response(201, {"meta": document_meta, "links": {}})


def error(status, message, headers=None):
    document_meta = meta(status)
    document_meta["message"] = message
    return json_response(status, {"meta": document_meta, "links": {}}, headers)


def _reason(status):
    if status == 200:
        return "OK"
    try:
        return http.HTTPStatus(status).phrase
    except ValueError:
        return "Error"
