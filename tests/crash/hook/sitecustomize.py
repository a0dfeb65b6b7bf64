"""A kill point for crash tests, loaded at interpreter start when this folder is on PYTHONPATH.

``LETOPIS_KILL_AT=N``: the process kills itself with SIGKILL just before its
N-th SQL statement (commits and rollbacks count as statements), so a crash can
be made to land anywhere in a command's writes, between two transactions as
well as inside one. ``LETOPIS_KILL_COUNT=FILE``: the process writes how many
statements it ran to FILE at exit (how the killer learns the range of N).
Only the process that first loads this arms it: worker processes it starts
(which inherit the environment) count nothing.
"""

from __future__ import annotations

import os

_AT = os.environ.get("LETOPIS_KILL_AT")
_COUNT = os.environ.get("LETOPIS_KILL_COUNT")

if (_AT or _COUNT) and not os.environ.get("LETOPIS_KILL_ARMED"):
    os.environ["LETOPIS_KILL_ARMED"] = str(os.getpid())

    def _arm() -> None:
        import atexit
        import signal

        from sqlalchemy import event
        from sqlalchemy.engine import Engine

        me = os.getpid()
        seen = [0]
        at = int(_AT) if _AT else None

        def tick(*_: object, **__: object) -> None:
            if os.getpid() != me:
                return
            seen[0] += 1
            if at is not None and seen[0] >= at:
                os.kill(me, signal.SIGKILL)

        for name in ("before_cursor_execute", "commit", "rollback"):
            event.listen(Engine, name, tick)
        if _COUNT:
            atexit.register(lambda: open(_COUNT, "w").write(str(seen[0])))  # noqa: SIM115 - at exit

    _arm()
