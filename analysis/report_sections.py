"""One layout for the study sections of the report (Markdown and HTML from the same parts):
intro paragraphs, bullet lists (defaults, main numbers, not available), tables with their file
links, charts, caveats and a list of every file of the section."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from pathlib import Path

from analysis.tables import RENDERERS, PublicationTable, to_html, to_markdown


@dataclass
class Section:
    """What a study section shows; empty lists are left out of the output."""

    title: str
    intro: list[str]
    lists: list[tuple[str, list[str]]]
    tables: list[tuple[str, PublicationTable]]
    #: (path relative to the report folder, alt text) of the charts written
    charts: list[tuple[str, str]]
    caveats: list[str]
    files_heading: str
    #: tables written as CSV only (file names under tables/)
    csv_only: list[str] = field(default_factory=list)


def write_tables(tables: list[tuple[str, PublicationTable]], tables_dir: Path) -> dict[str, Path]:
    """Every table in every format of :data:`analysis.tables.RENDERERS` under ``tables_dir``."""
    from analysis.report import write_table_files

    written: dict[str, Path] = {}
    for key, table in tables:
        for ext, path in write_table_files(table, tables_dir, key).items():
            written[f"{key}.{ext}"] = path
    return written


def section_markdown(s: Section) -> list[str]:
    md = [f"## {s.title}", "", *[p + "\n" for p in s.intro]]
    for heading, items in s.lists:
        if items:
            md += [f"### {heading}", ""] + [f"- {i}" for i in items] + [""]
    for key, table in s.tables:
        md += [to_markdown(table)]
        md += [f"Files: {', '.join(f'[{ext}](tables/{key}.{ext})' for ext in RENDERERS)}", ""]
    for rel, alt in s.charts:
        md += [f"![{alt}]({rel})", ""]
    if s.caveats:
        md += ["### Caveats", ""] + [f"- {c}" for c in s.caveats] + [""]
    md += [f"### {s.files_heading}", ""]
    md += [f"- [{k}.{ext}](tables/{k}.{ext})" for k, _ in s.tables for ext in RENDERERS]
    md += [f"- [{f}](tables/{f}) (CSV only)" for f in s.csv_only]
    md += [f"- [chart: {alt}]({rel})" for rel, alt in s.charts]
    return [*md, ""]


def section_html(s: Section) -> str:
    esc = html.escape

    def ul(items: list[str]) -> str:
        return "<ul>" + "".join(f"<li>{esc(i)}</li>" for i in items) + "</ul>"

    parts = [f"<p>{esc(p)}</p>" for p in s.intro]
    for heading, items in s.lists:
        if items:
            parts += [f"<h3>{esc(heading)}</h3>", ul(items)]
    parts += [to_html(table) for _, table in s.tables]
    parts += [f'<img src="{rel}" alt="{esc(alt)}" width="720">' for rel, alt in s.charts]
    if s.caveats:
        parts += ["<h3>Caveats</h3>", ul(s.caveats)]
    links = [
        f'<li><a href="tables/{k}.{ext}">{k}.{ext}</a></li>'
        for k, _ in s.tables
        for ext in RENDERERS
    ]
    links += [f'<li><a href="tables/{f}">{f}</a> (CSV only)</li>' for f in s.csv_only]
    links += [f'<li><a href="{rel}">chart: {esc(alt)}</a></li>' for rel, alt in s.charts]
    parts += [f"<h3>{esc(s.files_heading)}</h3>", "<ul>" + "".join(links) + "</ul>"]
    return "\n".join(parts)


def render(s: Section) -> tuple[list[str], str]:
    """(Markdown lines, HTML) of the section."""
    return section_markdown(s), section_html(s)


def ordered_tables(
    tables: dict[str, PublicationTable], order: tuple[str, ...] | list[str]
) -> list[tuple[str, PublicationTable]]:
    """Tables in ``order``, then any others in insertion order."""
    out = [(k, tables[k]) for k in order if k in tables]
    return out + [(k, t) for k, t in tables.items() if k not in order]


def failure_section(title: str, what: str, reason: str) -> tuple[list[str], str]:
    """Markdown lines and HTML of a section whose study could not run at all."""
    text = f"{what} not available: {reason}"
    return [f"## {title}", "", text, ""], f"<p>{html.escape(text)}</p>"
