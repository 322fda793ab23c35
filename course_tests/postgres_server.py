"""A throwaway PostgreSQL server for tests that need nbgrader's gradebook on a real database.

nbgrader keeps its gradebook in SQLite by default; a course that grades in parallel wants a server
database instead, and only a real server shows how nbgrader (SQLAlchemy + alembic) behaves there.
`running_postgres` starts one from the machine's own PostgreSQL binaries (Debian's `postgresql`
package puts them in /usr/lib/postgresql/<version>/bin, off PATH), creates an empty database and
hands back its SQLAlchemy URL; `postgres_unavailable_reason` says why that cannot work here, so a
fixture can skip instead of fail:

    reason = postgres_unavailable_reason()
    if reason:
        pytest.skip(reason)
    with running_postgres(tmp_path) as url:
        ...

The server trusts every local connection and runs with fsync off: it is for tests only.
"""
from __future__ import annotations

import contextlib
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

# PostgreSQL refuses to run as root, so as root the server runs as the account Debian's package
# creates for it.
SERVER_USER = "postgres"
# The database superuser that initdb creates; with `-A trust` it needs no password.
SUPERUSER = "postgres"
DATABASE = "gradebook"
# The driver is named in the URL because a bare postgresql:// means psycopg (3) since SQLAlchemy 2.1,
# while the course installs psycopg2 (psycopg2-binary).
DRIVER = "postgresql+psycopg2"
# Unix socket paths are limited to 107 bytes (sun_path); ".s.PGSQL.<port>" takes up to 15 of them.
_MAX_SOCKET_DIR = 90
# A port found free can be taken by someone else before the server binds it; so a few tries.
_START_ATTEMPTS = 3
_TIMEOUT_S = 60


class PostgresStartError(RuntimeError):
    """The server (or its database) could not be set up; the message ends with the server's log."""


def _version_key(bindir: Path) -> tuple[int, ...]:
    """(15,) for /usr/lib/postgresql/15/bin, so that 15 sorts above 9.6 (as text it would not)."""
    return tuple(int(part) for part in re.findall(r"\d+", bindir.parent.name))


def server_bindir() -> Path | None:
    """The folder holding initdb, pg_ctl and createdb: the newest Debian-installed version, else PATH."""
    candidates = [path.parent for path in Path("/usr/lib/postgresql").glob("*/bin/initdb")]
    if candidates:
        return max(candidates, key=_version_key)
    initdb = shutil.which("initdb")
    return Path(initdb).resolve().parent if initdb else None


def _running_as_root() -> bool:
    return os.geteuid() == 0


def _server_user_exists() -> bool:
    try:
        pwd.getpwnam(SERVER_USER)
    except KeyError:
        return False
    return True


def postgres_unavailable_reason() -> str | None:
    """Why `running_postgres` cannot work on this machine, in words for `pytest.skip`; None if it can."""
    bindir = server_bindir()
    if bindir is None:
        return ("no PostgreSQL server binaries (initdb) found in /usr/lib/postgresql/*/bin or on PATH; "
                ".ci/run installs Debian's postgresql package")
    missing = [name for name in ("initdb", "pg_ctl", "createdb") if not (bindir / name).is_file()]
    if missing:
        return f"PostgreSQL in {bindir} lacks {', '.join(missing)}"
    if _running_as_root():
        if not _server_user_exists():
            return (f"running as root, which PostgreSQL refuses, and there is no '{SERVER_USER}' user to "
                    "run the server as (Debian's postgresql package creates it)")
        if shutil.which("runuser") is None:
            return "running as root, which PostgreSQL refuses, and `runuser` (util-linux) is missing"
    try:
        import psycopg2  # noqa: F401 (the driver the yielded URL names)
    except ImportError:
        return "the psycopg2 driver is not installed (pip install psycopg2-binary)"
    return None


def _as_server_user() -> list[str]:
    """The command prefix that runs a server program as a user PostgreSQL accepts."""
    return ["runuser", "-u", SERVER_USER, "--"] if _running_as_root() else []


def _clean_environment() -> dict[str, str]:
    """This process's environment minus PG* variables (PGHOST, PGPORT, ...), which would redirect
    the client programs to some other server."""
    return {key: value for key, value in os.environ.items() if not key.startswith("PG")}


def _free_port() -> int:
    """A TCP port on 127.0.0.1 that nobody listens on right now (the kernel picks it for port 0)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _log_tail(log: Path, lines: int = 30) -> str:
    """The end of the server's log, which is where PostgreSQL says why it would not start."""
    try:
        return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
    except OSError as error:
        return f"(no server log: {error})"


