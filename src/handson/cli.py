"""The command line: `python -m handson <command>`; the Makefile calls these."""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import assets, deck, files, include, run, settings


def _build(args: argparse.Namespace, conf: settings.Settings) -> int:
    """mkdocs build into a fresh folder, swapped in only when the whole build succeeded."""
    site = conf.root / args.site
    run.remove_stale(conf.root, f".{site.name}.new-")  # a killed build's half-written site
    tmp = Path(tempfile.mkdtemp(dir=conf.root, prefix=f".{site.name}.new-{os.getpid()}-"))
    files.world_readable(tmp)  # mkdtemp makes it 0700: a web server as another user needs to read it
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-d", str(tmp)]
    try:
        # MkDocs (and through it the snippet worker) ends when this build is killed
        done = subprocess.run(command, cwd=conf.root, env=env, preexec_fn=run.die_with_parent)
        if done.returncode != 0:
            print(f"build failed: {site.relative_to(conf.root)}/ left as it was", file=sys.stderr)
            return done.returncode
        files.swap_in(tmp, site)
        print(f"site written to {site.relative_to(conf.root)}/")
        return 0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _run(args: argparse.Namespace, conf: settings.Settings) -> int:
    from . import prepare
    from .state import State

    state = State.load(conf.root)
    try:
        prepare.run_snippets(conf, state, only=args.names or None)
    finally:
        state.save()
    return 0


def _prepare(args, conf: settings.Settings) -> int:
    """Everything before the site generator: snippets, include checks, decks, notebooks."""
    from . import prepare

    started = time.monotonic()
    done = prepare.prepare(conf, directory_urls=_directory_urls(conf.root))
    print(
        f"prepared in {time.monotonic() - started:.1f} s: {len(done.decks)} decks in build/decks/ "
        f"({len(done.rebuilt_decks)} rebuilt), {len(done.notebooks)} notebooks in "
        f"build/notebooks/ ({len(done.rebuilt_notebooks)} rebuilt), outputs in "
        f"{conf.outputs.relative_to(conf.root)}/"
    )
    return 0


def _serve(args, conf: settings.Settings) -> int:
    from . import serve

    return serve.main(conf, host=args.host, port=args.port, site=conf.root / args.site)


