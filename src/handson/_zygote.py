"""The snippet worker: imports the heavy modules once, then forks a fresh child per snippet.

Run as a script (`python .../_zygote.py`), never as `-m handson._zygote`: that would import the
tool's package first, and every snippet would start with the tool's modules loaded. This file
imports nothing of the tool, and removes its own folder from `sys.path`.

Protocol (one JSON object per line): the parent writes jobs on our stdin,
    {"id": 1, "script": "/abs/x.py", "workdir": "/abs/dir", "stdout": "/abs/out.txt",
     "log": "/abs/log.txt", "timeout": 600, "preload": ["tensorflow", "keras"]}
and we answer on our original stdout with
    {"id": 1, "status": "ok" | "error" | "timeout", "seconds": 1.23, "exit": 0, "signal": null,
     "detail": ""}.
Every child starts from the same clean state (forked before any snippet ran), so Keras layer
names, random seeds and matplotlib settings never depend on which snippet ran before. A child's
stdin is /dev/null (it cannot read the job pipe), it cannot write to the answer pipe, and it
leads its own process group, which is killed whole when the child ends, at its time limit and
when the worker stops (its parent closed the job pipe, died, or sent SIGTERM).
"""

from __future__ import annotations

import ctypes
import faulthandler
import importlib
import json
import os
import select
import signal
import sys
import time
import traceback
import types

SEED = 0  # the default seed; snippets that train set their own, visibly
PR_SET_PDEATHSIG = 1

if sys.path and os.path.abspath(sys.path[0] or ".") == os.path.dirname(os.path.abspath(__file__)):
    del sys.path[0]  # the tool's own folder: a snippet's `import run` must not find run.py here


def _die_with_parent(sig: int) -> None:
    """Ask Linux to send `sig` to this process when its parent dies (no-op elsewhere)."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, sig, 0, 0, 0)
    except (OSError, AttributeError):
        pass


def _child(job: dict, results_fd: int) -> int:
    """Run one snippet in this (forked) process; returns the exit status."""
    os.setpgid(0, 0)
    _die_with_parent(signal.SIGKILL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    os.close(results_fd)  # the answers are the worker's, not the snippet's
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)  # the job pipe stays out of reach: input() sees end of file
    os.close(null)
    os.chdir(job["workdir"])
    out = os.open(job["stdout"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    log = os.open(job["log"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    os.dup2(out, 1)
    os.dup2(log, 2)
    sys.stdin = open(0, encoding="utf-8", closefd=False)  # noqa: SIM115
    sys.stdout = open(1, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
    sys.stderr = open(2, "w", encoding="utf-8", closefd=False, buffering=1)  # noqa: SIM115
    faulthandler.enable(sys.stderr)  # a crash in C still says where the snippet was
    script = job["script"]
    sys.argv = [script]
    sys.path[0:0] = [os.path.dirname(script)]
    _reset_state()
    main = types.ModuleType("__main__")
    main.__file__ = script
    main.__builtins__ = __builtins__  # type: ignore[attr-defined]
    sys.modules["__main__"] = main  # pickle and multiprocessing find the snippet's names
    status = 0
    try:
        with open(script, "rb") as handle:
            code = compile(handle.read(), script, "exec")
        exec(code, main.__dict__)
    except SystemExit as stop:
        status = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
        if stop.code not in (None, 0) and not isinstance(stop.code, int):
            print(stop.code, file=sys.stderr)
    except BaseException as error:  # noqa: BLE001 - any failure of the snippet is reported
        tb = error.__traceback__
        while tb is not None and tb.tb_frame.f_code.co_filename != script:
            tb = tb.tb_next  # drop this runner's own frames: the author needs theirs
        if isinstance(error, RecursionError):
            sys.setrecursionlimit(sys.getrecursionlimit() + 200)  # room to format the report
        try:
            traceback.print_exception(type(error), error, tb or error.__traceback__, file=sys.stderr, limit=-30)
        except BaseException:  # noqa: BLE001 - the report itself failed: say what we can
            print(f"{type(error).__name__}: {error}", file=sys.stderr)
        status = 1
    finally:
        try:
            if "matplotlib.pyplot" in sys.modules:
                sys.modules["matplotlib.pyplot"].close("all")
        except Exception:  # noqa: BLE001
            pass
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except Exception:  # noqa: BLE001 - e.g. a closed stdout: nothing more to save
                pass
    return status


def _reset_state() -> None:
    import random

    random.seed(SEED)
    if "numpy" in sys.modules:
        sys.modules["numpy"].random.seed(SEED)
    if "tensorflow" in sys.modules and os.environ.get("HANDSON_TF_OPTIMIZER"):
        options = json.loads(os.environ["HANDSON_TF_OPTIMIZER"])  # run.TF_OPTIMIZER
        sys.modules["tensorflow"].config.optimizer.set_experimental_options(options)
    if "keras" in sys.modules:
        keras = sys.modules["keras"]
        keras.utils.set_random_seed(SEED)
        keras.backend.clear_session()
    if "matplotlib" in sys.modules:
        import matplotlib

        matplotlib.rcdefaults()
        matplotlib.use("Agg")
        matplotlib.rcParams["svg.hashsalt"] = "handson"


def _kill_group(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def _preload(job: dict) -> str:
    """Import the job's heavy modules in the worker; '' or the traceback of the one that failed."""
    for module in job.get("preload", []):
        try:
            importlib.import_module(module)
        except BaseException:  # noqa: BLE001 - reported as this snippet's failure
            return f"while importing {module} (preloaded for this snippet):\n" + traceback.format_exc()
    return ""


