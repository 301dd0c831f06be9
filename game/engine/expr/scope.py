"""The types of the language and the names an expression may use."""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from game.engine.expr.memory import MemoryNames


class Type(enum.Enum):
    NUMBER = "number"
    BOOL = "boolean"
    STRING = "string"


TYPE_WORDS = {Type.NUMBER: "a number", Type.BOOL: "true/false", Type.STRING: "a string"}

# What a slot holds and an expression gives: a float, a bool or a str, as the language's own
# checker proved when the pack compiled (its `Type`), or in the memory slots tuples of what the
# government did. Python's checker cannot follow that proof, so to it a value is Any.
Value = Any
Env = Sequence[Value]  # the slots: a list while a turn resolves, the state's tuple otherwise
Fn = Callable[[Env], Value]  # a compiled expression


@dataclass(frozen=True)
class Symbol:
    name: str
    type: Type
    slot: int
    writable: bool = True


class Scope:
    """The names an expression may use, each bound to a slot of the evaluation environment;
    `memory`, when given, lets expressions call the memory functions (game.engine.expr.memory).
    A scope `with_fixed` values also knows what some read-only slots hold for a whole game, and
    compiles them as constants (game.engine.expr.compiler.specialise)."""

    def __init__(self, symbols: Iterable[Symbol], memory: MemoryNames | None = None) -> None:
        self.memory = memory
        self._symbols: dict[str, Symbol] = {}
        self.fixed: dict[int, Value] = {}  # slot -> its value
        for sym in symbols:
            if sym.name in self._symbols:
                raise ValueError(f"duplicate name in scope: {sym.name!r}")
            self._symbols[sym.name] = sym

    def with_fixed(self, fixed: dict[int, Value]) -> Scope:
        """The same names, with the read-only slots in `fixed` known to hold their values."""
        writable = [s.name for s in self._symbols.values() if s.writable and s.slot in fixed]
        if writable:
            raise ValueError(f"only read-only names can be fixed: {', '.join(writable)}")
        scope = Scope(self._symbols.values(), self.memory)
        scope.fixed = dict(fixed)
        return scope

    def get(self, name: str) -> Symbol | None:
        return self._symbols.get(name)

    def names(self) -> list[str]:
        return list(self._symbols)

    def __contains__(self, name: object) -> bool:
        return name in self._symbols

    def __len__(self) -> int:
        return len(self._symbols)

    def __repr__(self) -> str:
        return f"Scope({len(self._symbols)} names)"
