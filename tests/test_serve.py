"""`handson serve`'s reload protocol on tiny inputs: which rebuilds a deck page may take into
its running slideshow (a swap) and which reload the page."""

from __future__ import annotations

import threading

from handson import deck, serve

PAGE = """<!DOCTYPE html><html><head><title>{title}</title></head><body>
<script type="application/json" id="deck-math">{math}</script>
<textarea id="source">
{source}
</textarea>
<script src="vendor/remark-slide/out/remark.min.js"></script>
</body></html>"""


def page(source: str = "# One", math: str = "[]", title: str = "Alpha") -> str:
    return PAGE.format(source=source, math=math, title=title)


def test_deck_shell_ignores_the_markdown_and_the_math_and_nothing_else():
    assert deck.shell(page("# One")) == deck.shell(page("# Two\n\n%%math0%%", '[["x^2", false]]'))
    assert deck.shell(page(title="Alpha")) != deck.shell(page(title="Beta"))
    assert deck.shell(page()) != deck.shell(page().replace("remark.min.js", "remark.js"))
    assert "# One" not in deck.shell(page("# One"))


def test_a_page_is_told_to_swap_only_when_every_rebuild_since_it_looked_changed_only_deck_text():
    reloads = serve.Reloads()
    assert reloads.answer(None) == "1"
    reloads.bump("deck alpha rebuilt", frozenset({"alpha"}))
    assert reloads.answer(1) == "2 swap alpha"
    reloads.bump("deck beta rebuilt", frozenset({"beta"}))
    assert reloads.answer(1) == "3 swap alpha beta"  # two text-only rebuilds since version 1
    assert reloads.answer(2) == "3 swap beta"
    reloads.bump("rebuilt neurons.md")  # a page: whoever waits since before it reloads
    assert reloads.answer(1) == "4"
    assert reloads.answer(3) == "4"
    reloads.bump("deck alpha rebuilt", frozenset({"alpha"}))
    assert reloads.answer(4) == "5 swap alpha"


def test_a_page_waiting_on_the_version_is_answered_when_a_rebuild_finishes():
    reloads = serve.Reloads()
    answers: list[str] = []
    waiter = threading.Thread(target=lambda: answers.append(reloads.answer(1)))
    waiter.start()
    reloads.bump("deck alpha rebuilt", frozenset({"alpha"}))
    waiter.join(timeout=10)
    assert answers == ["2 swap alpha"]
