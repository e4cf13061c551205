"""Run nginx in front of the app: the frontend's files from disk, pre-gzipped; the rest proxied.

For large rooms (docs/architecture.md, "Measured capacity"): without it, the one Python
process also serves each phone's ~96 requests and 2.9 MB of frontend files.  From the project
folder, either in front of an app you started (on loopback only, so phones reach it through
nginx; the public URL makes the QR codes point at nginx even when the laptop's browser uses
localhost)::

    WORKSHOP_PUBLIC_URL=http://192.168.1.20:8080 \
        .venv/bin/streamlit run app.py --server.port 8501 --server.address 127.0.0.1
    .venv/bin/python deploy/serve.py --app-port 8501 --listen-port 8080

or starting ``--apps K`` app processes itself on ports ``--app-port`` to ``--app-port + K - 1``,
all on one PostgreSQL (the store is the only state they share)::

    WORKSHOP_DATABASE_URL=postgresql+psycopg://workshop@127.0.0.1/workshop \
    WORKSHOP_PUBLIC_URL=http://192.168.1.20:8080 \
        .venv/bin/python deploy/serve.py --apps 2 --listen-port 8080

Streamlit takes the next free port when 8501 is busy: ``--app-port`` must be the one it prints.

What it does:

1. copies the installed Streamlit's ``streamlit/static`` folder to ``var/static/`` (the package
   stays untouched) and writes ``name.gz`` next to every compressible file, for nginx's
   ``gzip_static``; an unchanged copy (same Streamlit version and folder) is reused;
2. fills the template ``deploy/nginx.conf`` (``{{STATIC_ROOT}}``, ``{{APP_SERVERS}}``,
   ``{{LISTEN_PORT}}``, ``{{VAR_DIR}}``) and writes it to ``var/nginx.conf``;
3. with ``--apps``, starts the app processes (sharing one cookie secret, so Streamlit's XSRF
   tokens hold in each) and waits until each answers ``/healthz``;
4. runs ``nginx -c var/nginx.conf -g 'daemon off;'`` until Ctrl-C or until a process ends,
   then stops them all.

nginx keeps each browser on one process (a cookie, hashed consistently: nginx.conf,
"Sticky sessions"); ``var/streams.log`` records which process each websocket went to.
``--prepare-only`` stops after step 2.  Needs nginx (Debian: ``apt-get install nginx``).
Started as root, nginx runs its workers as ``nobody``: the ``--var`` folder must then be
readable by everyone (it is checked).
"""

from __future__ import annotations

import argparse
import gzip
import importlib.metadata
import importlib.util
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = Path(__file__).resolve().parent / "nginx.conf"
#: Text formats worth compressing; fonts (woff2) and images (png, gif) are compressed already.
COMPRESSIBLE = {".js", ".css", ".html", ".json", ".svg", ".map", ".txt"}
#: Below this size a gzip file saves less than its own headers cost.
MIN_SIZE = 256
#: Name of the file recording which Streamlit the copy in var/static came from.
STAMP = ".source"
#: Seconds an app process may take to answer /healthz after it was started.
START_SECONDS = 120.0


NO_NGINX = "nginx is not installed: `sudo apt-get install nginx` (Debian/Ubuntu)"


def find_nginx() -> str | None:
    """The nginx binary (Debian installs it to /usr/sbin, often not on a user's PATH)."""
    found = shutil.which("nginx")
    candidates = [found] if found else ["/usr/sbin/nginx", "/usr/local/sbin/nginx"]
    return next((path for path in candidates if os.access(path, os.X_OK)), None)


def streamlit_static_dir() -> Path:
    """The installed Streamlit's frontend folder (found without importing Streamlit)."""
    spec = importlib.util.find_spec("streamlit")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("Streamlit is not installed in this Python (use the project's .venv/bin/python)")
    folder = Path(next(iter(spec.submodule_search_locations))) / "static"
    if not (folder / "index.html").is_file():
        sys.exit(f"no index.html in {folder}: an unexpected Streamlit layout")
    return folder


