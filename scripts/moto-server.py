"""moto's server mode for the real-server lane, with CloudWatch's current wire protocol.

AWS SDK for Java 2.57 talks to CloudWatch in smithy-rpc-v2-cbor (POST
/service/GraniteServiceVersion20100801/operation/<Op>, CBOR bodies). moto 5.2.5 answers CloudWatch
in the query and JSON protocols only, and says 404 to the CBOR path. This wrapper turns each CBOR
call into the same call in the JSON protocol (AWS's awsJson1_0, which CloudWatch also speaks) and the
answer back into CBOR, with timestamps as CBOR epoch tags, using botocore's CloudWatch model for which
members are timestamps. Every other request reaches moto unchanged.

Usage: python scripts/moto-server.py [--host 127.0.0.1] [--port 5000]
Needs: pip install "moto[server]==5.2.5" "cbor2==6.2.1"
"""

import argparse
import datetime
import gzip
import io
import json
import re

import botocore.session
import cbor2
from moto.moto_server.werkzeug_app import (
    DomainDispatcherApplication,
    MotoRequestHandler,
    create_backend_app,
)
from werkzeug.serving import run_simple

CBOR_PATH = re.compile(r"^/service/GraniteServiceVersion20100801/operation/(\w+)$")
MODEL = botocore.session.get_session().get_service_model("cloudwatch")


def to_json(value):
    """CBOR's decoded values as JSON: datetimes become epoch seconds, as awsJson1_0 sends them."""
    if isinstance(value, datetime.datetime):
        return value.timestamp()
    if isinstance(value, dict):
        return {k: to_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_json(v) for v in value]
    return value


def to_cbor(value, shape):
    """A JSON answer shaped for CBOR: timestamp members become datetimes (CBOR tag 1)."""
    if shape is None:
        return value
    if shape.type_name == "timestamp" and isinstance(value, (int, float)):
        return datetime.datetime.fromtimestamp(value, tz=datetime.timezone.utc)
    if shape.type_name == "structure" and isinstance(value, dict):
        return {k: to_cbor(v, shape.members.get(k)) for k, v in value.items()}
    if shape.type_name == "list" and isinstance(value, list):
        return [to_cbor(v, shape.member) for v in value]
    if shape.type_name == "map" and isinstance(value, dict):
        return {k: to_cbor(v, shape.value) for k, v in value.items()}
    return value


class CborBridge:
    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        match = CBOR_PATH.match(environ.get("PATH_INFO", ""))
        if not match:
            return self.app(environ, start_response)
        operation = match.group(1)
        length = int(environ.get("CONTENT_LENGTH") or 0)
        raw = environ["wsgi.input"].read(length) if length else b""
        # PutMetricData is compressed above 10 KB (CloudWatch's requestCompression trait).
        if "gzip" in environ.get("HTTP_CONTENT_ENCODING", ""):
            raw = gzip.decompress(raw)
            environ.pop("HTTP_CONTENT_ENCODING")
        request = to_json(cbor2.loads(raw)) if raw else {}
        body = json.dumps(request).encode()
        environ = dict(environ)
        environ["PATH_INFO"] = "/"
        environ["CONTENT_TYPE"] = "application/x-amz-json-1.0"
        environ["CONTENT_LENGTH"] = str(len(body))
        environ["HTTP_X_AMZ_TARGET"] = "GraniteServiceVersion20100801." + operation
        environ["wsgi.input"] = io.BytesIO(body)

        captured = {}

        def capture(status, headers, exc_info=None):
            captured["status"] = status
            captured["headers"] = headers
            return lambda chunk: None

        answer = b"".join(self.app(environ, capture))
        status = captured["status"]
        payload = json.loads(answer) if answer.strip() else {}
        if status.startswith("2"):
            output = MODEL.operation_model(operation).output_shape
            payload = to_cbor(payload, output)
        else:
            # awsJson1_0 errors carry __type; rpcv2-cbor errors carry the same key.
            payload = {k: v for k, v in payload.items()}
        encoded = cbor2.dumps(payload, datetime_as_timestamp=True, timezone=datetime.timezone.utc)
        start_response(
            status,
            [
                ("Content-Type", "application/cbor"),
                ("smithy-protocol", "rpc-v2-cbor"),
                ("Content-Length", str(len(encoded))),
            ],
        )
        return [encoded]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=5000)
    args = parser.parse_args()
    app = DomainDispatcherApplication(create_backend_app)
    run_simple(
        args.host,
        args.port,
        CborBridge(app),
        threaded=True,
        request_handler=MotoRequestHandler,
    )


if __name__ == "__main__":
    main()
