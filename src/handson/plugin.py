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

from . import assets, deck, files, include, motion, notebook, run, settings

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
            config.markdown_extensions = include.use_in(config.markdown_extensions,
                                                        config.mdx_configs, self.settings)
            pages = include.pages(self.settings)
            if self.config.run_snippets:
                run.run_all(self.settings, used_by=include.usage(pages, root, self.settings),
                            progress=log.info)
            for page in pages:
                if page.is_relative_to(root / "docs"):
                    include.check(_read_page(page), page.relative_to(root).as_posix(),
                                  self.settings)
            self.vendor = assets.asset_files(self.settings)
            self.decks = self._build_decks(config.use_directory_urls)
            # notebooks from the same pages (never written into docs/: `mkdocs serve` would loop)
            self.notebooks = notebook.build_all(self.settings, root / "build" / "notebooks",
                                                Path(config.docs_dir))
            if self.notebooks:
                log.info(f"notebooks: {', '.join(sorted(self.notebooks))}")
        except (run.SnippetError, include.IncludeError, deck.DeckError, assets.AssetError,
                settings.SettingsError, UnicodeDecodeError) as error:
            raise PluginError(str(error)) from None
        return config

    def _build_decks(self, directory_urls: bool = True) -> dict[str, Path]:
        built = {}
        out = self.settings.root / "build" / "decks"
        for source in sorted((self.settings.root / "slides").glob("*.md")):
            d = deck.build(source, out / source.stem, self.settings, self.vendor,
                           directory_urls=directory_urls)
            log.info(f"deck {d.name}: {d.slides} slides")
            built[d.name] = out / source.stem
        return built

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
        for page_uri, path in self.notebooks.items():
            add(_notebook_uri(page_uri), path)
        # PDF handouts from the last `make pdf` (python -m handson pdf), so a rebuild keeps them
        for path in sorted((self.settings.root / "build" / "pdf").glob("*.pdf")):
            if (self.settings.root / "slides" / f"{path.stem}.md").is_file():
                add(f"pdf/{path.name}", path)
        return files

    def on_page_markdown(self, markdown: str, page, config, files) -> str:
        try:
            include.check(markdown, f"docs/{page.file.src_uri}", self.settings)
        except include.IncludeError as error:
            raise PluginError(str(error)) from None
        if page.file.src_uri in getattr(self, "notebooks", {}):
            extra = config.extra or {}
            line = notebook.links(page.file.src_uri, _notebook_uri(page.file.src_uri),
                                  extra.get("repository"), extra.get("branch"))
            markdown = notebook.add_links(markdown, line)
        return markdown

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
