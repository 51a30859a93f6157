"""Claims: sentences a run decides, bound to the run that decides them.

A page or a deck (prose, presenter notes, alt text) that states something only a run can tell
("Dropout beats the plain model", "the loss is flat after epoch 5") carries a marker right after
that sentence, in the same block of non-blank lines:

    <!-- claim optim/overfit "Dropout beats the plain model": dropout.val_acc > plain.val_acc -->

`optim/overfit` names the snippet; its run wrote `facts.json` (a JSON object) into its working
folder, kept as `build/outputs/optim/overfit/facts.json`. A claim comparing two runs names both,
`examples/mnist_cnn, examples/mnist_mlp`, and reads each one's facts under its example's name.
The quoted words must stand in the block the marker ends (whitespace and line breaks do not
matter), so a claim cannot drift away from its sentence. Markers inside code blocks are examples,
not claims. The expression reads the JSON object's keys (`a.b` and `a["b"]` both read a nested
key; `facts["a key"]` one that is not a Python name; `a[2:]` a slice) with comparisons, arithmetic,
`and`/`or`/`not`, lists and a few functions (abs, min, max, round, len, all, any, sum, sorted;
argmin and argmax: the index of the smallest and largest item; diffs: each item minus the one
before; falling and rising: every item below, above the one before); nothing else is allowed.
`check` returns one problem per claim that is false or cannot be read; the tests fail on any.
"""

from __future__ import annotations

import ast
import json
import operator
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import include

NAME = r"[\w.-]+/[\w.-]+"
MARKER = re.compile(
    rf"<!--\s*claim\s+(?P<snippets>{NAME}(?:\s*,\s*{NAME})*)\s+\"(?P<quote>[^\"]+)\"\s*:"
    r"\s*(?P<expr>.*?)\s*-->",
    re.DOTALL,
)
LOOSE = re.compile(r"<!--\s*claim\b.*?-->", re.DOTALL)
FACTS = "facts.json"

FUNCTIONS: dict[str, Callable[..., Any]] = {
    "abs": abs,
    "min": min,
    "max": max,
    "round": round,
    "len": len,
    "all": all,
    "any": any,
    "sum": sum,
    "sorted": sorted,
    "argmin": lambda values: min(range(len(values)), key=values.__getitem__),
    "argmax": lambda values: max(range(len(values)), key=values.__getitem__),
    "diffs": lambda values: [b - a for a, b in zip(values, values[1:], strict=False)],
    "falling": lambda values: all(a > b for a, b in zip(values, values[1:], strict=False)),
    "rising": lambda values: all(a < b for a, b in zip(values, values[1:], strict=False)),
}
BINARY: dict[type, Callable[[Any, Any], Any]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.Pow: operator.pow,
    ast.Mod: operator.mod,
    ast.FloorDiv: operator.floordiv,
}
COMPARE: dict[type, Callable[[Any, Any], Any]] = {
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
    ast.In: lambda a, b: a in b,
    ast.NotIn: lambda a, b: a not in b,
}


class ClaimError(ValueError):
    """A claim marker that cannot be read or evaluated; the message names the file and line."""


@dataclass(frozen=True)
class Claim:
    path: Path
    line: int
    snippets: tuple[str, ...]
    quote: str
    expression: str

    def where(self, root: Path | None = None) -> str:
        path = self.path.relative_to(root) if root and self.path.is_relative_to(root) else self.path
        return f"{path.as_posix()}:{self.line}"


def _normalise(text: str) -> str:
    return " ".join(text.split())


def _block(text: str, start: int, end: int) -> str:
    """The run of non-blank lines around text[start:end], claim markers removed."""
    lines = text.split("\n")
    first = text.count("\n", 0, start)
    last = text.count("\n", 0, end)
    while first > 0 and lines[first - 1].strip():
        first -= 1
    while last + 1 < len(lines) and lines[last + 1].strip():
        last += 1
    return LOOSE.sub(" ", "\n".join(lines[first : last + 1]))


def scan(path: Path, text: str | None = None) -> list[Claim]:
    """Every claim marker of one Markdown file, outside code blocks; a malformed marker or a quote
    that is not in the marker's block is a ClaimError naming the file and line."""
    text = include.without_code(path.read_text(encoding="utf-8") if text is None else text)
    found = []
    for loose in LOOSE.finditer(text):
        line = text.count("\n", 0, loose.start()) + 1
        match = MARKER.fullmatch(loose.group(0))
        if match is None:
            raise ClaimError(
                f"{path}:{line}: a claim marker must read <!-- claim chapter/example "
                f'"quoted words": expression -->, not {loose.group(0)!r}'
            )
        quote = _normalise(match["quote"])
        if quote not in _normalise(_block(text, loose.start(), loose.end())):
            raise ClaimError(
                f'{path}:{line}: the claim quotes "{quote}", which is not in the '
                "block of lines the marker ends (put the marker right after its "
                "sentence, no blank line between)"
            )
        snippets = tuple(name.strip() for name in match["snippets"].split(","))
        found.append(Claim(path, line, snippets, quote, _normalise(match["expr"])))
    return found


