"""The syntax tree: frozen dataclasses, each with the character span it was parsed from."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Num:
    value: float
    pos: int
    end: int


@dataclass(frozen=True, slots=True)
class Bool:
    value: bool
    pos: int
    end: int


@dataclass(frozen=True, slots=True)
class Str:
    value: str
    pos: int
    end: int


@dataclass(frozen=True, slots=True)
class Name:
    name: str
    pos: int
    end: int


@dataclass(frozen=True, slots=True)
class Unary:
    op: str  # "-", "+" or "not"
    operand: Node
    pos: int
    end: int


@dataclass(frozen=True, slots=True)
class Binary:
    op: str  # "+", "-", "*", "/", "//", "%"
    left: Node
    right: Node
    pos: int
    end: int


@dataclass(frozen=True, slots=True)
class Compare:
    op: str  # "<", "<=", ">", ">=", "==", "!="
    left: Node
    right: Node
    pos: int
    end: int


@dataclass(frozen=True, slots=True)
class BoolOp:
    op: str  # "and" or "or"; chains are flattened: a and b and c -> one node
    items: tuple[Node, ...]
    pos: int
    end: int


@dataclass(frozen=True, slots=True)
class Cond:
    test: Node
    then: Node
    orelse: Node
    pos: int
    end: int


@dataclass(frozen=True, slots=True)
class Call:
    func: str
    args: tuple[Node, ...]
    pos: int
    end: int


Node = Num | Bool | Str | Name | Unary | Binary | Compare | BoolOp | Cond | Call


@dataclass(frozen=True, slots=True)
class EffectNode:
    target: Name
    op: str  # "=", "+=", "-=", "*="
    value: Node
    pos: int
    end: int


def children(node: Node) -> tuple[Node, ...]:
    """The direct sub-expressions of ``node``."""
    if isinstance(node, Unary):
        return (node.operand,)
    if isinstance(node, Binary | Compare):
        return (node.left, node.right)
    if isinstance(node, BoolOp):
        return node.items
    if isinstance(node, Cond):
        return (node.test, node.then, node.orelse)
    if isinstance(node, Call):
        return node.args
    return ()
