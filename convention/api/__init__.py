"""The read-only open data API under /api/v1, documented by an OpenAPI document built from code."""

from flask import Blueprint, Flask, Response, current_app, redirect, render_template, request
from flask_smorest import Api

from convention.api.schemas import ApiErrorSchema

PREFIX = "/api/v1"
CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
    "Access-Control-Allow-Headers": "If-None-Match",
    "Access-Control-Expose-Headers": "ETag, Retry-After",
    "Access-Control-Max-Age": "86400",
}


class OpenDataApi(Api):
    """flask-smorest's Api, leaving the app's own error pages in place."""

    ERROR_SCHEMA = ApiErrorSchema

    def _register_error_handlers(self) -> None:
        """Keep the app's handlers: they already answer JSON under /api/."""


def init_app(app: Flask) -> None:
    """Mount the API, its OpenAPI document, its documentation page and its headers."""
    from convention.api.views import bp

    app.config.update(
        API_TITLE="Convention open data API",
        API_VERSION="1",
        OPENAPI_VERSION="3.0.3",
        OPENAPI_URL_PREFIX=PREFIX,
        OPENAPI_JSON_PATH="openapi.json",
    )
    api = OpenDataApi(app, spec_kwargs={"info": {"description": _DESCRIPTION}})
    api.register_blueprint(bp)
    app.extensions["open_data_api"] = api
    app.register_blueprint(docs)
    app.after_request(_cors)


_DESCRIPTION = (
    "Read-only public records of the conventions on this platform: only what a visitor may read "
    "on the public pages; cookies are ignored. Lists are in id order, a page at a time: follow "
    "`next` until it is null. Every answer carries an ETag; send it back in If-None-Match to get "
    "304 when nothing changed."
)


def _cors(response: Response) -> Response:
    """Let any site read the API, without credentials."""
    if request.path.startswith(PREFIX) or request.path == "/api":
        response.headers.update(CORS_HEADERS)
    return response


docs = Blueprint("api_docs", __name__)


@docs.get("/api")
def api_root():
    """Point to the API's documentation."""
    return redirect(f"{PREFIX}/docs")


@docs.get(f"{PREFIX}/docs")
def show_docs():
    """List the API's operations from its OpenAPI document, readable without JavaScript."""
    spec = current_app.extensions["open_data_api"].spec.to_dict()
    return render_template("api/api_docs.html", spec=spec, operations=_operations(spec))


def _operations(spec: dict) -> list[tuple[str, str, dict]]:
    """List (path, method, operation) with path parameters merged in and every $ref resolved."""
    found = []
    for path, item in spec["paths"].items():
        shared = [_resolve(spec, p) for p in item.get("parameters", [])]
        for method, operation in item.items():
            if method != "get":
                continue
            own = [_resolve(spec, p) for p in operation.get("parameters", [])]
            responses = {k: _resolve(spec, r) for k, r in operation["responses"].items()}
            found.append(
                (path, "GET", operation | {"parameters": shared + own, "responses": responses})
            )
    return found


def _resolve(spec: dict, node: dict) -> dict:
    """Follow a local `$ref` such as `#/components/parameters/IF_NONE_MATCH`."""
    ref = node.get("$ref")
    if not ref:
        return node
    for part in ref.removeprefix("#/").split("/"):
        spec = spec[part]
    return spec