def scan_all(paths: Iterable[Path]) -> list[Claim]:
    claims = []
    for path in sorted(paths):
        claims.extend(scan(path))
    return claims


def sources(root: Path) -> list[Path]:
    """The Markdown the course is made of: the site's pages and the decks with their parts."""
    return sorted([*(root / "docs").rglob("*.md"), *(root / "slides").rglob("*.md")])


def _evaluate(node: ast.AST, names: dict[str, Any]) -> Any:
    if isinstance(node, ast.Expression):
        return _evaluate(node.body, names)
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float, str, bool)):
        return node.value
    if isinstance(node, ast.Name):
        if node.id in names:
            return names[node.id]
        if node.id == "facts":  # the whole object, for keys that are not Python names
            return names
        if node.id in ("True", "False", "None"):
            return {"True": True, "False": False, "None": None}[node.id]
        raise ClaimError(f"{node.id!r} is not a key of {FACTS} (keys: {', '.join(sorted(names))})")
    if isinstance(node, ast.Attribute):
        return _key(_evaluate(node.value, names), node.attr)
    if isinstance(node, ast.Subscript):
        return _key(_evaluate(node.value, names), _evaluate(node.slice, names))
    if isinstance(node, ast.Slice):
        return slice(
            *(None if part is None else _evaluate(part, names) for part in (node.lower, node.upper, node.step))
        )
    if isinstance(node, (ast.List, ast.Tuple)):
        return [_evaluate(item, names) for item in node.elts]
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.Not, ast.USub)):
        value = _evaluate(node.operand, names)
        return (not value) if isinstance(node.op, ast.Not) else -value
    if isinstance(node, ast.BinOp) and type(node.op) in BINARY:
        return BINARY[type(node.op)](_evaluate(node.left, names), _evaluate(node.right, names))
    if isinstance(node, ast.BoolOp):
        values = (_evaluate(value, names) for value in node.values)
        return all(values) if isinstance(node.op, ast.And) else any(values)
    if isinstance(node, ast.Compare):
        left = _evaluate(node.left, names)
        for op, right_node in zip(node.ops, node.comparators, strict=True):
            right = _evaluate(right_node, names)
            if type(op) not in COMPARE:
                break
            if not COMPARE[type(op)](left, right):
                return False
            left = right
        else:
            return True
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in FUNCTIONS
        and not node.keywords
    ):
        return FUNCTIONS[node.func.id](*(_evaluate(arg, names) for arg in node.args))
    raise ClaimError(f"not allowed in a claim: {ast.unparse(node)!r}")


def _key(container: Any, key: Any) -> Any:
    try:
        return container[key]
    except (KeyError, IndexError, TypeError):
        raise ClaimError(f"no {key!r} in {json.dumps(container)[:200]}") from None


def evaluate(expression: str, facts: dict[str, Any]) -> Any:
    try:
        tree = ast.parse(expression, mode="eval")
    except SyntaxError as error:
        raise ClaimError(f"not an expression: {expression!r} ({error.msg})") from None
    return _evaluate(tree, facts)


def load_facts(outputs: Path, snippet: str) -> dict[str, Any]:
    path = outputs / snippet / FACTS
    if not path.is_file():
        raise ClaimError(f"{path} does not exist: does snippets/{snippet}.py write {FACTS}?")
    facts = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(facts, dict):
        raise ClaimError(f"{path} must hold a JSON object")
    return facts


def names(outputs: Path, snippets: tuple[str, ...]) -> dict[str, Any]:
    """What a claim's expression can read: one snippet's keys, or each snippet's facts under its
    example's name (`mnist_cnn.test_accuracy > mnist_mlp.test_accuracy`)."""
    if len(snippets) == 1:
        return load_facts(outputs, snippets[0])
    return {name.rsplit("/", 1)[1]: load_facts(outputs, name) for name in snippets}


def check(claims: Iterable[Claim], outputs: Path, root: Path | None = None) -> list[str]:
    """One line per claim that does not hold against its snippets' facts.json (empty: all hold)."""
    problems = []
    for claim in claims:
        try:
            value = evaluate(claim.expression, names(outputs, claim.snippets))
        except ClaimError as error:
            problems.append(f"{claim.where(root)}: {error}")
            continue
        if value is not True:
            problems.append(
                f'{claim.where(root)}: "{claim.quote}" is no longer true: '
                f"{claim.expression} is {value!r} in the facts of "
                f"{', '.join(claim.snippets)}"
            )
    return problems
