"""A small HTML tree (html.parser) for asserting what a generated page holds."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}


@dataclass
class Node:
    """An element: its tag, attributes, children and the text directly inside it."""

    tag: str
    attrs: dict[str, str | None]
    children: list[Node] = field(default_factory=list)
    parts: list[str | Node] = field(default_factory=list)

    @property
    def text(self) -> str:
        """Return all text inside the element, whitespace collapsed."""
        out = "".join(p if isinstance(p, str) else p.text for p in self.parts)
        return " ".join(out.split())

    @property
    def classes(self) -> set[str]:
        """Return the element's classes."""
        return set((self.attrs.get("class") or "").split())

    def walk(self):
        """Yield the element and everything below it, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()

    def find_all(self, tag: str | None = None, cls: str | None = None,
                 id: str | None = None) -> list[Node]:
        """Return the elements below (and including) this one that match."""
        return [n for n in self.walk() if (tag is None or n.tag == tag)
                and (cls is None or cls in n.classes) and (id is None or n.attrs.get("id") == id)]

    def one(self, tag: str | None = None, cls: str | None = None, id: str | None = None) -> Node:
        """Return the single matching element (AssertionError when not exactly one)."""
        found = self.find_all(tag, cls, id)
        assert len(found) == 1, f"{len(found)} elements match {tag} .{cls} #{id}"
        return found[0]


class _Builder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs))
        self.stack[-1].children.append(node)
        self.stack[-1].parts.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        node = Node(tag, dict(attrs))
        self.stack[-1].children.append(node)
        self.stack[-1].parts.append(node)

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        self.stack[-1].parts.append(data)


def parse(text: str) -> Node:
    """Return the document tree of an HTML text."""
    builder = _Builder()
    builder.feed(text)
    builder.close()
    return builder.root


def table_rows(doc: Node, table_id: str) -> list[list[str]]:
    """Return the text of every body cell of the table with that id, row by row."""
    bodies = doc.one("table", id=table_id).find_all("tbody")
    return [[td.text for td in tr.find_all("td")] for body in bodies for tr in body.find_all("tr")]
