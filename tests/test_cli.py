"""The command line and the Makefile: mkdocs.yml is read by MkDocs' own loader, and building needs
neither root nor a browser (the PDF handouts are then skipped with one line saying how to get them).
"""

from __future__ import annotations

import subprocess
import textwrap
from pathlib import Path

import pytest

from handson import cli, settings

from .conftest import ROOT, make_project


def write_mkdocs(root: Path, files: dict[str, str]) -> None:
    (root / "docs").mkdir(exist_ok=True)
    for name, text in files.items():
        (root / name).write_text(textwrap.dedent(text), encoding="utf-8")


def test_use_directory_urls_inherited_from_a_parent_config_is_read(tmp_path):
    # read line by line, mkdocs.yml says nothing and the default (true) came back
    write_mkdocs(
        tmp_path, {"base.yml": "use_directory_urls: false\n", "mkdocs.yml": "INHERIT: base.yml\nsite_name: demo\n"}
    )
    assert cli._directory_urls(tmp_path) is False


def test_use_directory_urls_from_an_environment_variable_is_read(tmp_path, monkeypatch):
    write_mkdocs(
        tmp_path,
        {
            "mkdocs.yml": """\
        site_name: demo
        use_directory_urls: !ENV [DEMO_DIRECTORY_URLS, true]
        """
        },
    )
    monkeypatch.setenv("DEMO_DIRECTORY_URLS", "false")
    assert cli._directory_urls(tmp_path) is False
    monkeypatch.delenv("DEMO_DIRECTORY_URLS")
    assert cli._directory_urls(tmp_path) is True


def test_use_directory_urls_defaults_to_true_like_mkdocs(tmp_path):
    write_mkdocs(tmp_path, {"mkdocs.yml": "site_name: demo\n"})
    assert cli._directory_urls(tmp_path) is True


def test_a_broken_mkdocs_yml_is_an_error_naming_the_file(tmp_path):
    write_mkdocs(tmp_path, {"mkdocs.yml": "site_name: demo\nuse_directory_urls: [unclosed\n"})
    with pytest.raises(settings.SettingsError, match=r"mkdocs\.yml"):
        cli._directory_urls(tmp_path)


def test_the_projects_own_mkdocs_yml_serves_pages_as_html_files():
    assert cli._directory_urls(ROOT) is False  # use_directory_urls: false, for file://


def test_without_chromium_pdf_handouts_are_skipped_with_one_line(tmp_path, monkeypatch, capsys):
    make_project(tmp_path, {})
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PATH", str(tmp_path / "no-browser-here"))
    monkeypatch.delenv("HANDSON_CHROMIUM", raising=False)
    assert cli.main(["pdf", "--if-browser"]) == 0
    printed = capsys.readouterr()
    assert printed.out.splitlines() == [
        "PDF handouts skipped: no Chromium on this machine (`make pdf` installs it and prints them to site/pdf/)"
    ]
    assert printed.err == ""


def make_dry_run(target: str) -> str:
    done = subprocess.run(
        ["make", "-n", "--no-print-directory", target], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return done.stdout


def test_make_build_and_serve_need_no_root_and_no_browser_but_pdf_and_test_install_one():
    for target, step in (("build", "handson build"), ("serve", "handson serve")):
        commands = make_dry_run(target)
        assert step in commands, commands
        assert "apt-get" not in commands, f"make {target} would need root"
    assert "pdf --if-browser" in make_dry_run("build")  # handouts only where a browser is
    for target in ("pdf", "test-all"):
        assert "apt-get install -y -q chromium" in make_dry_run(target)
