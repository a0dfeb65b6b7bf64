"""`make demo` ends by running `letopis serve` in the foreground until Ctrl-C: the app answers at the address it
prints, and Ctrl-C (SIGINT) stops it cleanly, with one line and exit status 0."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path

from tests.web.conftest import PASSWORD, filled_workspace


def test_serve_answers_then_stops_on_ctrl_c(tmp_path: Path) -> None:
    workspace = filled_workspace(tmp_path / "data")
    try:
        from letopis.services import accounts

        accounts.add_user(workspace, "admin", "admin", PASSWORD)
    finally:
        workspace.close()
    env = {**os.environ, "LETOPIS_DATA": str(tmp_path / "data"),
           "PYTHONPATH": os.pathsep.join(filter(None, [str(Path(__file__).resolve().parents[2] / "src"),
                                                       os.environ.get("PYTHONPATH")]))}
    env.pop("LETOPIS_DATABASE_URL", None)
    process = subprocess.Popen([sys.executable, "-m", "letopis.cli", "serve", "--host", "127.0.0.1", "--port", "0"],
                               env=env, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stderr is not None
        line = process.stderr.readline()
        found = re.search(r"http://127\.0\.0\.1:\d+/", line)
        assert found and "(Ctrl-C stops)" in line, line
        with urllib.request.urlopen(found.group(0) + "login", timeout=30) as response:
            assert response.status == 200 and 'name="password"' in response.read().decode()
        process.send_signal(signal.SIGINT)
        _, rest = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 0, rest
    assert rest.strip().splitlines()[-1] == "letopis: stopped" and "Traceback" not in rest, rest
