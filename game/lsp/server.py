"""`korean-theater lsp`: a language server for packs, over standard input and output.

Built on pygls. Every open file of a pack is checked as the author types (the unsaved texts
stand for the files on disk): the checker's problems are its diagnostics, root causes with
what follows from them folded in. Completion offers the ids of the pack (variables, flags,
events, choices, roles, sources, assumptions) and the keys of the table at the cursor; hover
says what an id or key means (a meter's label, range, bands and meaning); go to definition and
find references work on every id. What is asked of a file outside any pack is answered with
nothing.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from lsprotocol import types as T
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from game.content.compiler import LoadResult, load_pack
from game.content.problems import Problem
from game.lsp.index import Index, Symbol, key_doc, word_at

log = logging.getLogger(__name__)


@dataclass
class _Pack:
    result: LoadResult
    index: Index


class PackServer(LanguageServer):
    def __init__(self) -> None:
        from importlib.metadata import PackageNotFoundError, version

        try:
            release = version("korean-theater")
        except PackageNotFoundError:
            release = "0"
        super().__init__(
            "korean-theater", release, text_document_sync_kind=T.TextDocumentSyncKind.Full
        )
        self.packs: dict[Path, _Pack] = {}
        self.published: dict[Path, set[str]] = {}  # pack root -> the uris given diagnostics

    def root_of(self, uri: str) -> Path | None:
        """The pack folder a document belongs to: the nearest folder up with a pack.toml."""
        path = to_fs_path(uri)
        if path is None:
            return None
        here = Path(path).resolve().parent
        for folder in (here, *here.parents):
            if (folder / "pack.toml").is_file() or self._open_in(folder / "pack.toml"):
                return folder
        return None

    def _open_in(self, path: Path) -> bool:
        uri = from_fs_path(str(path))
        return uri is not None and uri in self.workspace.text_documents

    def check(self, root: Path) -> _Pack:
        overlay = {}
        for uri, doc in self.workspace.text_documents.items():
            path = to_fs_path(uri)
            if path is not None and Path(path).resolve().is_relative_to(root):
                overlay[Path(path).resolve()] = doc.source
        result = load_pack(root, overlay=overlay)
        assert result.loaded is not None
        pack = self.packs[root] = _Pack(result, Index(result.loaded))
        files = [f.path for f in result.loaded.files]
        self.publish(root, result.problems, files)
        return pack

    def pack_of(self, uri: str) -> _Pack | None:
        root = self.root_of(uri)
        if root is None:
            return None
        return self.packs.get(root) or self.check(root)

    def publish(self, root: Path, problems: list[Problem], files: list[Path]) -> None:
        """Diagnostics for every file of the pack: none for a file without problems."""
        by_uri: dict[str, list[T.Diagnostic]] = {}
        for path in files:
            uri = from_fs_path(str(path.resolve()))
            if uri is not None:
                by_uri[uri] = []
        for p in problems:
            uri = from_fs_path(str(Path(p.file).resolve()))
            if uri is not None:
                by_uri.setdefault(uri, []).append(self.diagnostic(uri, p))
        for uri in self.published.get(root, set()) - set(by_uri):
            self.text_document_publish_diagnostics(T.PublishDiagnosticsParams(uri, []))
        for uri, found in by_uri.items():
            self.text_document_publish_diagnostics(T.PublishDiagnosticsParams(uri, found))
        self.published[root] = set(by_uri)

    def diagnostic(self, uri: str, p: Problem) -> T.Diagnostic:
        line, col = max(p.line - 1, 0), max(p.col - 1, 0)
        text = self.text(uri)
        word = word_at(text, line, col + 1) if text else ""
        end = col + max(len(word), 1)
        message = p.message + (f"\n{p.hint}" if p.hint else "")
        if p.consequences:
            message += f"\n… and {p.consequences} problems that follow from it"
        severity = (
            T.DiagnosticSeverity.Error if p.severity == "error" else T.DiagnosticSeverity.Warning
        )
        return T.Diagnostic(
            range=T.Range(T.Position(line, col), T.Position(line, end)),
            message=message,
            severity=severity,
            code=p.code,
            source="korean-theater",
        )

    def text(self, uri: str) -> str:
        doc = self.workspace.text_documents.get(uri)
        if doc is not None:
            return doc.source
        path = to_fs_path(uri)
        try:
            return Path(path).read_text(encoding="utf-8") if path else ""
        except (OSError, UnicodeDecodeError):
            return ""


def location(symbol_file: Path, line: int, col: int, length: int) -> T.Location:
    start = T.Position(max(line - 1, 0), max(col - 1, 0))
    end = T.Position(start.line, start.character + length)
    return T.Location(from_fs_path(str(symbol_file)) or "", T.Range(start, end))


def _declared(symbol: Symbol) -> T.Location:
    name = symbol.name.split(".", 1)[-1].split("/")[-1]
    return location(symbol.file, symbol.line, symbol.col, len(name))


server = PackServer()


def _recheck(ls: PackServer, uri: str) -> None:
    try:
        root = ls.root_of(uri)
        if root is not None:
            ls.check(root)
    except Exception:  # an editor's server must outlive any file: say so in its log
        log.exception("checking %s failed", uri)


@server.feature(T.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: PackServer, params: T.DidOpenTextDocumentParams) -> None:
    _recheck(ls, params.text_document.uri)


@server.feature(T.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: PackServer, params: T.DidChangeTextDocumentParams) -> None:
    _recheck(ls, params.text_document.uri)


@server.feature(T.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: PackServer, params: T.DidSaveTextDocumentParams) -> None:
    _recheck(ls, params.text_document.uri)


@server.feature(T.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: PackServer, params: T.DidCloseTextDocumentParams) -> None:
    _recheck(ls, params.text_document.uri)


@server.feature(T.TEXT_DOCUMENT_COMPLETION, T.CompletionOptions(trigger_characters=[".", '"', "("]))
def completion(ls: PackServer, params: T.CompletionParams) -> T.CompletionList:
    pack = ls.pack_of(params.text_document.uri)
    if pack is None:
        return T.CompletionList(is_incomplete=False, items=[])
    text = ls.text(params.text_document.uri)
    pos = params.position
    found = pack.index.completions(text, pos.line, pos.character)
    kinds = {"key": T.CompletionItemKind.Property, "function": T.CompletionItemKind.Function}
    items = [
        T.CompletionItem(
            label=label, detail=detail, kind=kinds.get(kind, T.CompletionItemKind.Variable)
        )
        for label, kind, detail in found
    ]
    return T.CompletionList(is_incomplete=False, items=items)


@server.feature(T.TEXT_DOCUMENT_HOVER)
def hover(ls: PackServer, params: T.HoverParams) -> T.Hover | None:
    pack = ls.pack_of(params.text_document.uri)
    if pack is None:
        return None
    text = ls.text(params.text_document.uri)
    pos = params.position
    symbol = pack.index.at(text, pos.line, pos.character)
    doc = symbol.doc if symbol is not None else key_doc(text, pos.line, pos.character)
    if not doc:
        return None
    return T.Hover(contents=T.MarkupContent(kind=T.MarkupKind.Markdown, value=doc))


@server.feature(T.TEXT_DOCUMENT_DEFINITION)
def definition(ls: PackServer, params: T.DefinitionParams) -> list[T.Location]:
    pack = ls.pack_of(params.text_document.uri)
    if pack is None:
        return []
    text = ls.text(params.text_document.uri)
    symbol = pack.index.at(text, params.position.line, params.position.character)
    return [] if symbol is None else [_declared(symbol)]


@server.feature(T.TEXT_DOCUMENT_REFERENCES)
def references(ls: PackServer, params: T.ReferenceParams) -> list[T.Location]:
    pack = ls.pack_of(params.text_document.uri)
    if pack is None:
        return []
    text = ls.text(params.text_document.uri)
    symbol = pack.index.at(text, params.position.line, params.position.character)
    if symbol is None:
        return []
    return [location(s.file, s.line, s.col, s.length) for s in pack.index.uses(symbol)]


def serve() -> None:
    server.start_io()
