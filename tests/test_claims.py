"""Sentences a run decides (in prose, presenter notes and alt text) hold for this build's run:
every `<!-- claim chapter/example "words": expression -->` marker of docs/ and slides/ is
evaluated against the facts.json that snippet wrote (handson.claims), never re-computed here."""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import pytest

from handson import claims

ROOT = Path(__file__).resolve().parent.parent
SOURCES = claims.sources(ROOT)
CLAIMS = claims.scan_all(SOURCES)


def test_the_course_binds_its_run_dependent_sentences_in_docs_decks_notes_and_alt_text():
    where = {claim.path.relative_to(ROOT).parts[0] for claim in CLAIMS}
    assert where == {"docs", "slides"}
    assert len(CLAIMS) >= 30
    assert [claim for claim in CLAIMS if _in_notes(claim)], "no claim in presenter notes"
    assert [claim for claim in CLAIMS if _in_alt_text(claim)], "no claim on an image's alt text"


def _in_notes(claim: claims.Claim) -> bool:
    """The marker follows a `???` line of its slide (a slide ends at a `---` line)."""
    lines = claim.path.read_text(encoding="utf-8").split("\n")[: claim.line - 1]
    for line in reversed(lines):
        if line.strip() == "---":
            return False
        if line.strip() == "???":
            return True
    return False


def _in_alt_text(claim: claims.Claim) -> bool:
    """The quoted words stand in the alt text of an image on the line above the marker."""
    lines = claim.path.read_text(encoding="utf-8").split("\n")[: claim.line - 1]
    while lines and lines[-1].lstrip().startswith("<!-- claim"):
        lines.pop()  # markers stacked under one sentence or image
    alts = re.findall(r"!\[([^\]]*)\]", lines[-1] if lines else "")
    return any(claim.quote in " ".join(alt.split()) for alt in alts)


@pytest.mark.parametrize("claim", CLAIMS, ids=[claim.where(ROOT) for claim in CLAIMS])
def test_claim_holds_for_this_builds_run(claim, outputs):
    assert claims.check([claim], outputs.outputs, ROOT) == []


def test_every_snippet_a_claim_names_exists():
    named = {name for claim in CLAIMS for name in claim.snippets}
    assert named and all((ROOT / "snippets" / f"{name}.py").is_file() for name in named)


# The mechanism itself, on tiny pages and facts written here.


def _page(tmp_path: Path, text: str) -> Path:
    page = tmp_path / "page.md"
    page.write_text(textwrap.dedent(text), encoding="utf-8")
    return page


def _facts(tmp_path: Path, snippet: str, facts: dict) -> Path:
    outputs = tmp_path / "outputs"
    (outputs / snippet).mkdir(parents=True)
    (outputs / snippet / claims.FACTS).write_text(json.dumps(facts), encoding="utf-8")
    return outputs


def test_a_true_claim_passes_and_a_false_one_names_its_page_line_and_words(tmp_path):
    page = _page(
        tmp_path,
        """\
        # Title

        Dropout beats the plain
        model on validation data.
        <!-- claim optim/overfit "Dropout beats the plain model": dropout.val_acc > plain.val_acc -->

        ![Loss curves: the plain model is worse](x.png)
        <!-- claim optim/overfit "the plain model is worse": plain["val_acc"] < 0.9 -->
        """,
    )
    outputs = _facts(tmp_path, "optim/overfit", {"plain": {"val_acc": 0.92}, "dropout": {"val_acc": 0.95}})
    found = claims.scan(page)
    assert [(c.line, c.snippets, c.quote) for c in found] == [
        (5, ("optim/overfit",), "Dropout beats the plain model"),
        (8, ("optim/overfit",), "the plain model is worse"),
    ]
    problems = claims.check(found, outputs)
    assert len(problems) == 1
    assert problems[0].startswith(f'{page.as_posix()}:8: "the plain model is worse" is no longer true')
    assert 'plain["val_acc"] < 0.9 is False' in problems[0]


