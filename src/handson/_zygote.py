"""The snippet worker: imports the heavy modules once, then forks a fresh child per snippet.

Protocol (one JSON object per line): the parent writes jobs on our stdin,
    {"id": 1, "script": "/abs/x.py", "workdir": "/abs/dir", "stdout": "/abs/out.txt",
     "log": "/abs/log.txt", "timeout": 600, "preload": ["tensorflow", "keras"]}
and we answer on our original stdout with
    {"id": 1, "status": "ok" | "error" | "timeout", "seconds": 1.23, "exit": 0}.
Every child starts from the same clean state (forked before any snippet ran), so Keras layer
names, random seeds and matplotlib settings never depend on which snippet ran before.
"""

from __future__ import annotations

import importlib
import json
import os
import select
import signal
import sys
import time
import traceback

SEED = 0  # the default seed; snippets that train set their own, visibly


def _child(job: dict) -> int:
    """Run one snippet in this (forked) process; returns the exit status."""
    os.chdir(job["workdir"])
    out = os.open(job["stdout"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    log = os.open(job["log"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    os.dup2(out, 1)
    os.dup2(log, 2)
    sys.stdout = open(1, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
    sys.stderr = open(2, "w", encoding="utf-8", closefd=False, buffering=1)  # noqa: SIM115
    script = job["script"]
    sys.argv = [script]
    sys.path[0] = os.path.dirname(script)
    _reset_state()
    status = 0
    try:
        with open(script, "rb") as handle:
            code = compile(handle.read(), script, "exec")
        exec(code, {"__name__": "__main__", "__file__": script, "__builtins__": __builtins__})
    except SystemExit as stop:
        status = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
        if stop.code not in (None, 0) and not isinstance(stop.code, int):
            print(stop.code, file=sys.stderr)
    except BaseException as error:  # noqa: BLE001 - any failure of the snippet is reported
        tb = error.__traceback__
        while tb is not None and tb.tb_frame.f_code.co_filename != script:
            tb = tb.tb_next  # drop this runner's own frames: the author needs theirs
        traceback.print_exception(type(error), error, tb or error.__traceback__, file=sys.stderr)
        status = 1
    finally:
        try:
            import matplotlib.pyplot as plt

            plt.close("all")
        except Exception:  # noqa: BLE001
            pass
        sys.stdout.flush()
        sys.stderr.flush()
    return status


def _reset_state() -> None:
    import random

    random.seed(SEED)
    try:
        import numpy as np

        np.random.seed(SEED)
    except ImportError:
        pass
    if "keras" in sys.modules:
        keras = sys.modules["keras"]
        keras.utils.set_random_seed(SEED)
        keras.backend.clear_session()
    if "matplotlib" in sys.modules:
        import matplotlib

        matplotlib.rcdefaults()
        matplotlib.use("Agg")
        matplotlib.rcParams["svg.hashsalt"] = "handson"


def main() -> None:
    results = os.fdopen(os.dup(1), "w", buffering=1, encoding="utf-8")
    os.dup2(2, 1)  # anything the heavy imports print goes to stderr, never into the protocol
    sys.stdout = sys.stderr
    running: dict[int, tuple[dict, float]] = {}
    pending = b""
    stdin_open = True
    while stdin_open or running:
        ready, _, _ = select.select([0] if stdin_open else [], [], [], 0.02 if running else None)
        if ready:
            chunk = os.read(0, 65536)
            if not chunk:
                stdin_open = False
            pending += chunk
            while b"\n" in pending:
                line, pending = pending.split(b"\n", 1)
                if line.strip():
                    job = json.loads(line)
                    for module in job.get("preload", []):
                        importlib.import_module(module)
                    sys.stderr.flush()
                    results.flush()
                    pid = os.fork()
                    if pid == 0:
                        code = 1
                        try:
                            code = _child(job)
                        finally:
                            os._exit(code)
                    running[pid] = (job, time.monotonic())
        now = time.monotonic()
        for pid, (job, started) in list(running.items()):
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                code = os.waitstatus_to_exitcode(status)
                verdict = "ok" if code == 0 else "error"
            elif now - started > job["timeout"]:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                code, verdict = None, "timeout"
            else:
                continue
            del running[pid]
            answer = {"id": job["id"], "status": verdict, "exit": code, "seconds": now - started}
            results.write(json.dumps(answer) + "\n")


if __name__ == "__main__":
    main()
