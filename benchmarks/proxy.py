"""nginx from deploy/nginx.conf on this machine: the load benchmark's proxy, and the proxy tests' (tests/deploy/).

The repository's file is used as it is, with only its three lines marked "# address" pointed at ports on
127.0.0.1. nginx runs as an ordinary user (nobody, when this runs as root) from a prefix folder of its own in /tmp.
"""
from __future__ import annotations

import os
import pwd
import re
import shutil
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "deploy" / "nginx.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def render_config(*, quick: str, pdf: str, listen: str) -> str:
    """deploy/nginx.conf with the quick pool, the PDF pool and the listening address replaced."""
    text = CONFIG.read_text()
    replacements = {
        r"(upstream quick \{\s*server )[^\s;]+(;\s*# address)": quick,
        r"(upstream pdf \{\s*server )[^\s;]+(;\s*# address)": pdf,
        r"(\blisten )[^\s;]+(;\s*# address)": listen,
    }
    for pattern, replacement in replacements.items():
        text, count = re.subn(pattern, lambda match: match[1] + replacement + match[2], text)
        if count != 1:
            raise ValueError(f"deploy/nginx.conf: expected one line for {pattern!r}, found {count}")
    return text


@contextmanager
def running_nginx(*, port: int, quick_port: int, pdf_port: int, log: Path) -> Iterator[subprocess.Popen]:
    """nginx in the foreground on `port`, in front of the two pools, from a new prefix folder in /tmp; stopped
    and its folder removed on leaving. Yields once nginx answers (a 502 while the pools start is an answer)."""
    if not Path(NGINX).exists():
        raise SystemExit(f"nginx is not installed ({NGINX}): run scripts/setup --dev")
    prefix = Path(tempfile.mkdtemp(prefix="decisionaid-nginx-"))  # in /tmp, which any user can traverse
    config = prefix / "nginx.conf"
    config.write_text(render_config(quick=f"127.0.0.1:{quick_port}", pdf=f"127.0.0.1:{pdf_port}",
                                    listen=f"127.0.0.1:{port}"))
    user = {}
    if os.geteuid() == 0:  # never a root nginx: the prefix becomes nobody's, and nginx runs as nobody
        nobody = pwd.getpwnam("nobody")
        for path in (prefix, config):
            os.chown(path, nobody.pw_uid, nobody.pw_gid)
        user = {"user": nobody.pw_uid, "group": nobody.pw_gid, "extra_groups": []}
    with log.open("ab") as stderr:
        server = subprocess.Popen(
            [NGINX, "-p", f"{prefix}/", "-c", str(config), "-e", "stderr", "-g", "daemon off;"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=stderr, **user,
        )
    try:
        _wait_until_it_answers(server, port, log)
        yield server
    finally:
        server.terminate()
        server.wait(timeout=20)
        shutil.rmtree(prefix, ignore_errors=True)


def _wait_until_it_answers(server: subprocess.Popen, port: int, log: Path) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"nginx stopped at start-up:\n{log.read_text()[-3000:]}")
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2).close()
            return
        except urllib.error.HTTPError:  # an answer, even 502 while a pool starts: nginx is up
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit("nginx did not answer within 20 seconds")
