"""Web pages: the article's main text, its title and its publication date.

The main text comes from trafilatura (comments excluded); when it finds no
article body, a plain extraction that drops scripts, menus, headers, footers and
comment blocks takes over. Title and date come from the page's meta tags and
structured data; failing those, the date comes from the page's own date line (an
element marked as a byline, date or time, such as "Thứ Sáu, 20/09/2024 - 15:12 | Tác giả"),
which main-text extraction drops. Never guessed from the body (that is the extractor's job).
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re

import lxml.etree
import lxml.html

from thidua.read.base import Limits, ReadError, ReadResult
from thidua.read.encodings import decode_text

_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
_XML_DECL_RE = re.compile(r"\A\s*<\?xml[^>]*\?>")

_TITLE_META = ("og:title", "twitter:title", "dc.title", "title")
_DATE_META = (
    "article:published_time", "og:published_time", "published_time", "datepublished", "pubdate",
    "publishdate", "publish_date", "publish-date", "date", "dc.date", "dc.date.issued", "dcterms.issued",
    "dcterms.created", "citation_publication_date", "sailthru.date", "parsely-pub-date", "created",
)
_NOISE_XPATH = (
    "//script|//style|//noscript|//template|//iframe|//svg|//form|//nav|//header|//footer|//aside"
    "|//button|//select|//*[@role='navigation' or @role='banner' or @role='contentinfo']"
)
_NOISE_ATTR_RE = re.compile(
    r"(?:^|[\s_-])(?:menu|nav|navbar|footer|header|sidebar|comments?|binh-?luan|share|social|breadcrumbs?|"
    r"related|tin-?lien-?quan|banner|ads?|advert|quang-?cao|login|counter|thong-?ke|widget|popup|cookie)"
    r"(?:$|[\s_-])",
    re.I,
)
_BLOCK_TAGS = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "section",
    "article", "blockquote", "pre", "dd", "dt", "figcaption", "td", "th",
}


def _decode(data: bytes) -> str:
    match = _CHARSET_RE.search(data[:4096])
    if match:
        charset = match.group(1).decode("ascii", "ignore").lower()
        try:
            return data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return decode_text(data).text
    except UnicodeError as exc:
        raise ReadError("corrupt", f"cannot decode the page: {exc}") from exc


def _parse(html: str) -> lxml.html.HtmlElement:
    html = _XML_DECL_RE.sub("", html, count=1)
    try:
        return lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise ReadError("corrupt", f"not a readable html page: {exc}") from exc


def _meta(tree: lxml.html.HtmlElement) -> dict[str, str]:
    found: dict[str, str] = {}
    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        value = (el.get("content") or "").strip()
        if key and value and key not in found:
            found[key] = value
    return found


_ISO_RE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DMY_RE = re.compile(r"\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\b")


def parse_date(value: str) -> dt.date | None:
    """A date from an ISO ("2023-03-15T08:00:00+07:00") or day-first ("15/03/2023") string."""
    for pattern, order in ((_ISO_RE, (0, 1, 2)), (_DMY_RE, (2, 1, 0))):
        match = pattern.search(value)
        if match:
            parts = [int(g) for g in match.groups()]
            try:
                return dt.date(parts[order[0]], parts[order[1]], parts[order[2]])
            except ValueError:
                return None
    return None


def _json_ld_date(tree: lxml.html.HtmlElement) -> str | None:
    for script in tree.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        items = data if isinstance(data, list) else [data]
        for item in items:
            if isinstance(item, dict):
                graph = item.get("@graph")
                candidates = graph if isinstance(graph, list) else [item]
                for node in candidates:
                    if isinstance(node, dict) and isinstance(node.get("datePublished"), str):
                        return str(node["datePublished"])
    return None


def _published(tree: lxml.html.HtmlElement, meta: dict[str, str]) -> dt.date | None:
    for key in _DATE_META:
        if key in meta:
            date = parse_date(meta[key])
            if date:
                return date
    value = _json_ld_date(tree)
    if value is None:
        times = tree.xpath("//time[@pubdate or @itemprop='datePublished']/@datetime")
        value = str(times[0]) if times else None
    return parse_date(value) if value else None


# Elements that hold a page's date line: classes and ids such as "byline", "post-date",
# "time", "ngay-dang", "article-meta".
_DATE_ATTR_RE = re.compile(
    r"(?:^|[\s_-])(?:byline|date|dateline|datetime|time|timestamp|posted|published|publish|pubdate"
    r"|ngay-?dang|ngay|thoi-?gian|post-?meta|article-?meta|meta|info)(?:$|[\s_-])",
    re.I,
)
_DATE_LINE_MAX = 120


def _visible_date(tree: lxml.html.HtmlElement) -> dt.date | None:
    """The date of the page's own date line: the first short element marked as a date or byline.

    Links are skipped (a date in a link belongs to another article, as in a related-news list),
    so are the site's header, menus and footer (which may show today's date), and, when the page
    has a headline, everything before it.
    """
    order = {el: i for i, el in enumerate(tree.iter())}
    headlines = tree.xpath("//body//h1")
    after = order.get(headlines[0], -1) if headlines else -1
    for el in tree.xpath("//body//*[@class or @id]"):
        if order.get(el, -1) < after:
            continue
        attrs = f"{el.get('class', '')} {el.get('id', '')}"
        if not _DATE_ATTR_RE.search(attrs) or el.xpath("ancestor-or-self::a|.//a"):
            continue
        if el.xpath("ancestor-or-self::header|ancestor-or-self::nav|ancestor-or-self::footer"):
            continue
        text = " ".join(el.text_content().split())
        if not text or len(text) > _DATE_LINE_MAX:
            continue
        match = _DMY_RE.search(text)
        if match:
            date = parse_date(match.group(0))
            if date:
                return date
    return None


def _title(tree: lxml.html.HtmlElement, meta: dict[str, str]) -> str | None:
    for key in _TITLE_META:
        if meta.get(key):
            return meta[key]
    h1 = tree.xpath("//h1")
    if h1:
        text = " ".join(h1[0].text_content().split())
        if text:
            return text
    title = tree.findtext(".//title")
    if title and title.strip():
        # "Headline | Site name": keep the longest part.
        return max((p.strip() for p in title.split("|")), key=len)
    return None


def _text_length(el: lxml.html.HtmlElement) -> int:
    return len("".join(el.itertext()))


def prune_boilerplate(tree: lxml.html.HtmlElement) -> None:
    """Drop scripts, menus, headers, footers, comment and share blocks, related links, in place.
    An element holding most of the page's text is kept whatever its class says (some sites
    put "sidebar" or "header" on the column that holds the article)."""
    body = tree.find("body")
    total = max(1, _text_length(body if body is not None else tree))
    for el in list(tree.iter(lxml.etree.Comment)):
        el.drop_tree()
    for el in tree.xpath(_NOISE_XPATH):
        small = el.tag not in ("header", "footer") or _text_length(el) < total / 2
        if el.getparent() is not None and small:
            el.drop_tree()
    for el in tree.xpath("//*[@class or @id]"):
        if el.tag in ("body", "html") or el.getparent() is None:
            continue
        attrs = f"{el.get('class', '')} {el.get('id', '')}"
        if _NOISE_ATTR_RE.search(attrs) and _text_length(el) < total / 2:
            el.drop_tree()


def _plain_text(tree: lxml.html.HtmlElement) -> str:
    for el in tree.iter():
        if isinstance(el.tag, str) and el.tag in _BLOCK_TAGS:
            el.tail = "\n" + (el.tail or "")
    body = tree.find("body")
    return (body if body is not None else tree).text_content()


def read_html(data: bytes, limits: Limits) -> ReadResult:
    """Main text of a web page, with title and publication date from its metadata."""
    import trafilatura

    html = _decode(data)
    tree = _parse(html)
    meta = _meta(tree)
    title = _title(tree, meta)
    published = _published(tree, meta) or _visible_date(tree)
    warnings: list[str] = []
    prune_boilerplate(tree)
    # Recall over precision: precision mode drops the <ul> lists that carry bloc members;
    # the boilerplate recall would let in is pruned above by explicit rules.
    text = trafilatura.extract(
        copy.deepcopy(tree), include_comments=False, include_tables=True, favor_recall=True,
        deduplicate=False,
    )
    if not text or len(text.split()) < 20:
        fallback = _plain_text(tree)
        if len(fallback.split()) > len((text or "").split()):
            text = fallback
            warnings.append("main-text extraction found no article body; used plain page text")
    text = text or ""
    if title and " ".join(title.split()) not in " ".join(text[:2000].split()):
        text = f"{title}\n\n{text}"
    return ReadResult(text=text, format="html", title=title, published=published, warnings=warnings)