def _run(command: list[str], *, cwd: Path, log: Path, what: str) -> None:
    """Runs a PostgreSQL program; if it fails, raises with its output and the server log's tail."""
    # A process group of its own, so that a timeout also ends what runuser started (killing runuser
    # alone would leave initdb running).
    process = subprocess.Popen(command, cwd=cwd, env=_clean_environment(), stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:
        output, _ = process.communicate(timeout=_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        output, _ = process.communicate()
        raise PostgresStartError(f"{what} took over {_TIMEOUT_S} s: {' '.join(command)}\n{output}\n"
                                 f"--- end of the server log ---\n{_log_tail(log)}") from None
    if process.returncode != 0:
        raise PostgresStartError(f"{what} failed (exit {process.returncode}): {' '.join(command)}\n"
                                 f"{output}\n--- end of the server log ---\n{_log_tail(log)}")


def _server_folder(folder: Path) -> Path:
    """A new folder for the server's files (deleted afterwards), inside `folder` where possible.

    As root, the server runs as `postgres`, which must be able to reach its folder; pytest's own
    folders (/tmp/pytest-of-root/...) are mode 700, so the server then gets a folder of its own
    directly in the temporary directory. The same happens when `folder`'s path is too long for the
    unix socket that the server puts there.
    """
    # The socket goes in <folder>/postgres-XXXXXXXX/data (mkdtemp adds 8 characters).
    socket_dir = folder.resolve() / "postgres-12345678" / "data"
    if not _running_as_root() and len(str(socket_dir)) <= _MAX_SOCKET_DIR:
        return Path(tempfile.mkdtemp(prefix="postgres-", dir=folder))
    private = Path(tempfile.mkdtemp(prefix="postgres-"))
    if _running_as_root():
        shutil.chown(private, user=SERVER_USER, group=pwd.getpwnam(SERVER_USER).pw_gid)
        check = subprocess.run([*_as_server_user(), "test", "-w", str(private)], capture_output=True)
        if check.returncode != 0:
            shutil.rmtree(private, ignore_errors=True)
            raise PostgresStartError(f"user '{SERVER_USER}' cannot write to {private}: one of its parent "
                                     "folders is closed to it (set TMPDIR to a folder it can reach)")
    return private


def _configure(data: Path, port: int) -> None:
    """Settings appended to postgresql.conf (later lines win), rather than passed through `pg_ctl -o`,
    whose option string goes through a shell and would need quoting for unusual paths."""
    settings = {
        "listen_addresses": "'127.0.0.1'",
        "port": str(port),
        # The default, /var/run/postgresql, may not exist, or may belong to the machine's own server.
        "unix_socket_directories": "'{}'".format(str(data).replace("'", "''")),
        # Durability is pointless for a database that is deleted after the test; skipping it is faster.
        "fsync": "off",
        "synchronous_commit": "off",
        "full_page_writes": "off",
    }
    with open(data / "postgresql.conf", "a") as conf:
        conf.write("\n# running_postgres (course_tests/postgres_server.py)\n")
        conf.writelines(f"{key} = {value}\n" for key, value in settings.items())


def _stop(bindir: Path, data: Path, cwd: Path) -> None:
    """Stops the server without a shutdown checkpoint (its data is about to be deleted anyway)."""
    result = subprocess.run([*_as_server_user(), str(bindir / "pg_ctl"), "stop", "-D", str(data),
                             "-m", "immediate", "-w"], cwd=cwd, env=_clean_environment(),
                            capture_output=True, text=True, timeout=_TIMEOUT_S)
    if result.returncode != 0:
        # Last resort, so no server outlives the test: SIGQUIT is PostgreSQL's immediate shutdown.
        with contextlib.suppress(OSError, ValueError, IndexError):
            pid = int((data / "postmaster.pid").read_text().splitlines()[0])
            os.kill(pid, signal.SIGQUIT)


@contextlib.contextmanager
def running_postgres(folder: Path, database: str = DATABASE) -> Iterator[str]:
    """Starts a private PostgreSQL server, yields the SQLAlchemy URL of an empty `database` on it
    (postgresql+psycopg2://postgres@127.0.0.1:PORT/gradebook), then stops and deletes the server.

    The server's log is kept as `folder`/postgres.log. Raises PostgresStartError, with the log's
    tail, if the server does not start; see `postgres_unavailable_reason` to find out beforehand.
    """
    reason = postgres_unavailable_reason()
    if reason:
        raise PostgresStartError(reason)
    bindir = server_bindir()
    assert bindir is not None  # checked by postgres_unavailable_reason
    folder.mkdir(parents=True, exist_ok=True)
    home = _server_folder(folder)
    data, log = home / "data", home / "postgres.log"
    try:
        _run([*_as_server_user(), str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", SUPERUSER,
              "-E", "UTF8", "--locale=C", "--no-sync"], cwd=home, log=log, what="initdb")
        for attempt in range(1, _START_ATTEMPTS + 1):
            port = _free_port()
            _configure(data, port)
            logged_before = log.stat().st_size if log.exists() else 0
            try:
                _run([*_as_server_user(), str(bindir / "pg_ctl"), "start", "-D", str(data), "-l", str(log),
                      "-w", "-t", str(_TIMEOUT_S)], cwd=home, log=log, what="pg_ctl start")
                break
            except PostgresStartError:
                # Only a port taken in the meantime is worth another try.
                this_attempt = log.read_bytes()[logged_before:] if log.exists() else b""
                if attempt == _START_ATTEMPTS or b"already in use" not in this_attempt:
                    raise
        # createdb talks to the server over TCP, so it needs no particular OS user.
        _run([str(bindir / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", SUPERUSER, database],
             cwd=home, log=log, what="createdb")
        yield f"{DRIVER}://{SUPERUSER}@127.0.0.1:{port}/{database}"
    finally:
        # postmaster.pid exists while a server runs, including one that `pg_ctl -w` gave up waiting for.
        if (data / "postmaster.pid").exists():
            _stop(bindir, data, home)
        if log.exists():
            shutil.copyfile(log, folder / "postgres.log")
        shutil.rmtree(home, ignore_errors=True)