def prepare_static(source: Path, target: Path) -> int:
    """Copy the frontend to ``target`` with a ``.gz`` beside each compressible file.

    Returns how many files were compressed (0 when an up-to-date copy was reused).  The copy is
    built beside the target and swapped in whole, so a running nginx never sees half a copy.
    """
    stamp = f"streamlit {importlib.metadata.version('streamlit')} from {source}\n"
    if (target / STAMP).is_file() and (target / STAMP).read_text() == stamp:
        return 0
    building = target.with_name(target.name + ".new")
    shutil.rmtree(building, ignore_errors=True)
    shutil.copytree(source, building)
    compressed = 0
    for path in building.rglob("*"):
        if path.suffix not in COMPRESSIBLE or not path.is_file():
            continue
        data = path.read_bytes()
        packed = gzip.compress(data, compresslevel=9, mtime=0)
        if len(data) >= MIN_SIZE and len(packed) < len(data):
            path.with_name(path.name + ".gz").write_bytes(packed)
            compressed += 1
    (building / STAMP).write_text(stamp)
    old = target.with_name(target.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    building.rename(target)
    shutil.rmtree(old, ignore_errors=True)
    return compressed


def fill(template: str, values: dict[str, str]) -> str:
    """The template with every ``{{NAME}}`` replaced; an unknown name is an error."""

    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in values:
            sys.exit(f"{TEMPLATE}: no value for {{{{{name}}}}}")
        return values[name]

    return re.sub(r"\{\{(\w+)\}\}", value, template)


def upstream_servers(first_port: int, count: int) -> str:
    """The ``server`` lines of nginx's upstream block for `count` apps from `first_port` on."""
    return "\n".join(f"        server 127.0.0.1:{first_port + i};" for i in range(count))


def app_command(port: int) -> list[str]:
    """The command of one app process on loopback `port` (the README's `streamlit run`)."""
    return [
        sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"),
        "--server.port", str(port), "--server.address", "127.0.0.1", "--server.headless", "true",
    ]  # fmt: skip


def healthy(port: int) -> bool:
    """Whether the app on `port` answers /healthz with 200 (it asks the database)."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as reply:
            return bool(reply.status == 200)
    except OSError:
        return False


def start_apps(first_port: int, count: int, var: Path) -> list[subprocess.Popen[bytes]]:
    """Start `count` app processes, each logging to ``var/app-<port>.log``; wait until each
    answers.  Exits with the log's end when one ends or does not answer in time."""
    # Streamlit refuses the secret on its command line (where `ps` would show it).
    env = {**os.environ, "STREAMLIT_SERVER_COOKIE_SECRET": secrets.token_urlsafe(32)}
    started: list[subprocess.Popen[bytes]] = []
    for port in range(first_port, first_port + count):
        with (var / f"app-{port}.log").open("wb") as log:
            started.append(
                subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
                    app_command(port), cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
                )
            )
    deadline = time.monotonic() + START_SECONDS
    for port, process in zip(range(first_port, first_port + count), started, strict=True):
        while not healthy(port):
            if process.poll() is not None or time.monotonic() > deadline:
                stop(started)
                tail = (var / f"app-{port}.log").read_text(errors="replace")[-2000:]
                sys.exit(f"the app on port {port} did not come up:\n{tail}")
            time.sleep(0.3)
    return started


def stop(processes: list[subprocess.Popen[bytes]]) -> None:
    """Ask every process to end, then kill what has not ended within ten seconds."""
    for process in processes:
        if process.poll() is None:
            process.terminate()
    for process in processes:
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def run_until_one_ends(processes: list[subprocess.Popen[bytes]]) -> int:
    """Wait until a process ends or a signal comes; stop them all; nginx's exit status."""

    def end(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, end)
    try:
        while all(process.poll() is None for process in processes):
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    stop(processes)
    return processes[-1].returncode or 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--app-port", type=int, default=8501, help="where the (first) app listens")
    parser.add_argument("--apps", type=int, default=0, help="start this many app processes")
    parser.add_argument("--listen-port", type=int, default=8080, help="where nginx listens")
    parser.add_argument("--var", type=Path, default=ROOT / "var", help="folder for the copy")
    parser.add_argument("--prepare-only", action="store_true", help="write files, no nginx")
    args = parser.parse_args()

    nginx = find_nginx()
    if nginx is None and not args.prepare_only:
        sys.exit(NO_NGINX)

    var = args.var.resolve()
    (var / "tmp").mkdir(parents=True, exist_ok=True)
    readable = all(p.stat().st_mode & 0o005 == 0o005 for p in [var, *var.parents])
    if os.geteuid() == 0 and not readable:
        # Started by root, nginx's workers run as `nobody`.  Unable to read the copy, they
        # would quietly hand every request to the app (try_files) and nothing would be gained.
        sys.exit(f"as root, nginx's workers could not read {var}: use a world-readable --var")
    compressed = prepare_static(streamlit_static_dir(), var / "static")
    config = fill(
        TEMPLATE.read_text(),
        {
            "STATIC_ROOT": str(var / "static"),
            "APP_SERVERS": upstream_servers(args.app_port, max(args.apps, 1)),
            "LISTEN_PORT": str(args.listen_port),
            "VAR_DIR": str(var),
        },
    )
    (var / "nginx.conf").write_text(config)
    done = f"{compressed} files gzipped" if compressed else "static copy up to date"
    print(f"{var / 'nginx.conf'} written ({done})", flush=True)
    if args.prepare_only or nginx is None:
        return
    apps = start_apps(args.app_port, args.apps, var) if args.apps else []
    last = args.app_port + max(args.apps, 1) - 1
    ports = f"{args.app_port}-{last}" if last > args.app_port else str(args.app_port)
    print(f"nginx on port {args.listen_port} -> app on 127.0.0.1:{ports}", flush=True)
    command = [nginx, "-p", str(var), "-e", "stderr", "-c", str(var / "nginx.conf")]
    if not apps:
        os.execv(nginx, [*command, "-g", "daemon off;"])  # noqa: S606 - nginx, our own arguments
    server = subprocess.Popen([*command, "-g", "daemon off;"])  # noqa: S603 - our own arguments
    sys.exit(run_until_one_ends([*apps, server]))


if __name__ == "__main__":
    main()
