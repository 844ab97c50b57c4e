"""Assemble a document's running text and tables in reading order, whatever the format.

Every loader (.txt/.md, .docx, .pdf, .xlsx) feeds lines and tables into one
`DocumentAssembler`, so headings, PDF line joins and table captions work the same way
for all of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from corpus.model import Table, TextBlock
from corpus.safety import charge
from corpus.text import clean_inline, is_cut_sentence, join_broken_lines, split_heading

TOC_LINE = re.compile(r"(\.{3,}|…{2,}|·{3,})\s*\t?\s*\d+\s*$")
TOC_TITLE = re.compile(r"^目\s*录$")
CAPTION_MAX_CHARS = 80
# 「单位：万元」「填报单位：…」「数据截至6月30日」 between a table's title and the table
TABLE_META_LINE = re.compile(
    r"^\s*[（(]?\s*((计量|金额|投资|资金|数量)?单位|(填报|填表|制表|统计|编制|报送)(单位|时间|日期|人|截至|截止)|(数据|资料)来源)\s*[：:]"
    r"|^\s*[（(]\s*[\u4e00-\u9fff]{2,8}单位\s*[：:]"  # 「（排放限值单位：毫克/立方米；许可排放量单位：吨/年）」
    r"|^\s*(截至|截止)\s*[\d年月日底\s]+$"  # 「截至2025年9月30日」, a date alone
    r"|^\s*(数据|统计)(截至|截止)|^\s*[（(]\s*(数据|统计)?(截至|截止)"  # 「数据截至…」「（截至2025年9月30日）」
    # a remark wholly in brackets under the title (「（按综合指数由小到大排序…）」「（进展截至2029年6月30日）」)
    r"|^\s*[（(][^（()）]+[）)]\s*$"
    # 「郴州市生态环境监测中心 统计时段：…至9月30日 发布日期：…」: who issued it and when, under the title
    r"|^[^。：:]{0,30}?(统计时段|统计期间|发布日期|发布时间|印发日期)\s*[：:]"
)
# a bracketed remark that states when (「（2036年7月）」「（进展截至2029年6月30日）」): the period of the title above
PERIOD_REMARK = re.compile(r"^\s*[（(][^（()）]*(\d{4}\s*年|\d{1,2}\s*月|季度|上半年|下半年)[^（()）]*[）)]\s*$")


# a heading naming a month, a quarter or a half-year (「（一）2088年7月各站点监测结果」「3. 第二季度」)
PERIOD_HEADING = re.compile(r"(1[0-2]|[1-9])\s*月|[一二三四1-4]季度|[上下]半年")
NUMBERING = re.compile(r"^\s*([（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+、|\d+\s*[.．、])\s*")
NOTE_LEAD = re.compile(r"^\s*(注|说明|备注)\s*\d?\s*[:：]")  # a note under a table, its items numbered after it
NOTE_ITEM_LINE = re.compile(r"^\s*\d{1,2}\s*[.．、](?!\d)")


def captioned(title: str, notes: list[str]) -> str:
    """A table's caption: its title, with the period a bracketed remark under it states."""
    remark = next((n.strip() for n in notes if PERIOD_REMARK.match(n) and n.strip() not in title), "")
    return f"{title}{remark}" if title else title


# a line ending in a date that names no table: the issuer's signature (「…办公室 2025年7月10日」), not a caption
LEAD_IN_CHARS = 20  # a longer line ending in 「：」 introduces the table in a sentence
# (with a bracketed remark after the date too: 「…监测站 2039年7月15日 （监测依据：…）」)
SIGNATURE = re.compile(
    r"^(?:(?!表|情况|统计|清单|一览).)*(20\d\d|[〇零一二三四五六七八九]{4})\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日"
    r"\s*(?:[（(].*[）)])?$"
)


def _captions(line: str) -> bool:
    # 「…进行排名，暂未设站的镇街不参与本次排名。结果如下：」 leads into the table; it is text, not its caption
    leads_in = "。" in line or (line.endswith(("：", ":")) and (len(line) > LEAD_IN_CHARS or "如下" in line))
    return bool(line) and len(line) <= CAPTION_MAX_CHARS and not leads_in and not SIGNATURE.search(line)


