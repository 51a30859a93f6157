"""The MkDocs plugin: wires run, include and deck into `mkdocs build` and `mkdocs serve`.

Everything that can fail (snippets, includes, decks, assets) happens in on_config, which MkDocs
calls before it empties site/, so a failed build leaves the last good site as it was.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files

from . import assets, deck, files, include, motion, notebook, prepare, run, settings

log = get_plugin_logger(__name__)
MOTION_JS = "assets/handson/motion.js"  # listed in mkdocs.yml's extra_javascript


class HandsonConfig(Config):
    run_snippets = config_options.Type(bool, default=True)


class HandsonPlugin(BasePlugin[HandsonConfig]):
    def on_config(self, config):
        root = Path(config.config_file_path).resolve().parent
        try:
            self.settings = settings.load(root)
            # pymdownx.snippets, extended to read paths from the project (not the working
            # directory), keep them inside it and show outputs as text: the same as decks and tests
            config.markdown_extensions = include.use_in(config.markdown_extensions, config.mdx_configs, self.settings)
            # run, check, decks, notebooks: each only where its inputs changed (prepare.py);
            # notebooks are never written into docs/ (`mkdocs serve` would loop)
            done = prepare.prepare(
                self.settings,
                directory_urls=config.use_directory_urls,
                run_snippets_too=self.config.run_snippets,
                docs=Path(config.docs_dir),
                progress=log.info,
            )
            self.vendor, self.decks, self.notebooks = done.vendor, done.decks, done.notebooks
            self.checked = done.checked
        except (
            run.SnippetError,
            include.IncludeError,
            deck.DeckError,
            assets.AssetError,
            settings.SettingsError,
            UnicodeDecodeError,
        ) as error:
            raise PluginError(str(error)) from None
        return config

    def on_files(self, files: Files, config) -> Files:
        def add(src_uri: str, path: Path) -> None:
            if files.get_file_from_path(src_uri) is None:
                files.append(File.generated(config, src_uri, abs_src_path=str(path)))

        for rel, path in self.vendor.items():
            add(rel, path)
        for widget in deck.WIDGETS.values():  # interactive figures, the same files the decks get
            for rel in widget:
                add(rel, Path(__file__).with_name("widgets") / Path(rel).name)
        outputs = self.settings.outputs
        shown = {}
        for path in sorted(outputs.rglob("*")):
            if path.is_file() and not path.name.startswith("."):
                shown["outputs/" + path.relative_to(outputs).as_posix()] = path
        # a still beside each animation, and the script that pauses it (handson.motion)
        shown.update(motion.stills(shown, self.settings.root / "build" / "stills"))
        for uri, path in shown.items():
            add(uri, path)
        if files.get_file_from_path(MOTION_JS) is None:
            files.append(File.generated(config, MOTION_JS, content=motion.script()))
        for name, folder in self.decks.items():
            for path in sorted(folder.rglob("*")):
                if path.is_file():
                    add(f"slides/{name}/{path.relative_to(folder).as_posix()}", path)
        for page_uri in self.notebooks:  # a real src_dir, not File.generated: mkdocs-jupyter's
            uri = _notebook_uri(page_uri)  # page wrapper finds the file through src_dir
            if files.get_file_from_path(uri) is None:
                files.append(File(uri, str(self.settings.root / "build"), config.site_dir, config.use_directory_urls))
        # PDF handouts from the last `make pdf` (python -m handson pdf), so a rebuild keeps them
        for path in sorted((self.settings.root / "build" / "pdf").glob("*.pdf")):
            if (self.settings.root / "slides" / f"{path.stem}.md").is_file():
                add(f"pdf/{path.name}", path)
        return files

    def on_page_markdown(self, markdown: str, page, config, files) -> str:
        if not page.file.src_uri.endswith(".md"):  # a notebook (mkdocs-jupyter renders it)
            return markdown
        try:
            if f"docs/{page.file.src_uri}" not in getattr(self, "checked", ()):
                include.check(markdown, f"docs/{page.file.src_uri}", self.settings)
        except include.IncludeError as error:
            raise PluginError(str(error)) from None
        if page.file.src_uri in getattr(self, "notebooks", {}):  # a chapter with code
            extra = config.extra or {}
            line = notebook.links(
                page.file.src_uri, _notebook_uri(page.file.src_uri), extra.get("repository"), extra.get("branch")
            )
            markdown = notebook.add_links(markdown, line)
        return markdown

    def on_page_content(self, html: str, page, config, files) -> str:
        # a notebook page mkdocs-jupyter rendered: offline, alt texts, the site's dark scheme
        if page.file.src_uri.startswith("notebooks/") and page.file.src_uri.endswith(".ipynb"):
            page.title = f"{page.title} (notebook)"  # in search results, apart from the chapter
            return notebook.site_html(html, Path(page.file.abs_src_path))
        return html

    def on_serve(self, server, config, builder):
        for path in (self.settings.root / "slides", self.settings.snippets):
            if path.is_dir():
                server.watch(str(path))
        return server


def _notebook_uri(page_uri: str) -> str:
    """Where a page's notebook lives in the site: notebooks/<page>.ipynb."""
    return "notebooks/" + page_uri[:-3] + ".ipynb"


def _read_page(page: Path) -> str:
    return files.read_utf8(page, include.IncludeError)
