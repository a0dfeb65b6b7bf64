"""The web app (``letopis serve``): server-rendered pages and a JSON API over :mod:`letopis.services`.

A face like :mod:`letopis.cli`: it parses requests, calls one service, and
renders the typed views the services return. It imports no database module.

- :mod:`~letopis.web.app`: ``create_app(workspace)``, ``settle()`` (a serving process's long-lived objects out of
  the garbage collector's view), the request pipeline (language, same-origin check,
  content security policy) and the one place errors become HTTP statuses
- :mod:`~letopis.web.pages`: incidents, one incident (status, edit, history), the review queue
- :mod:`~letopis.web.api`: the JSON API under ``/api`` (OpenAPI at ``/api/openapi.json``)
- :mod:`~letopis.web.accounts`: logging in and out, the accounts page (admins)
- :mod:`~letopis.web.guard`: login required, roles, CSRF tokens; ``request.state.user`` and ``actor(request)``
- :mod:`~letopis.web.session`: signed session cookies and each session's CSRF token
- :mod:`~letopis.web.query`: the incidents filters read from a URL query (pages and API alike)
- :mod:`~letopis.web.i18n`: the interface's words (gettext catalogs in ``locale/``) and which language a request gets
- :mod:`~letopis.web.formats`: dates to their precision and places by their names in the reader's language
- :mod:`~letopis.web.render`: the Jinja2 environment; ``templates/`` and ``static/`` ship in the package

Needs the ``web`` extra: ``pip install 'letopis[web]'``.
"""

from letopis.web.app import create_app, settle

__all__ = ["create_app", "settle"]