def main() -> None:
    parent = os.getppid()  # watched below, not with PR_SET_PDEATHSIG: that one fires when the
    # thread that started us ends, and a server starts its worker from a short-lived thread
    faulthandler.enable()  # if a preloaded import crashes the worker, its last words say where
    results_fd = os.dup(1)
    results = os.fdopen(results_fd, "w", buffering=1, encoding="utf-8")
    os.dup2(2, 1)  # anything the heavy imports print goes to stderr, never into the protocol
    sys.stdout = sys.stderr
    running: dict[int, tuple[dict, float]] = {}

    def stop(*_args) -> None:
        for pid in running:
            _kill_group(pid)
        os._exit(1 if running else 0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGHUP, stop)

    def answer(job: dict, status: str, started: float, **more) -> None:
        record = {
            "id": job["id"],
            "status": status,
            "seconds": time.monotonic() - started,
            "exit": None,
            "signal": None,
            "detail": "",
            **more,
        }
        results.write(json.dumps(record) + "\n")

    pending = b""
    while True:
        ready, _, _ = select.select([0], [], [], 0.02 if running else 1.0)
        if os.getppid() != parent:  # the parent died (its pipe may live on in a grandchild)
            stop()
        if ready:
            chunk = os.read(0, 65536)
            if not chunk:  # the parent closed the pipe or died: no snippet outlives it
                stop()
            pending += chunk
            while b"\n" in pending:
                line, pending = pending.split(b"\n", 1)
                if not line.strip():
                    continue
                job = json.loads(line)
                started = time.monotonic()
                failure = _preload(job)
                sys.stderr.flush()
                results.flush()
                if failure:
                    with open(job["log"], "w", encoding="utf-8") as log:
                        log.write(failure)
                    answer(job, "error", started, detail="its preloaded import failed")
                    continue
                pid = os.fork()
                if pid == 0:
                    code = 1
                    try:
                        code = _child(job, results_fd)
                    finally:
                        os._exit(code)
                try:
                    os.setpgid(pid, pid)  # also done by the child: whichever runs first
                except OSError:
                    pass
                running[pid] = (job, started)
        now = time.monotonic()
        for pid, (job, started) in list(running.items()):
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                _kill_group(pid)  # what the snippet started in the background ends with it
                if os.WIFSIGNALED(status):
                    number = os.WTERMSIG(status)
                    answer(job, "error", started, signal=signal.Signals(number).name)
                else:
                    code = os.WEXITSTATUS(status)
                    answer(job, "ok" if code == 0 else "error", started, exit=code)
            elif now - started > job["timeout"]:
                _kill_group(pid)
                os.waitpid(pid, 0)
                answer(job, "timeout", started)
            else:
                continue
            del running[pid]


if __name__ == "__main__":
    main()
