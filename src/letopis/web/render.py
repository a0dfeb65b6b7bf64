"""Rendering a page: the Jinja2 environment (autoescaped) and what every template gets."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from letopis._version import __version__
from letopis.reliability import ORIGIN_KINDS, STANCES
from letopis.services import summaries
from letopis.web import formats
from letopis.web.i18n import LANGUAGE_NAMES, LANGUAGES

__all__ = ["render", "TEMPLATES"]

TEMPLATES = Path(__file__).parent / "templates"
_environment = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(default=True),
                           trim_blocks=True, lstrip_blocks=True)


def _url(request: Request, **changes: Any) -> str:
    """The current path with its query changed (a None or empty value drops the parameter)."""
    query = dict(request.query_params)
    for key, value in changes.items():
        if value is None or value == "":
            query.pop(key, None)
        else:
            query[key] = str(value)
    return request.url.path + ("?" + urlencode(query) if query else "")


def render(request: Request, template: str, *, status_code: int = 200, **context: Any) -> HTMLResponse:
    t, lang = request.state.t, request.state.lang
    html = _environment.get_template(template).render(
        request=request, lang=lang, t=t, tc=t.context, name_of=t.name_of, languages=LANGUAGES,
        language_names=LANGUAGE_NAMES, origin_kinds=ORIGIN_KINDS, stances=STANCES,
        type_label=lambda key: t.name_of("type", key),
        status_label=lambda key: t.name_of("status", key),
        role_label=lambda key: t.name_of("role", key), names_of=t.names_of,
        when=lambda value, precision=None: formats.date_text(value, precision, lang),
        place=lambda item: formats.place_text(item, lang), country=lambda code: formats.country_text(code, lang),
        region=lambda admin1, country=None: formats.region_text(admin1, lang, country),
        moment=lambda value: formats.moment_text(value, lang),
        number=lambda value: formats.number_text(value, lang), day=lambda value: formats.day_text(value, lang),
        edit_value=lambda field, value: formats.edit_value(field, value, lang),
        profile_value=lambda field, value: formats.profile_value(field, value, lang),
        flag_field=lambda field: formats.flag_field(field, lang),
        flag_value=lambda field, value: formats.flag_value(field, value, lang),
        summary=lambda item: summaries.summary_in(item, lang),
        url=lambda **changes: _url(request, **changes), version=__version__,
        user=getattr(request.state, "user", None), csrf=getattr(request.state, "csrf", ""), **context)
    response = HTMLResponse(html, status_code=status_code)
    if getattr(request.state, "clear_notice", False):
        response.delete_cookie("notice", path=request.url.path, httponly=True, samesite="strict")
    return response
