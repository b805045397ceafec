"""Reading the school's start page as a person does: its headings, the lines under each, the
counts of a reader's summary and every link on it."""

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Line:
    title: str
    url: str
    facts: str = ""


@dataclass
class StartPage:
    headings: list = field(default_factory=list)  # (level, text) in page order
    lines: dict = field(default_factory=dict)  # (h2, h3 or "") → [Line]
    counts: dict = field(default_factory=dict)  # summary: label → number
    links: list = field(default_factory=list)  # every (text, href) in <main>
    text: str = ""  # everything a person reads in <main>

    def under(self, h2, h3=""):
        """The lines under a heading (h2; for a teacher's page also the h3 under it)."""
        return self.lines.get((h2, h3), [])

    def titles(self, h2, h3=""):
        return [line.title for line in self.under(h2, h3)]

    def all_titles(self):
        return [line.title for found in self.lines.values() for line in found]

    def groups(self, level=2):
        """The group headings as read, without their counts."""
        return [text for lvl, text in self.headings if lvl == level]


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__()
        self.page = StartPage()
        self.in_main = False
        self.heading = None  # level while inside a heading
        self.heading_text = []
        self.count = False  # inside the heading's count
        self.h2 = self.h3 = ""
        self.line = None
        self.in_lines = False  # inside a list of lines (ul.attention-lines)
        self.in_line_link = self.in_facts = False
        self.link = None  # (text parts, href) while inside an <a>
        self.dt = self.dd = None
        self.text = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "main":
            self.in_main = True
        if not self.in_main:
            return
        classes = (attrs.get("class") or "").split()
        if tag in ("h2", "h3"):
            self.heading, self.heading_text = int(tag[1]), []
        elif tag == "span" and "count" in classes and self.heading:
            self.count = True
        elif tag == "ul" and "attention-lines" in classes:
            self.in_lines = True
        elif tag == "li" and self.in_lines and self.line is None:
            self.line = Line(title="", url="")
        elif tag == "a":
            self.link = ([], attrs.get("href", ""))
            if self.line is not None and not self.line.url:
                self.line.url, self.in_line_link = attrs.get("href", ""), True
        elif tag == "span" and "line-facts" in classes:
            self.in_facts = True
        elif tag == "dt":
            self.dt = []
        elif tag == "dd":
            self.dd = []

    def handle_endtag(self, tag):
        if not self.in_main:
            return
        if tag == "main":
            self.in_main = False
        elif tag in ("h2", "h3") and self.heading:
            text = " ".join("".join(self.heading_text).split())
            self.page.headings.append((self.heading, text))
            if self.heading == 2:
                self.h2, self.h3 = text, ""
            else:
                self.h3 = text
            self.heading = None
        elif tag == "ul" and self.in_lines:
            self.in_lines = False
        elif tag == "span" and self.count:
            self.count = False
        elif tag == "span" and self.in_facts:
            self.in_facts = False
        elif tag == "a":
            if self.link is not None:
                text = " ".join("".join(self.link[0]).split())
                self.page.links.append((text, self.link[1]))
            self.link = None
            self.in_line_link = False
        elif tag == "li" and self.line is not None:
            line = self.line
            self.line = None
            if line.url:
                line.title = " ".join(line.title.split())
                line.facts = " ".join(line.facts.split())
                self.page.lines.setdefault((self.h2, self.h3), []).append(line)
        elif tag == "dd" and self.dd is not None:
            label = " ".join("".join(self.dt or []).split())
            self.page.counts[label] = int("".join(self.dd).strip())
            self.dt = self.dd = None

    def handle_data(self, data):
        if not self.in_main:
            return
        self.text.append(data)
        if self.heading and not self.count:
            self.heading_text.append(data)
        if self.link is not None:
            self.link[0].append(data)
        if self.line is not None and self.in_line_link:
            self.line.title += data
        elif self.line is not None and self.in_facts:
            self.line.facts += data
        if self.dd is not None:
            self.dd.append(data)
        elif self.dt is not None:
            self.dt.append(data)


def read(html):
    """The start page as its reader sees it."""
    reader = _Reader()
    reader.feed(html)
    reader.page.text = " ".join("".join(reader.text).split())
    return reader.page
