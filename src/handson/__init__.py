"""Build tool of the Hands-on Neural Networks course: run snippets, include them, render decks."""

from .assets import AssetError, asset_files
from .deck import DeckError
from .deck import build as build_deck
from .include import IncludeError, expand
from .run import Executor, SnippetError, run_all, run_script
from .settings import Settings, SettingsError
from .settings import load as load_settings

__all__ = [
    "AssetError", "DeckError", "Executor", "IncludeError", "Settings", "SettingsError",
    "SnippetError", "asset_files", "build_deck", "expand", "load_settings", "run_all",
    "run_script",
]
