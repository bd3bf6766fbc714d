"""Which outlet an article is filed under: the input's outlet label (the default), or the web
site its URL is on, with the user's aliases first.

Real corpora name one publication in several ways ("Fox News", "Fox Online News", "Fox News
(Online)") and some give a writer where the outlet should be ("Guest Writer - Right", a
columnist's name), which splits an outlet and makes up others in every outlet comparison.
Filing by domain (``by = "domain"``) puts every article whose URL is on foxnews.com (or one of
its subdomains) under one outlet, keyed by that registered domain and named by the label its
articles give most often; an article without a web URL is filed by its label. Aliases (``label
-> outlet``) rename labels before anything else: in label mode they merge labels into one
outlet, in domain mode they name the outlets (and file the articles without a URL). The label
as given is kept in ``articles.outlet_label``.

The rules are stored in the database (``outlet_settings``, ``outlet_aliases``) so that every
later load files the same way; ``pipeline.outlets.refile`` applies new rules to the stored
articles.
"""
from __future__ import annotations

import json
from functools import lru_cache

from tld import get_fld

from . import schema

BY = ("label", "domain")


class FilingConflict(ValueError):
    """A load asked to file outlets otherwise than the database's stored articles are."""


class Filing:
    """The filing rules of one database: ``outlet(label, domain)`` gives (outlet id, name,
    domain to record)."""

    def __init__(self, by: str = "label", aliases: dict[str, str] | None = None):
        if by not in BY:
            raise ValueError(f"outlets are filed by label or domain, not {by!r}")
        self.by = by
        self.aliases = dict(aliases or {})
        self._folded = {k.strip().casefold(): v for k, v in self.aliases.items()}

    @classmethod
    def of(cls, conn) -> "Filing":
        """The rules stored in the database (defaults when none are)."""
        by = conn.execute("select value from outlet_settings where key = 'by'").fetchone()
        aliases = dict(conn.execute("select label, outlet from outlet_aliases"))
        return cls(by[0] if by else "label", aliases)

    def save(self, conn) -> None:
        conn.execute("insert or replace into outlet_settings (key, value) values ('by', ?)",
                     [self.by])
        conn.execute("delete from outlet_aliases")
        conn.executemany("insert into outlet_aliases (label, outlet) values (?, ?)",
                         sorted(self.aliases.items()))

    def label(self, label: str | None) -> str | None:
        """The label after the user's aliases."""
        if not label:
            return label
        return self._folded.get(label.strip().casefold(), label)

    def outlet(self, label: str | None, domain: str | None):
        """(id, name, domain) of the outlet an article with this label and URL domain goes
        under; None when it has neither."""
        name = self.label(label)
        if self.by == "domain" and domain:
            site = site_of(domain)
            return schema.slug(site), name or site, site
        if name:
            return schema.slug(name), name, domain
        return None


@lru_cache(maxsize=4096)
def site_of(host: str) -> str:
    """The registered domain of a web host, by the public suffix list bundled with ``tld``
    (no download): "politicalticker.blogs.cnn.com" -> "cnn.com", "www.bbc.co.uk" ->
    "bbc.co.uk", "jane.blogspot.com" stays itself (blogspot.com is a public suffix); the host
    itself when it has none (localhost, an IP address)."""
    return get_fld(host, fix_protocol=True, fail_silently=True) or host


def parse_alias(text: str) -> tuple[str, str]:
    """'LABEL=OUTLET' -> (label, outlet); ValueError with a one-line reason otherwise."""
    label, sep, outlet = text.partition("=")
    label, outlet = label.strip(), outlet.strip()
    if not sep or not label or not outlet:
        raise ValueError(f"an alias is LABEL=OUTLET (e.g. 'Fox Online News=Fox News'), "
                         f"not {text!r}")
    return label, outlet


def refresh_names(conn, outlet_ids, filing: Filing) -> None:
    """For each of ``outlet_ids``, record the input labels its articles give, with their
    counts (``outlets.labels``), and name an outlet filed by its web site after the label its
    articles give most often, aliases applied (ties: the shorter, then alphabetical). Nothing
    to do when outlets are filed by label without aliases: each outlet is its one label."""
    if filing.by == "label" and not filing.aliases:
        return
    for oid in sorted(outlet_ids):
        raw = conn.execute(
            "select outlet_label, count(*) as n from articles where outlet = ? and "
            "outlet_label is not null group by outlet_label order by n desc, outlet_label",
            [oid]).fetchall()
        if not raw:
            continue
        counts: dict[str, int] = {}
        for label, n in raw:
            name = filing.label(label)
            counts[name] = counts.get(name, 0) + n
        sets, values = ["labels = ?"], [json.dumps(dict(raw))]
        if filing.by == "domain":
            sets.append("name = ?")
            values.append(min(counts, key=lambda k: (-counts[k], len(k), k)))
        conn.execute(f"update outlets set {', '.join(sets)} where id = ?", [*values, oid])