def _directory_urls(root: Path) -> bool:
    """mkdocs.yml's use_directory_urls, read by MkDocs' own config loader (so `INHERIT:`, `!ENV`
    and MkDocs' default, true, mean what they mean to `mkdocs build`), for the decks' link home."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError

    path = root / "mkdocs.yml"
    try:
        config = load_config(str(path))
    except ConfigurationError as error:
        raise settings.SettingsError(f"{path}: {error}") from None
    return bool(config["use_directory_urls"])


def _deck(args: argparse.Namespace, conf: settings.Settings) -> int:
    vendor = assets.asset_files(conf)
    directory_urls = _directory_urls(conf.root)
    for source in args.decks or sorted((conf.root / "slides").glob("*.md")):
        source = Path(source).resolve()
        built = deck.build(source, conf.root / args.out / source.stem, conf, vendor, directory_urls=directory_urls)
        print(
            f"deck {built.name}: {built.slides} slides, {len(built.shown)} steps -> {args.out}/{source.stem}/index.html"
        )
    return 0


def _pdf(args: argparse.Namespace, conf: settings.Settings) -> int:
    from . import pdf

    if args.if_browser and pdf.chromium_executable() is None and not os.environ.get("HANDSON_CHROMIUM"):
        print(
            "PDF handouts skipped: no Chromium on this machine (`make pdf` installs it and prints "
            f"them to {args.site}/pdf/)"
        )
        return 0
    started = time.monotonic()
    try:
        written = pdf.export_all(conf, conf.root / args.site, args.decks or None, steps=args.steps, notes=args.notes)
    except pdf.PdfError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(
        f"{len(written)} PDF(s) in {time.monotonic() - started:.1f} s: "
        + ", ".join(f"{args.site}/pdf/{name}.pdf" for name in written)
    )
    return 0


def _notebooks(args: argparse.Namespace, conf: settings.Settings) -> int:
    from . import notebook

    made = notebook.build_all(conf, conf.root / args.out)
    for page, path in made.items():
        print(f"docs/{page} -> {path.relative_to(conf.root)}")
    return 0


def _assets(args: argparse.Namespace, conf: settings.Settings) -> int:
    for name, folder in assets.ensure_all(conf).items():
        print(f"{name}@{conf.assets[name]['version']}: verified, in {folder}")
    return 0


def _bench(args: argparse.Namespace, conf: settings.Settings) -> int:
    from . import bench

    only = [n for n in (args.only or "").split(",") if n] or None

    def say(line: str) -> None:
        print(line, flush=True)  # progress shows as it happens, also into a file or a pipe

    return bench.main(
        conf.root,
        keep=args.keep,
        only=only,
        say=say,
        naive=not args.no_naive,
        peers=not args.no_peers,
        scale=not args.no_scale,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="handson", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    p = commands.add_parser("build", help="run snippets, build site and decks (atomic swap)")
    p.add_argument("--site", default="site", help="output folder (default: site)")
    p.set_defaults(func=_build)
    p = commands.add_parser("run", help="run snippets whose inputs changed")
    p.add_argument("names", nargs="*", help="only these snippets (e.g. cnn/strides)")
    p.set_defaults(func=_run)
    p = commands.add_parser(
        "prepare",
        help="run snippets, build decks and notebooks into build/ "
        "(each only if its inputs changed), without a site generator",
    )
    p.set_defaults(func=_prepare)
    p = commands.add_parser(
        "serve", help="serve site/ with live reload; a save rebuilds only what it changed (a slide part: its deck)"
    )
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--site", default="site", help="the built site (default: site)")
    p.set_defaults(func=_serve)
    p = commands.add_parser("deck", help="build decks without the site")
    p.add_argument(
        "decks", nargs="*", help="remark decks, slides/<deck>.md or any deck on disk (default: all of slides/)"
    )
    p.add_argument(
        "--out",
        default="build/decks",
        help="folder for the built decks (relative: to the project; default: build/decks)",
    )
    p.set_defaults(func=_deck)
    p = commands.add_parser("pdf", help="print each built deck to a PDF (headless Chromium)")
    p.add_argument("decks", nargs="*", help="deck names (default: all)")
    p.add_argument("--site", default="site", help="the built site (default: site)")
    p.add_argument("--steps", action="store_true", help="one page per incremental step too")
    p.add_argument("--notes", action="store_true", help="presenter notes under each slide")
    p.add_argument(
        "--if-browser", action="store_true", help="without Chromium, skip with one line instead of failing (make build)"
    )
    p.set_defaults(func=_pdf)
    p = commands.add_parser("notebooks", help="write a notebook per docs page with code")
    p.add_argument("--out", default="build/notebooks")
    p.set_defaults(func=_notebooks)
    p = commands.add_parser("assets", help="fetch and verify remark.js and KaTeX")
    p.set_defaults(func=_assets)
    p = commands.add_parser("bench", help="time naive, cold, warm and one-edit builds on a copy")
    p.add_argument("--keep", action="store_true", help="keep the temporary copies")
    p.add_argument(
        "--only",
        help="race the peers on these snippets only (comma-separated, e.g. cnn/strides,keras/about; default: all)",
    )
    p.add_argument("--no-naive", action="store_true", help="skip the naive loop (minutes)")
    p.add_argument("--no-peers", action="store_true", help="skip markdown-exec and jupyter-cache")
    p.add_argument("--no-scale", action="store_true", help="skip the x10 scale run")
    p.set_defaults(func=_bench)
    args = parser.parse_args(argv)
    try:
        try:
            conf = settings.load()
        except settings.SettingsError:
            if args.command != "deck":
                raise
            # a lecturer's deck, built from its own folder: the project this tool comes from
            conf = settings.load(Path(__file__).resolve().parent)
        return args.func(args, conf)
    except (run.SnippetError, include.IncludeError, deck.DeckError, assets.AssetError, settings.SettingsError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except OSError as error:  # a full disk, a read-only folder: name the path and the cause
        print(f"error: {error.filename or ''}: {error.strerror or error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