def test_a_claim_whose_words_are_not_in_its_block_is_an_error_naming_the_line(tmp_path):
    page = _page(
        tmp_path,
        """\
        The CNN beats the MLP.

        <!-- claim examples/mnist_cnn "the CNN beats the MLP": cnn > mlp -->
        """,
    )
    with pytest.raises(claims.ClaimError, match=r"page.md:3: the claim quotes \"the CNN beats"):
        claims.scan(page)


def test_a_malformed_marker_is_an_error_not_ignored(tmp_path):
    page = _page(tmp_path, "Some words.\n<!-- claim optim/overfit dropout > plain -->\n")
    with pytest.raises(claims.ClaimError, match="page.md:2: a claim marker must read"):
        claims.scan(page)


def test_a_marker_shown_in_a_code_block_is_an_example_not_a_claim(tmp_path):
    page = _page(
        tmp_path,
        """\
        ```` markdown
        Dropout wins.
        <!-- claim optim/overfit "Dropout wins.": dropout > plain -->
        ````

        ```text
        <!-- claim malformed -->
        ```
        Words.
        <!-- claim a/b "Words.": x -->
        """,
    )
    assert [(claim.line, claim.quote) for claim in claims.scan(page)] == [(10, "Words.")]


def test_missing_facts_unknown_keys_and_forbidden_code_are_reported_not_passed(tmp_path):
    outputs = _facts(tmp_path, "a/b", {"x": 1})
    page = _page(
        tmp_path,
        """\
        One. Two. Three. Four.
        <!-- claim a/b "One.": y > 0 -->
        <!-- claim a/c "Two.": x > 0 -->
        <!-- claim a/b "Three.": __import__("os").getcwd() -->
        <!-- claim a/b "Four.": x + 1 -->
        """,
    )
    problems = claims.check(claims.scan(page), outputs)
    assert len(problems) == 4
    assert "'y' is not a key of facts.json (keys: x)" in problems[0]
    assert "a/c/facts.json does not exist" in problems[1]
    assert "not allowed in a claim" in problems[2]
    assert "x + 1 is 2" in problems[3]  # only True passes, not a truthy number


def test_a_claim_naming_two_snippets_reads_each_ones_facts_under_its_name(tmp_path):
    outputs = _facts(tmp_path, "examples/mnist_cnn", {"test_accuracy": 0.94})
    (outputs / "examples/mnist_mlp").mkdir()
    (outputs / "examples/mnist_mlp" / claims.FACTS).write_text('{"test_accuracy": 0.95}')
    page = _page(
        tmp_path,
        """\
        The CNN beats the MLP.
        <!-- claim examples/mnist_cnn, examples/mnist_mlp "The CNN beats the MLP.":
             mnist_cnn.test_accuracy > mnist_mlp.test_accuracy -->
        """,
    )
    [claim] = claims.scan(page)
    assert claim.snippets == ("examples/mnist_cnn", "examples/mnist_mlp")
    [problem] = claims.check([claim], outputs)
    assert "is False in the facts of examples/mnist_cnn, examples/mnist_mlp" in problem


def test_expressions_read_nested_keys_lists_and_a_few_functions():
    facts = {"curve": [0.9, 0.5, 0.4, 0.45], "best": {"epoch": 3}, "name with spaces": 2}
    assert claims.evaluate("min(curve) == curve[best.epoch - 1]", facts) is True
    assert claims.evaluate("curve[-1] > curve[2] and not curve[0] < 0.5", facts) is True
    assert claims.evaluate("0.3 < curve[1] <= 0.5 < curve[0]", facts) is True
    assert claims.evaluate("len(curve) == 4 and round(sum(curve), 2) == 2.25", facts) is True
    assert claims.evaluate("argmin(curve) == 2 and argmax(curve) == 0", facts) is True
    assert claims.evaluate('facts["name with spaces"] == 2', facts) is True
    assert claims.evaluate("diffs([1, 3, 2]) == [2, -1] and curve[1:3] == [0.5, 0.4]", facts) is True
    assert claims.evaluate("falling([3, 2, 1]) and not falling(curve) and rising([1, 2])", facts) is True
    with pytest.raises(claims.ClaimError, match="not allowed"):
        claims.evaluate("[c for c in curve]", facts)
