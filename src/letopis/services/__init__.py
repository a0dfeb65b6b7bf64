"""Use cases the faces (the command line, later a web app) call instead of reading the database themselves.

- :mod:`~letopis.services.workspace`: open or create a data directory (database and evidence, plain or encrypted)
- :mod:`~letopis.services.ingest`: ``letopis ingest``, sources → evidence → extraction → merged incidents
- :mod:`~letopis.services.reading`: one source read into a ``Report`` (``letopis extract``)
- :mod:`~letopis.services.incidents`: the read API (filters, search, detail)
- :mod:`~letopis.services.review`: merge, split, status, edits
- :mod:`~letopis.services.testimony`: a testimony stored encrypted, then extracted like any source
- :mod:`~letopis.services.verify`: evidence and custody log checks
- :mod:`~letopis.services.accounts`: the web app's accounts, roles, logging in (argon2, TOTP, attempt limits)

Nothing is imported here, so a face loads only the services it uses.
"""
