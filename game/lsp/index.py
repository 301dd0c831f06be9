"""What an editor asks of a pack, answered from one load: where each id is declared and used,
what it means, and what may be written at a place of a file.

Pure: it reads a `game.content.loader.Loaded` (the files and the items that validated) and
texts; the language server (game.lsp.server) turns its answers into LSP messages.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from game.content import fixes
from game.content.loader import Loaded, SourceFile
from game.engine.expr import FUNCTIONS
from game.engine.expr.memory import SIGNATURES

# The key of a TOML line -> the kind of id its strings name.
REFERENCE_KEYS = {
    "roles": "role",
    "event": "event",
    "events": "event",
    "source": "source",
    "sources": "source",
    "ending": "ending",
    "variable": "variable",
}
# How an expression names an item of each kind.
PREFIXES = {"flag": "flags.", "assumption": "assume.", "situation": "situation."}
_WORD = re.compile(r"[A-Za-z0-9_.:/\-]+")
_HEADER = re.compile(r"^\s*\[\[?\s*([A-Za-z0-9_.\- ]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"^\s*([A-Za-z0-9_\-]+)\s*=")


@dataclass(frozen=True)
class Symbol:
    kind: str  # variable, flag, assumption, situation, role, event, choice, source, ending, actor
    name: str  # as it is written where it is used: tension, flags.deal, summit/sign
    file: Path
    line: int  # 1-based, of the declaring id
    col: int
    doc: str  # Markdown: what it is


@dataclass(frozen=True)
class Spot:
    file: Path
    line: int  # 1-based
    col: int
    length: int


class Index:
    def __init__(self, loaded: Loaded) -> None:
        self.loaded = loaded
        self.symbols: dict[str, Symbol] = {}
        for symbol in _symbols(loaded):
            self.symbols.setdefault(symbol.name, symbol)
        self.tags = sorted(
            {t for i in loaded.items["event"] for c in i.model.choices for t in c.tags}
        )

    def of_kind(self, kind: str) -> list[Symbol]:
        return [s for s in self.symbols.values() if s.kind == kind]

    def at(self, text: str, line: int, col: int) -> Symbol | None:
        """The id written at (0-based) `line`, `col` of a text."""
        word = word_at(text, line, col)
        if not word:
            return None
        for name in (word, word.strip("-"), *_heads(word)):
            if name in self.symbols:
                return self.symbols[name]
        return None

    def uses(self, symbol: Symbol) -> Iterator[Spot]:
        """Every place a file of the pack writes the symbol's name in a string (its
        declaration included)."""
        names = {symbol.name}
        if symbol.kind in PREFIXES:
            names.add(symbol.name.removeprefix(PREFIXES[symbol.kind]))  # id = "x", set_by("x")
        for source in self.loaded.files:
            for n, text in enumerate(source.text.split("\n"), 1):
                for name in names:
                    for m in re.finditer(rf"(?<![\w.:/-]){re.escape(name)}(?![\w:/-])", text):
                        declared = (source.path, n) == (symbol.file, symbol.line)
                        bare = name != symbol.name  # `x` of `flags.x`: only its id, set_by("x")
                        if _in_string(text, m.start()) and (
                            not bare or declared or f'set_by("{name}")' in text
                        ):
                            yield Spot(source.path, n, m.start() + 1, len(name))

    # -- completion
    def completions(self, text: str, line: int, col: int) -> list[tuple[str, str, str]]:
        """(label, kind, detail) of what may be written at (0-based) `line`, `col`."""
        lines = text.split("\n")
        current = lines[line] if line < len(lines) else ""
        before = current[:col]
        if _in_string(current, col):
            return self._in_string(before, current)
        if "=" not in before:
            return [
                (k, "key", _key_doc(_table_at(lines, line), k)) for k in self._keys(lines, line)
            ]
        return []

    def _in_string(self, before: str, current: str) -> list[tuple[str, str, str]]:
        call = re.search(r"\b(tagged|chose|set_by)\(\s*\"[^\"]*$", before)
        if call:
            if call.group(1) == "tagged":
                return [(t, "tag", "a tag of choices") for t in self.tags]
            kind = "choice" if call.group(1) == "chose" else "flag"
            return [
                (s.name.removeprefix("flags."), s.kind, _first_line(s.doc))
                for s in self.of_kind(kind)
            ]
        keys = re.findall(r"([A-Za-z0-9_\-]+)\s*=", _unquoted(before))
        referred = REFERENCE_KEYS.get(keys[-1]) if keys else None
        if referred is not None:
            return [(s.name, s.kind, _first_line(s.doc)) for s in self.of_kind(referred)]
        dotted = re.search(r"\b(flags|assume|situation)\.[A-Za-z0-9_]*$", before)
        if dotted:
            kind = {"flags": "flag", "assume": "assumption", "situation": "situation"}[
                dotted.group(1)
            ]
            return [
                (s.name.split(".", 1)[1], s.kind, _first_line(s.doc)) for s in self.of_kind(kind)
            ]
        names = [
            (s.name, s.kind, _first_line(s.doc))
            for s in self.symbols.values()
            if s.kind in ("variable", "flag", "assumption", "situation")
        ]
        names += [("turn", "name", "the turn, from 1"), ("role", "name", "the player's role id")]
        names += [(f, "function", spec.signature) for f, spec in sorted(FUNCTIONS.items())]
        names += [(f, "function", sig) for f, sig in SIGNATURES.items()]
        return names

    def _keys(self, lines: list[str], line: int) -> list[str]:
        table = _table_at(lines, line)
        if not table:
            return [fixes.header((t[0],)) for t in fixes.tables() if len(t) == 1]
        return fixes.keys_of(table)


def word_at(text: str, line: int, col: int) -> str:
    lines = text.split("\n")
    if not 0 <= line < len(lines):
        return ""
    current = lines[line]
    for m in _WORD.finditer(current):
        if m.start() <= col <= m.end():
            return m.group(0)
    return ""


def _heads(word: str) -> list[str]:
    """Names a longer word may start with: `flags.deal` of `flags.deal.x`, an event id of
    `event/choice`."""
    parts = word.split("/")
    return [parts[0]] if len(parts) > 1 else []


def _unquoted(text: str) -> str:
    """`text` without what its strings hold (an open string's too): `=` there is no key's."""
    out, quote, i = [], None, 0
    while i < len(text):
        ch = text[i]
        if quote is None:
            out.append(ch)
            if ch in "\"'":
                quote = ch
        elif ch == "\\" and quote == '"':
            i += 1
        elif ch == quote:
            quote = None
            out.append(ch)
        i += 1
    return "".join(out)


def _in_string(line: str, col: int) -> bool:
    """Whether column `col` of `line` is inside a double- or single-quoted string."""
    quote = None
    i = 0
    while i < min(col, len(line)):
        ch = line[i]
        if quote is None:
            if ch == "#":
                return False
            if ch in "\"'":
                quote = ch
        elif ch == "\\" and quote == '"':
            i += 1
        elif ch == quote:
            quote = None
        i += 1
    return quote is not None


def _table_at(lines: list[str], line: int) -> tuple[str, ...]:
    for n in range(min(line, len(lines) - 1), -1, -1):
        m = _HEADER.match(lines[n])
        if m:
            return tuple(p.strip() for p in m.group(1).split("."))
    return ()


def _key_doc(table: tuple[str, ...], key: str) -> str:
    found = fixes.tables().get(table)
    if found is None:
        return ""
    for name, f in found[0].model_fields.items():
        if (f.alias or name) == key:
            return f.description or ""
    return ""


def key_doc(text: str, line: int, col: int) -> str | None:
    """What the key at (0-based) `line`, `col` means, if a key is there."""
    lines = text.split("\n")
    if not 0 <= line < len(lines):
        return None
    m = _KEY.match(lines[line])
    if m is None or not m.start(1) <= col <= m.end(1):
        return None
    table = _table_at(lines, line - 1) if _HEADER.match(lines[line]) else _table_at(lines, line)
    doc = _key_doc(table, m.group(1))
    where = fixes.header(table) if table else "the file"
    return f"`{m.group(1)}` of {where}" + (f": {doc}" if doc else "")


def _first_line(doc: str) -> str:
    return doc.split("\n", 1)[0].replace("**", "")


# --------------------------------------------------------------------------- the symbols


def _symbols(loaded: Loaded) -> Iterator[Symbol]:
    items = loaded.items
    for i in items["variable"]:
        v = i.model
        yield _symbol("variable", v.id, i.file, i.path, _meter_doc(v))
    for kind, prefix in PREFIXES.items():
        for i in items[kind]:
            m = i.model
            what = {"flag": "a flag, true or false", "assumption": "an assumption"}.get(
                kind, "a situation"
            )
            extra = f"\n\ndefault: {m.default}" if kind == "assumption" else ""
            doc = f"**{m.label}** (`{prefix}{m.id}`), {what}{extra}" + _described(m)
            yield _symbol(kind, prefix + m.id, i.file, i.path, doc)
    for i in items["role"]:
        r = i.model
        doc = f"**{r.name}** (`{r.id}`), a role: {r.office}"
        for o in r.objectives:
            doc += f"\n\n- objective {o.label}: `{o.score}` × {o.weight:g}"
        yield _symbol("role", r.id, i.file, i.path, doc)
    for i in items["actor"]:
        yield _symbol("actor", i.model.id, i.file, i.path, f"**{i.model.name}**, an actor")
    for i in items["event"]:
        e = i.model
        yield _symbol("event", e.id, i.file, i.path, f"**{e.title}** (`{e.id}`), a {e.kind} event")
        for k, c in enumerate(e.choices):
            doc = f"**{c.label}**, choice `{c.id}` of event `{e.id}`"
            if c.tags:
                doc += f" ({', '.join(c.tags)})"
            yield _symbol("choice", f"{e.id}/{c.id}", i.file, (*i.path, "choice", k), doc)
    for i in items["source"]:
        yield _symbol("source", i.model.id, i.file, i.path, f"**{i.model.cite}**, a source")
    for i in items["ending"]:
        e = i.model
        yield _symbol("ending", e.id, i.file, i.path, f"**{e.title}** (`{e.id}`), an ending")


def _symbol(kind: str, name: str, file: SourceFile, path, doc: str) -> Symbol:
    line, col = file.at((*path, "id"))
    return Symbol(kind, name, file.path, line, col, doc)


def _described(model) -> str:
    return f"\n\n{model.description}" if getattr(model, "description", "") else ""


def _meter_doc(v) -> str:
    doc = f"**{v.label}** (`{v.id}`), a meter: {v.min:g}–{v.max:g} {v.unit}, starts at {v.start:g}"
    if v.low or v.high:
        doc += f"\n\nlow: {v.low or '—'}; high: {v.high or '—'}"
    if v.thresholds:
        bands = ", ".join(
            f"{t.label} from {t.at:g}" for t in sorted(v.thresholds, key=lambda t: t.at)
        )
        doc += f"\n\nbands: {bands}"
    if v.hidden:
        doc += "\n\nhidden from the player"
    return doc + _described(v)