@dataclass
class DocumentAssembler:
    """Collects text blocks under their heading path, and tables with their captions.

    >>> a = DocumentAssembler()
    >>> a.add_line("（二）打好碧水保卫战")
    >>> a.add_line("6. 打好水源地保护攻坚战。一是巩固水源地整治成果。")
    >>> a.finish().blocks[0].heading_path
    ('（二）打好碧水保卫战', '6. 打好水源地保护攻坚战')
    """

    blocks: list[TextBlock] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    headings: list[tuple[int, str]] = field(default_factory=list)
    in_toc: bool = False
    # the paragraph being built, as the pieces joined across PDF line and page breaks
    pending: list[str] = field(default_factory=list)
    pending_line: int = 0
    pending_page: int = 0
    page: int = 0  # the PDF page being read (set by the PDF reader)
    blocks_at_table: int = 0  # how many text blocks there were when the last table was added
    in_note: bool = False  # reading a note's numbered items (「注：1.…」 then 「2.…」): items, no headings
    # (blocks, tables) when the source last marked a heading (Markdown 「#」, a Word heading style): a table right
    # under it, with nothing between, is titled by it
    marked_heading_at: tuple[int, int] = (-1, -1)
    heading_at: tuple[int, int] = (-1, -1)  # where the last heading of any kind (「（一）…」 too) was read

    def add_line(self, raw: str, line_no: int = 0, heading_level: int = 0, whole: bool = False) -> None:
        """Add one paragraph (or one visual line of a PDF).

        `heading_level` > 0 says the source marks it as a heading (Markdown `#`, a Word
        heading style); its rank still comes from its numbering where it has one. `whole`: a
        paragraph of its own (a sheet's title row), never joined to the line before.
        """
        charge(len(raw))  # the file's read budget: characters and time (corpus.safety)
        if not raw.strip():
            return
        if TOC_LINE.search(raw):
            self._flush()
            self.in_toc = True
            self.blocks.append(
                TextBlock(
                    text=clean_inline(raw.replace("\t", " ")), heading_path=self.path(), line=line_no, page=self.page
                )
            )
            return
        if self.in_toc:
            self.in_toc = False
            if self.headings and TOC_TITLE.match(self.headings[-1][1]):
                self.headings.pop()
        text = clean_inline(raw)
        if not text:
            return
        self.in_note = bool(NOTE_LEAD.match(text)) or (self.in_note and bool(NOTE_ITEM_LINE.match(text)))
        rank, heading = split_heading(text, heading_level) if not self.in_note else (None, None)
        if heading is not None and rank is not None:
            self._flush()
            while self.headings and self.headings[-1][0] >= rank:
                self.headings.pop()
            self.headings.append((rank, heading))
            self.marked_heading_at = (len(self.blocks), len(self.tables)) if heading_level > 0 else (-1, -1)
            self.heading_at = (len(self.blocks), len(self.tables))
            # a lead heading: its paragraph goes on; a numbered sentence (「2. 对滞后序时的任务逐项下发督办函，…。」)
            # is a paragraph under its number as well
            if heading != text.rstrip("。") or (text.endswith("。") and "，" in text):
                self.pending, self.pending_line, self.pending_page = [text], line_no, self.page
            return
        indented = raw[:1].isspace()  # an indented line opens a new paragraph
        if self.pending and not indented and not whole and is_cut_sentence(self._pending_text()):
            self.pending.append(text)
            return
        self._flush()
        self.pending, self.pending_line, self.pending_page = [text], line_no, self.page

    def add_table(
        self,
        rows: list[list[str]],
        row_lines: list[int] | None = None,
        caption: str | None = None,
        notes: list[str] | None = None,
        sheet: str = "",
    ) -> None:
        """Add a table; without an explicit caption, the short line just before it is one."""
        charge(sum(len(cell) for row in rows for cell in row))
        if caption is None:
            caption, meta = self._take_caption()
            notes = [*meta, *(notes or [])]  # as a sheet's 「单位：」 row
        else:
            self._flush()
        self.blocks_at_table = len(self.blocks)
        if not rows:
            return
        self.tables.append(
            Table(
                index=len(self.tables) + 1,
                caption=caption,
                rows=rows,
                heading_path=self.path(),
                row_lines=row_lines or [],
                notes=notes or [],
                sheet=sheet,
                page=self.page,
            )
        )

    def path(self) -> tuple[str, ...]:
        return tuple(h for _, h in self.headings)

    def finish(self) -> DocumentAssembler:
        self._flush()
        return self

    def _pending_text(self) -> str:
        text = self.pending[0]
        for piece in self.pending[1:]:
            text = join_broken_lines(text, piece)
        return text

    def _flush(self) -> None:
        if self.pending:
            self.blocks.append(
                TextBlock(
                    self._pending_text(), heading_path=self.path(), line=self.pending_line, page=self.pending_page
                )
            )
            self.pending = []

    def _take_caption(self) -> tuple[str, list[str]]:
        """The last short line before a table is its caption, even if it was joined on; an issuer's
        signature and date (「…指挥部办公室 2025年7月10日」) is none. Lines between the title and the
        table that say in which unit or by whom it was filled in (「单位：万元」) are not its caption but
        its notes (returned beside it); the title above them stays text, as they did before."""
        meta: list[str] = []
        while self.pending and TABLE_META_LINE.match(self.pending[-1]):
            meta.insert(0, self.pending.pop())
        while (
            meta
            and not self.pending
            and len(self.blocks) > self.blocks_at_table
            and TABLE_META_LINE.match(self.blocks[-1].text)
        ):  # a Word file's 「单位：万元」「制表人：…」, a paragraph each
            meta.insert(0, self.blocks.pop().text)
        if meta:
            above = self.blocks[-1].text if len(self.blocks) > self.blocks_at_table else ""
            title = self.pending[-1] if self.pending else above  # a Word title is a paragraph of its own
            if _captions(title):
                self._flush()
                return captioned(title, meta), meta
            # 「# …审批情况汇总」 then 「填报单位：…」, or a lead-in sentence between them: the heading is its title
            heading = self.headings[-1][1] if self.headings else ""
            if _captions(heading):
                self._flush()
                return captioned(heading, meta), meta
            self.pending += meta  # no title above them: the nearest line is the caption
        caption = self.pending.pop() if self.pending and _captions(self.pending[-1]) else ""
        right_under = not self.pending and self.marked_heading_at == (len(self.blocks), len(self.tables))
        # 「# …执行情况表（单位：万元）」 then the table
        if not caption and right_under and _captions(self.headings[-1][1]):
            caption = self.headings[-1][1]
        # 「（一）2088年7月各站点监测结果」 right above one of a report's tables (a table a month): the period it is of,
        # under the report's title
        numbered = not self.pending and self.heading_at == (len(self.blocks), len(self.tables)) and self.headings
        if not caption and numbered and PERIOD_HEADING.search(self.headings[-1][1]) and _captions(self.headings[-1][1]):
            own = NUMBERING.sub("", self.headings[-1][1])
            top = self.headings[0][1] if len(self.headings) > 1 else ""
            caption = f"{top}（{own}）" if top and own not in top else own
        self._flush()
        return caption, []
