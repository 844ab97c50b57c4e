"""Text from documents shown through Markdown: as text, never as links, images or HTML.

Answers and quotes carry the documents' own characters; a document may contain
`[点此](http://…)`, a bare `https://…` or `<img …>`. Escaping every ASCII punctuation mark with a
backslash (CommonMark allows it for all of them) makes a Markdown renderer print the text exactly
as written: a link's brackets, an autolink's `://`, a tag's `<` are all plain characters then.

>>> print(escape("见[通知](http://x.cn)"))
见\\[通知\\]\\(http\\:\\/\\/x\\.cn\\)
>>> print(table_cell("第一行\\n第二行|末"))
第一行<br>第二行\\|末
"""

from __future__ import annotations

import re

# every ASCII punctuation character: CommonMark lets a backslash escape each of them
_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


def escape(text: str) -> str:
    """`text` as Markdown that renders to exactly `text` (line breaks kept)."""
    return _PUNCTUATION.sub(r"\\\1", text or "")


def table_cell(text: str) -> str:
    """`text` escaped for one cell of a Markdown table: line breaks become <br>."""
    return "<br>".join(escape(line) for line in (text or "").splitlines()) or "—"


def table(headers: list[str], rows: list[list[str]]) -> str:
    """A Markdown table of escaped cells."""
    lines = ["| " + " | ".join(escape(h) for h in headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(table_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)
