"""A kill point for crash tests, loaded at interpreter start when this folder is on PYTHONPATH.

``LETOPIS_KILL_AT=N``: the process kills itself with SIGKILL just before its
N-th SQL statement (commits and rollbacks count as statements), so a crash can
be made to land anywhere in a command's writes, between two transactions as
well as inside one. ``LETOPIS_KILL_AFTER_COMMIT=K``: it kills itself as soon
as its K-th write transaction has committed (the commit returned), before
anything else runs: a kill that lands between two groups of a batch command
for certain, with the first group's work (its evidence journal, say) not yet
wound up. ``LETOPIS_KILL_COUNT=FILE``: the process writes how many
statements it ran to FILE at exit (how the killer learns the range of N).
``LETOPIS_KILL_TRACE=FILE``: before each statement and around each commit the
process overwrites FILE with one line, ``statements committed open first
first_at last last_at``: how many statements it ran, how many transactions
that wrote it committed, whether a transaction that wrote is open (1) or
being committed (2), and the statement number and ``time.monotonic()`` of its
first write and of its last write commit's end — so after a kill, from
outside, the killer knows where it landed, and from an untouched run, where
the command writes.
Only the process that first loads this arms it: worker processes it starts
(which inherit the environment) count nothing.
"""

from __future__ import annotations

import os

_AT = os.environ.get("LETOPIS_KILL_AT")
_AFTER_COMMIT = os.environ.get("LETOPIS_KILL_AFTER_COMMIT")
_COUNT = os.environ.get("LETOPIS_KILL_COUNT")
_TRACE = os.environ.get("LETOPIS_KILL_TRACE")
_WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE", "WITH")

if (_AT or _AFTER_COMMIT or _COUNT or _TRACE) and not os.environ.get("LETOPIS_KILL_ARMED"):
    os.environ["LETOPIS_KILL_ARMED"] = str(os.getpid())

    def _arm() -> None:
        import atexit
        import signal
        import time

        from sqlalchemy import event
        from sqlalchemy.engine import Engine
        from sqlalchemy.engine.default import DefaultDialect

        me = os.getpid()
        seen = [0, 0]  # statements run, write transactions committed
        span = [0, 0.0, 0, 0.0]  # first write (statement, time), last write commit's end (statement, time)
        dirty: dict[int, int] = {}  # DB-API connection → 1 (wrote, open) or 2 (commit under way)
        at = int(_AT) if _AT else None
        after_commit = int(_AFTER_COMMIT) if _AFTER_COMMIT else None
        trace = os.open(_TRACE, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644) if _TRACE else None

        def note() -> None:
            if trace is not None:
                line = (f"{seen[0]} {seen[1]} {max(dirty.values(), default=0)} "
                        f"{span[0]} {span[1]:.6f} {span[2]} {span[3]:.6f}").ljust(99) + "\n"
                os.pwrite(trace, line.encode(), 0)

        def tick() -> None:
            seen[0] += 1
            note()
            if at is not None and seen[0] >= at:
                os.kill(me, signal.SIGKILL)

        def before_execute(conn: object, _cursor: object, statement: str, *_: object) -> None:
            if os.getpid() != me:
                return
            tick()  # a kill at this statement lands before it
            head = statement.lstrip()[:80].upper()
            if head.startswith(_WRITES) and "TEMP." not in head:  # the seals' note of changed rows is no write
                key = id(conn.connection)  # type: ignore[attr-defined]
                if key not in dirty:
                    dirty[key] = 1
                    if not span[0]:
                        span[:2] = [seen[0], time.monotonic()]
                    note()

        def ended(*_: object) -> None:
            if os.getpid() == me:
                tick()

        event.listen(Engine, "before_cursor_execute", before_execute)
        event.listen(Engine, "commit", ended)
        event.listen(Engine, "rollback", ended)

        commit, rollback = DefaultDialect.do_commit, DefaultDialect.do_rollback

        def do_commit(self: DefaultDialect, dbapi_connection: object) -> None:
            key = id(dbapi_connection)
            wrote = os.getpid() == me and key in dirty
            if wrote:
                dirty[key] = 2
                note()
            commit(self, dbapi_connection)
            if wrote:
                del dirty[key]
                seen[1] += 1
                span[2:] = [seen[0], time.monotonic()]
                note()
                if after_commit is not None and seen[1] >= after_commit:
                    os.kill(me, signal.SIGKILL)

        def do_rollback(self: DefaultDialect, dbapi_connection: object) -> None:
            rollback(self, dbapi_connection)
            if os.getpid() == me and dirty.pop(id(dbapi_connection), False):
                note()

        DefaultDialect.do_commit = do_commit  # type: ignore[method-assign]
        DefaultDialect.do_rollback = do_rollback  # type: ignore[method-assign]
        if _COUNT:
            atexit.register(lambda: open(_COUNT, "w").write(str(seen[0])))  # noqa: SIM115 - at exit

    _arm()
