"""The run stage: snippets run once, are cached under a key of everything that changes them,
start from a clean state, and fail loudly with the places that include them."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from handson import run

from .conftest import ROOT, make_project

KERAS_SNIPPET = """\
    import keras
    from keras import layers
    model = keras.Sequential([keras.Input(shape=(3,)), layers.Dense(2)])
    print(model.layers[0].name, model.count_params())
    """


def quiet(line: str) -> None:
    pass


def test_outputs_are_published_with_stdout_and_written_files(tmp_path):
    conf = make_project(
        tmp_path,
        {
            "snippets/a/hello.py": """\
        from pathlib import Path
        print("hello", 6 * 7)
        Path("data.txt").write_text("written")
        """
        },
    )
    report = run.run_all(conf, progress=quiet)
    assert report.ran == ["a/hello"]
    out = conf.outputs / "a" / "hello"
    assert (out / "stdout.txt").read_text() == "hello 42\n"
    assert (out / "data.txt").read_text() == "written"


def test_second_run_uses_the_cache_and_an_edit_reruns_only_that_snippet(tmp_path):
    conf = make_project(tmp_path, {"snippets/one.py": "print(1)\n", "snippets/two.py": "print(2)\n"})
    assert sorted(run.run_all(conf, progress=quiet).ran) == ["one", "two"]
    assert run.run_all(conf, progress=quiet).ran == []
    (tmp_path / "snippets/two.py").write_text("print(22)\n")
    assert run.run_all(conf, progress=quiet).ran == ["two"]
    assert (conf.outputs / "two" / "stdout.txt").read_text() == "22\n"


def test_editing_an_imported_helper_reruns_the_snippets_that_import_it(tmp_path):
    conf = make_project(
        tmp_path,
        {
            "snippets/fig/_style.py": "COLOUR = 'blue'\n",
            "snippets/fig/uses.py": "from _style import COLOUR\nprint(COLOUR)\n",
            "snippets/fig/alone.py": "print('alone')\n",
        },
    )
    run.run_all(conf, progress=quiet)
    (tmp_path / "snippets/fig/_style.py").write_text("COLOUR = 'orange'\n")
    assert run.run_all(conf, progress=quiet).ran == ["fig/uses"]
    assert (conf.outputs / "fig/uses/stdout.txt").read_text() == "orange\n"


def test_a_declared_data_file_is_part_of_the_key(tmp_path):
    conf = make_project(
        tmp_path,
        {
            "data/x.csv": "1,2\n",
            "snippets/read.py": "# reads: data/x.csv\nprint('ok')\n",
        },
    )
    run.run_all(conf, progress=quiet)
    (tmp_path / "data/x.csv").write_text("3,4\n")
    assert run.run_all(conf, progress=quiet).ran == ["read"]


def test_a_changed_keras_version_reruns_every_snippet(tmp_path, monkeypatch):
    conf = make_project(tmp_path, {"snippets/one.py": "print(1)\n", "snippets/two.py": "print(2)\n"})
    run.run_all(conf, progress=quiet)
    real = run._version
    monkeypatch.setattr(run, "_version", lambda p: "9.9.9" if p == "keras" else real(p))
    assert sorted(run.run_all(conf, progress=quiet).ran) == ["one", "two"]


def test_layer_names_do_not_depend_on_which_snippet_ran_before(tmp_path):
    conf = make_project(tmp_path, {f"snippets/s{i}.py": KERAS_SNIPPET for i in range(3)})
    run.run_all(conf, progress=quiet)
    for i in range(3):
        assert (conf.outputs / f"s{i}" / "stdout.txt").read_text() == "dense 8\n"


def test_the_worker_runs_snippets_with_grappler_off_as_the_notebooks_do(tmp_path):
    """run.TF_OPTIMIZER reaches TensorFlow in a snippet that imports it through a helper."""
    conf = make_project(
        tmp_path,
        {
            "snippets/_helper.py": "import tensorflow as tf\n",
            "snippets/options.py": (
                "from _helper import tf\n\noptions = tf.config.optimizer.get_experimental_options()\n"
                "print(options['disable_meta_optimizer'])\n"
            ),
        },
    )
    run.run_all(conf, progress=quiet)
    assert (conf.outputs / "options" / "stdout.txt").read_text() == "True\n"


def test_a_helpers_imports_are_preloaded_too(tmp_path):
    """exercises/widen.py imports Keras only through _mnist.py: the worker must still preload it
    (and apply TF_OPTIMIZER to it) instead of each snippet importing TensorFlow on its own."""
    (tmp_path / "_helper.py").write_text("import keras\nimport _style\n")
    (tmp_path / "_style.py").write_text("import matplotlib.pyplot as plt\n")
    (tmp_path / "demo.py").write_text("from _helper import keras\nimport json\n")
    assert run.imports(tmp_path / "demo.py").roots == {"_helper", "json", "keras", "_style", "matplotlib"}
    assert run._preload(tmp_path / "demo.py") == ["matplotlib.pyplot", "keras"]


def test_a_failing_snippet_names_its_traceback_and_the_pages_that_include_it(tmp_path):
    conf = make_project(
        tmp_path,
        {
            "snippets/good.py": "print('fine')\n",
            "snippets/bad.py": "x = 1\nraise ValueError('broken on purpose')\n",
        },
    )
    with pytest.raises(run.SnippetError) as caught:
        run.run_all(conf, used_by={"bad": ["docs/page.md:12"]}, progress=quiet)
    message = str(caught.value)
    assert "snippets/bad.py failed" in message
    assert "included at docs/page.md:12" in message
    assert "ValueError: broken on purpose" in message
    assert 'bad.py", line 2' in message
    # the good one was cached all the same: fixing bad.py re-runs only bad.py
    (tmp_path / "snippets/bad.py").write_text("print('mended')\n")
    assert run.run_all(conf, progress=quiet).ran == ["bad"]


def test_a_syntax_error_is_reported_with_its_line(tmp_path):
    conf = make_project(tmp_path, {"snippets/typo.py": "print('a')\nif True print('b')\n"})
    with pytest.raises(run.SnippetError, match=r"(?s)typo.py.*line 2.*SyntaxError"):
        run.run_all(conf, progress=quiet)


def test_header_lines_after_a_multi_line_docstring_are_read(tmp_path):
    conf = make_project(
        tmp_path,
        {"snippets/slow.py": ('"""A slow one.\n\nIt sleeps.\n"""\n# timeout: 1\nimport time\ntime.sleep(30)\n')},
    )
    with pytest.raises(run.SnippetError, match="ran past its time limit of 1 s"):
        run.run_all(conf, progress=quiet)


def test_a_snippet_past_its_time_limit_is_stopped(tmp_path):
    conf = make_project(tmp_path, {"snippets/slow.py": "# timeout: 1\nimport time\ntime.sleep(30)\n"})
    with pytest.raises(run.SnippetError, match="ran past its time limit of 1 s"):
        run.run_all(conf, progress=quiet)
    assert not (conf.outputs / "slow").exists()


def test_a_corrupted_cache_entry_is_rerun_not_used(tmp_path):
    conf = make_project(tmp_path, {"snippets/one.py": "print('true output')\n"})
    run.run_all(conf, progress=quiet)
    (entry,) = [p for p in conf.cache.iterdir() if not p.name.startswith(".")]
    (entry / "files" / "stdout.txt").write_text("poisoned\n")
    assert run.run_all(conf, progress=quiet).ran == ["one"]
    assert (conf.outputs / "one" / "stdout.txt").read_text() == "true output\n"


def test_cache_entries_list_what_their_key_covers(tmp_path):
    conf = make_project(tmp_path, {"snippets/fig/_h.py": "", "snippets/fig/one.py": "import _h\n"})
    run.run_all(conf, progress=quiet)
    (meta,) = conf.cache.glob("*/meta.json")
    parts = json.loads(meta.read_text())["key"]
    assert {
        "snippet snippets/fig/one.py",
        "imports snippets/fig/_h.py",
        "python",
        "version keras",
        "version tensorflow-cpu",
        "version numpy",
        "version matplotlib",
    } <= set(parts)


def test_a_build_with_nothing_changed_imports_no_tensorflow():
    code = (
        "import sys; from handson import run, settings; "
        "r = run.run_all(settings.load(), progress=lambda l: None); "
        "print(len(r.ran), 'tensorflow' in sys.modules, 'keras' in sys.modules)"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, capture_output=True)
    again = subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, capture_output=True, text=True)
    assert again.stdout.split() == ["0", "False", "False"]


def test_a_worker_started_from_a_thread_that_ends_keeps_serving_jobs(tmp_path):
    """`handson serve` warms its worker up in a thread that then returns: the worker must not die
    with that thread (Linux's parent-death signal follows the thread, not the process)."""
    import threading

    script = tmp_path / "hello.py"
    script.write_text("print('hello')\n", encoding="utf-8")
    answers = []
    with run.Executor(workers=1) as executor:

        def first(name: str) -> None:
            (tmp_path / name).mkdir()
            answers.append(run.run_script(executor, script, tmp_path / name, timeout=60))

        warm = threading.Thread(target=first, args=("a",))
        warm.start()
        warm.join()
        (tmp_path / "b").mkdir()
        answers.append(run.run_script(executor, script, tmp_path / "b", timeout=60))
    assert [(a["status"], a["stdout"]) for a in answers] == [("ok", "hello\n"), ("ok", "hello\n")]


def test_the_worker_ends_when_the_process_that_started_it_is_killed(tmp_path):
    script = tmp_path / "hello.py"
    script.write_text("print('hello')\n", encoding="utf-8")
    (tmp_path / "w").mkdir()
    owner = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path; from handson import run\n"
            "ex = run.Executor(workers=1)\n"
            f"run.run_script(ex, Path({str(script)!r}), Path({str(tmp_path / 'w')!r}), timeout=60)\n"
            "print(ex._proc.pid, flush=True); time.sleep(600)\n",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert owner.stdout is not None
    worker = int(owner.stdout.readline())
    owner.kill()  # SIGKILL: no clean-up code runs in the owner
    owner.wait()
    import os
    import time

    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.kill(worker, 0)
        except ProcessLookupError:
            break
        time.sleep(0.05)
    else:
        raise AssertionError(f"worker {worker} outlived the process that started it")
