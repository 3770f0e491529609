"""The reasons ``app.ingest`` gives for a proposal (why a company, an edge, a link, a theme was
proposed), in the interface's language: templates of the English the app writes (see
:mod:`widgets.phrases`), values kept as they are (names, codes, quotes) or translated again."""

from __future__ import annotations

from app import labels
from widgets.i18n import QT_TRANSLATE_NOOP as _N  # noqa: N814
from widgets.i18n import current_script, translate
from widgets.phrases import Phrases


class _Segment:
    """A segment's English label -> its label in the current script."""

    def __call__(self, text: str) -> str:
        seg = labels.segment_of_label(text)
        return labels.segment_label(seg, current_script()) if seg else text


class _ShareOf:
    def __call__(self, text: str) -> str:
        return labels.share_of_label(text, current_script())


_HOW = Phrases([
    _N("Reasons", "named in the same clause"),
    _N("Reasons", "named in the sentence"),
    _N("Reasons", "listed under {lead}"),
    _N("Reasons", "from the heading {heading}"),
    _N("Reasons", "'其' = {name}"),
    _N("Reasons", "{group} = {names} (defined earlier; the quote does not name the party)"),
    _N("Reasons", "holds {stake}"),
    _N("Reasons", "'{words}'"),
])
_WHERE = Phrases([], words=[
    _N("Reasons", "clause"), _N("Reasons", "list item"), _N("Reasons", "sentence"), _N("Reasons", "heading"),
    _N("Reasons", "default for this wording"),
])

REASONS = Phrases(
    [
        # mentions and companies (app.ingest.finder, propose)
        _N("Reasons", "knowledge-base name {name}"),
        _N("Reasons", "knowledge-base alias {name}"),
        _N("Reasons", "knowledge-base short alias {name}"),
        _N("Reasons", "named {n} times"),
        _N("Reasons", "not yet in the knowledge base"),
        _N("Reasons", "the text never names it in full or by code, and the two characters may be a word"),
        _N("Reasons", "{surface} is a listed short name ({ref}) but here it may be part of a longer word ({word})"),
        _N("Reasons", "{surface} is a listed short name ({ref}) but also an ordinary word or very short"),
        _N("Reasons", "confirm"),
        _N("Reasons", "short name of {ref} in the A-share universe"),
        _N("Reasons", "{surface} is the name of several parties"),
        _N("Reasons", "name {surface} and code {code} agree"),
        _N("Reasons", "name {surface} says {refs} but code {code} is {name}"),
        _N("Reasons", "code {code} not in the desk's lists"),
        _N("Reasons", "name {surface}"),
        _N("Reasons", "code {code} ({name})"),
        _N("Reasons", "not a code: {error}"),
        _N("Reasons", "{code} is in no list the desk has (refresh the universe)"),
        _N("Reasons", "bare number in brackets after a name"),
        _N("Reasons", "bare number after {cue}"),
        _N("Reasons", "resolved by hand (was {old})"),
        _N("Reasons", "added by hand"),
        # supplier edges
        _N("Reasons", "{supplier} supplies {customer} ({how})"),
        _N("Reasons", "segment {segment} from the {where}"),
        _N("Reasons", "explicit supply wording"),
        _N("Reasons", "share {share}% of {of}"),
        _N("Reasons", "the supplier's name is a weak match"),
        _N("Reasons", "argued, not stated ({words})"),
        _N("Reasons", "argued, not stated"),
        _N("Reasons", "the section calls it potential"),
        _N("Reasons", "the quote does not name {name}"),
        _N("Reasons", "stated in {n} sentences"),
        _N("Reasons", "{words} before {hub}: the customer takes the hub's model"),
        # links
        _N("Reasons", "{cue} between {parent} and {child}"),
        _N("Reasons", "{cue} between the two"),
        _N("Reasons", "stake {stake}% stated"),
        _N("Reasons", "{source} → {target}: {why}"),
        # themes and members
        _N("Reasons", "{found} of its {members} members named"),
        _N("Reasons", "title words {pct} in the headings"),
        _N("Reasons", "already a member"),
        _N("Reasons", "this report names it too"),
        _N("Reasons", "section heading naming a group of {n} listed companies"),
        _N("Reasons", "named in the section {title}"),
    ],
    nested={"how": _HOW, "why": _HOW, "where": _WHERE, "segment": _Segment(), "of": _ShareOf()},
    sep=_N("Reasons", "; "),
)


def reason(text: str) -> str:
    """A reason from app.ingest in the interface's language."""
    return REASONS(text)


_PAGES = Phrases([_N("Reasons", "page {pages}"), _N("Reasons", "pages {pages}")])
_WHERE_ON_PAGE = Phrases([], words=[_N("Reasons", "header"), _N("Reasons", "footer")])

# what app.ingest.extract says of the text it read (warnings) and what it left out (dropped)
NOTES = Phrases(
    [
        _N("Reasons", "{pages} without text (images only?)"),
        _N("Reasons", "{pages} read as two columns"),
        _N("Reasons", "trafilatura is not installed: main text taken with the simple reader"),
        _N("Reasons", "no main text found by trafilatura: the page's text is taken whole"),
        _N("Reasons", "{n} CJK radical look-alikes replaced by their characters (⼈→人)"),
        _N("Reasons", "running {where} {text} on {n} pages"),
        _N("Reasons", "page numbers ({n})"),
        _N("Reasons", "disclaimer page {pages}"),
        _N("Reasons", "disclaimer pages {pages}"),
        _N("Reasons", "disclaimer section {text} at the end of page {n}"),
    ],
    nested={"pages": _PAGES, "where": _WHERE_ON_PAGE},
)


def duplicate_text(dup: dict) -> str:
    """The desk already has the report (``Proposal.duplicate_of``): which one, and how it knows.
    The report's publisher, title and date as they are written (never lower-cased)."""
    what = " ".join(str(x) for x in (dup.get("publisher"), dup.get("title"), dup.get("date")) if x) or dup["file"]
    if dup.get("part") == "sentences":   # part of a known report (its first pages, an excerpt)
        return translate("Reasons", "Already in the desk: this text is part of the report {what} ({file}; {m} of "
                                    "its {n} sentences are in that report); applying it would count that evidence "
                                    "twice.").format(what=what, file=dup["file"], m=dup.get("matched"), n=dup["of"])
    if dup.get("part") == "quotes":
        return translate("Reasons", "Already in the desk: this text looks like part of the report {what} ({file}; "
                                    "{m} of its {n} sentences hold that report's quotes verbatim); applying it would "
                                    "count that evidence twice.").format(what=what, file=dup["file"],
                                                                         m=dup.get("matched"), n=dup["of"])
    if dup.get("part") == "same":
        how = translate("Reasons", "{m} of its {n} sentences are that report's").format(m=dup.get("matched"),
                                                                                         n=dup["of"])
    elif not dup.get("of"):
        how = translate("Reasons", "the same text")
    elif dup.get("matched") == dup["of"]:
        how = translate("Reasons", "all {n} of its quotes are in this text").format(n=dup["of"])
    else:
        how = translate("Reasons", "{m} of its {n} quotes are in this text").format(m=dup.get("matched"), n=dup["of"])
    return translate("Reasons", "Already in the desk: this is the report {what} ({file}; {how}); applying it "
                                "again would count its evidence twice.").format(what=what, file=dup["file"], how=how)
