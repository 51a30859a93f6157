"""Build tool of the Hands-on Neural Networks course: run snippets, include them, render decks,
notebooks (handson.notebook) and PDF handouts (handson.pdf, imported on demand: it needs Playwright)."""

from .assets import AssetError, asset_files
from .deck import DeckError
from .deck import build as build_deck
from .include import IncludeError, expand
from .notebook import build_all as build_notebooks
from .run import Executor, SnippetError, run_all, run_script
from .settings import Settings, SettingsError
from .settings import load as load_settings

__all__ = [
    "AssetError",
    "DeckError",
    "Executor",
    "IncludeError",
    "Settings",
    "SettingsError",
    "SnippetError",
    "asset_files",
    "build_deck",
    "build_notebooks",
    "expand",
    "load_settings",
    "run_all",
    "run_script",
]
