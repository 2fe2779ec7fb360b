"""One self-contained HTML page: summary, a filterable decision table, the reasoning of
each decision with its citations, and an SVG timeline of each scenario's events and tasks.

Nothing is fetched: styles, a few lines of script and the SVG are inline, and the page's
Content-Security-Policy forbids any request. Every value from a scenario or the rulebook is
escaped. Event spans are read from the vocabulary (an event kind's `in_effect` fields, or its
decision window), so a kind the rulebook adds is drawn without a change here.
"""
from __future__ import annotations

import datetime
import html
from typing import Any, Iterable

from . import plain
from .decision_lines import Item, Layout, lay_out

CSP = ("default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; "
       "form-action 'none'; base-uri 'none'")
COLOURS = {"permitted": "#1a7f37", "prohibited": "#cf222e", "conditional": "#9a6700",
           "contested": "#8250df", "unknown": "#0969da"}
STYLE = """
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:24px auto;max-width:1200px;
color:#1f2328;padding:0 16px}h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px}
.meta{color:#59636e;font-size:12px}.cards{display:flex;gap:8px;flex-wrap:wrap;margin:12px 0}
.card{border:1px solid #d1d9e0;border-radius:6px;padding:6px 12px;min-width:90px}
.card b{display:block;font-size:20px}table{border-collapse:collapse;width:100%;font-size:13px}
th,td{border-bottom:1px solid #d1d9e0;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#f6f8fa;position:sticky;top:0}.v{font-weight:600;white-space:nowrap}
.controls{display:flex;gap:8px;margin:8px 0}.controls input{flex:1;padding:4px 8px}
details{border:1px solid #d1d9e0;border-radius:6px;padding:6px 10px;margin:6px 0}
summary{cursor:pointer}ul{margin:4px 0 4px 18px;padding:0}svg{width:100%;height:auto;
border:1px solid #d1d9e0;border-radius:6px;background:#fff}svg text{font:11px system-ui,sans-serif}
.none{color:#59636e}
"""
SCRIPT = """
(function(){var q=document.getElementById('q'),v=document.getElementById('verdict'),
rows=[].slice.call(document.querySelectorAll('#decisions tbody tr')),n=document.getElementById('shown');
/* ?q=TEXT&verdict=WORD pre-fill the filter: a link can point at the rows it means */
function apply(){var t=q.value.toLowerCase(),w=v.value,k=0;rows.forEach(function(r){
var ok=(!w||r.dataset.verdict===w)&&(!t||r.textContent.toLowerCase().indexOf(t)>=0);
r.hidden=!ok;if(ok)k++;});n.textContent=k+' of '+rows.length+' tasks shown';}
var p=new URLSearchParams(location.search);if(p.get('q'))q.value=p.get('q');if(p.get('verdict'))v.value=p.get('verdict');
q.addEventListener('input',apply);v.addEventListener('change',apply);apply();})();
"""


def _e(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _link(text: str, url: str | None) -> str:
    if url and url.startswith(("http://", "https://")):
        return f'<a href="{_e(url)}" rel="noreferrer">{_e(text)}</a>'
    return _e(text)


def check_html(reports: Iterable[Any], rulebook: Any, version: str) -> str:
    reports = list(reports)
    totals: dict[str, int] = {}
    for report in reports:
        for verdict, count in report.summary.items():
            totals[verdict] = totals.get(verdict, 0) + count
    title = reports[0].scenario.title if len(reports) == 1 else f"{len(reports)} scenarios"
    parts = ['<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">',
             f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
             '<meta name="viewport" content="width=device-width, initial-scale=1">',
             f"<title>Comitatus: {_e(title)}</title><style>{STYLE}</style></head><body>",
             f"<h1>Comitatus report: {_e(title)}</h1>",
             f'<div class="meta">engine {_e(version)} · rulebook {_e(rulebook.digest)} · '
             f"{len(rulebook.rules)} rules</div>", _summary(totals)]
    for report in reports:
        parts.append(f"<h2>{_e(report.scenario.title)}</h2>")
        parts.append(f'<div class="meta">{_e(report.scenario.file)} · as of {report.as_of.isoformat()}</div>')
        parts.append(_timeline(report, rulebook))
        parts.append(_windows(report))
    parts.append(_table(reports, rulebook))
    parts.append("<h2>Reasoning</h2>")
    for number, report in enumerate(reports):
        parts.extend(_reasoning(number, decision, rulebook) for decision in report.decisions)
    parts.append(f"<script>{SCRIPT}</script></body></html>\n")
    return "\n".join(parts)


def _summary(totals: dict[str, int]) -> str:
    cards = "".join(f'<div class="card" style="border-color:{COLOURS.get(v, "#d1d9e0")}"><b>{count}</b>{_e(v)}</div>'
                    for v, count in totals.items())
    return f'<div class="cards" id="summary">{cards}</div>'


def _table(reports: list, rulebook: Any) -> str:
    verdicts = sorted({d.verdict.value for r in reports for d in r.decisions})
    options = "".join(f'<option value="{_e(v)}">{_e(v)}</option>' for v in verdicts)
    rows = []
    for number, report in enumerate(reports):
        tasks = {task.id: task for task in report.scenario.tasks}
        for decision in report.decisions:
            task = tasks.get(decision.task)
            verdict = decision.verdict.value
            rows.append(
                f'<tr data-verdict="{_e(verdict)}"><td>{_e(report.scenario.file)}</td>'
                f'<td><a href="#{_anchor(number, decision.task)}">{_e(decision.task)}</a></td>'
                f"<td>{_e(decision.force)}</td><td>{_e(decision.activity)}</td>"
                f"<td>{_e(task.location if task else '')}</td><td>{decision.date.isoformat()}</td>"
                f'<td class="v" style="color:{COLOURS.get(verdict, "#000")}">{_e(verdict)}</td>'
                f"<td>{_e(decision.rule or '-')}</td><td>{_citations(decision.citations, decision.rule, rulebook)}</td></tr>")
    return ('<h2>Decisions</h2><div class="controls"><input id="q" type="text" placeholder="Filter: task, force, '
            f'activity, rule, citation..." aria-label="filter"><select id="verdict" aria-label="verdict">'
            f'<option value="">every verdict</option>{options}</select><span id="shown" class="meta"></span></div>'
            '<table id="decisions"><thead><tr><th>File</th><th>Task</th><th>Force</th><th>Activity</th>'
            "<th>Location</th><th>Date</th><th>Verdict</th><th>Deciding rule</th><th>Citations</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>")


def _anchor(number: int, task: str) -> str:
    return "d-" + str(number) + "-" + "".join(c if c.isalnum() or c in "-_" else f"_{ord(c):x}" for c in task)


def _citations(citations: Iterable[str], rule_id: str | None, rulebook: Any) -> str:
    rule = rulebook.by_id.get(rule_id) if rule_id else None
    source = rule.source if rule is not None else None
    return "; ".join(_link(citation, source) for citation in citations)


_HEADINGS = {"reasons": "Applied:", "overridden": "Overridden:", "conditions": "Conditions:",
             "readings": "Readings:", "obligations": "Obligations:", "remedies": "Would be permitted with:"}


def _reasoning(number: int, decision: Any, rulebook: Any) -> str:
    verdict = decision.verdict.value
    def reason_line(reason: Item) -> str:
        rule = rulebook.by_id.get(reason.rule)
        cited = _link(reason.citation, rule.source if rule else None)
        return f"<li><b>{_e(reason.rule)}</b> ({_e(reason.effect)}; {cited}): {_e(reason.text)}</li>"

    items = lay_out(decision, Layout({
        "reasons": reason_line,
        "overridden": lambda o: f"<li>{_e(o.rule)} ({_e(o.citation)}) by {_e(o.by)}</li>",
        "conditions": lambda c: f"<li>{_e(c.text)}</li>",
        "readings": lambda r: f"<li>{_e(r.text)} ({_link(r.citation, r.source)})</li>",
        "obligations": reason_line,
        "remedies": lambda m: f"<li>{_e(m.rule)}: {_e('; '.join(m.requires))}</li>",
    }, before=lambda section: [f"<p>{_HEADINGS[section]}</p><ul>"], after=lambda section: ["</ul>"]))
    body = "".join(items) or '<p class="none">No rule applies to this task.</p>'
    return (f'<details id="{_anchor(number, decision.task)}"><summary><b>{_e(decision.task)}</b> '
            f"{_e(decision.force)} {_e(decision.activity)} on {decision.date.isoformat()}: "
            f'<span class="v" style="color:{COLOURS.get(verdict, "#000")}">{_e(verdict)}</span>'
            f"{' by ' + _e(decision.rule) if decision.rule else ''}</summary>{body}</details>")


def _windows(report: Any) -> str:
    if not report.windows:
        return ""
    rows = "".join(f"<tr><td>{_e(w.event)}</td><td>{_e(w.authority)}</td><td>{w.opened.isoformat()}</td>"
                   f"<td>{w.deadline.isoformat()}</td><td>{_e(w.state)}</td><td>{_e(plain(w.days_remaining))}</td></tr>"
                   for w in report.windows)
    return ("<table><thead><tr><th>Window</th><th>Authority</th><th>Opened</th><th>Deadline</th><th>State</th>"
            f"<th>Days left</th></tr></thead><tbody>{rows}</tbody></table>")


# ---- the SVG timeline ----------------------------------------------------------------------

def spans(report: Any, vocabulary: Any) -> list[tuple[str, str, datetime.date, datetime.date | None]]:
    """(label, kind, start, end) for each event: its in-effect span, or its decision window."""
    result = []
    for event in report.scenario.events:
        kind = vocabulary.event_kinds.get(event.kind)
        if kind is None:
            continue
        if kind.window:
            opened = event.get(kind.window["opened"])
            days = event.get(kind.window["days"])
            if isinstance(opened, datetime.date) and isinstance(days, int):
                result.append((event.id, event.kind, opened, opened + datetime.timedelta(days=days)))
                continue
        start = event.get(kind.in_effect_from) if kind.in_effect_from else None
        end = event.get(kind.in_effect_until) if kind.in_effect_until else None
        if not isinstance(start, datetime.date):
            dates = sorted(v for _, v in event.attrs if isinstance(v, datetime.date))
            if not dates:
                continue
            start, end = dates[0], dates[-1] if len(dates) > 1 else None
        result.append((event.id, event.kind, start, end if isinstance(end, datetime.date) else None))
    return result


def _timeline(report: Any, rulebook: Any) -> str:
    events = spans(report, rulebook.vocabulary)
    days = [d.date for d in report.decisions] + [report.as_of]
    for _, _, start, end in events:
        days.append(start)
        if end:
            days.append(end)
    first, last = min(days), max(days)
    last += datetime.timedelta(days=max(1, (last - first).days // 20))   # room for what stays open
    width, left, right, row = 1000, 170, 20, 22
    total = (last - first).days

    def x(day: datetime.date) -> float:
        return round(left + (width - left - right) * (day - first).days / total, 1)

    kinds = sorted({kind for _, kind, _, _ in events})
    palette = ["#0969da", "#8250df", "#bf3989", "#9a6700", "#1a7f37", "#cf222e", "#57606a"]
    colour = {kind: palette[i % len(palette)] for i, kind in enumerate(kinds)}
    stacks: dict[datetime.date, int] = {}
    for decision in report.decisions:
        stacks[decision.date] = stacks.get(decision.date, 0) + 1
    tall = 12 * max(stacks.values(), default=1)
    height = 40 + row * len(events) + tall + 40
    out = [f'<svg id="timeline-{_e(report.scenario.digest[7:15])}" class="timeline" viewBox="0 0 {width} {height}" '
           f'xmlns="http://www.w3.org/2000/svg" role="img" aria-label="timeline of events and tasks">']
    out.append(f'<line x1="{left}" y1="24" x2="{width - right}" y2="24" stroke="#8c959f"/>')
    for tick in _ticks(first, last):
        out.append(f'<line x1="{x(tick)}" y1="20" x2="{x(tick)}" y2="{height - 10}" stroke="#eaeef2"/>'
                   f'<text x="{x(tick)}" y="14" text-anchor="middle">{tick.isoformat()}</text>')
    y = 40
    for label, kind, start, end in events:
        stop = x(end) if end else width - right
        out.append(f'<g class="event"><title>{_e(label)} ({_e(kind)}): {start.isoformat()} to '
                   f'{end.isoformat() if end else "open"}</title>'
                   f'<text x="{left - 6}" y="{y + 12}" text-anchor="end">{_e(label)}</text>'
                   f'<rect x="{x(start)}" y="{y + 2}" width="{max(2.0, stop - x(start))}" height="14" rx="3" '
                   f'fill="{colour[kind]}" fill-opacity="{0.35 if end is None else 0.7}"/></g>')
        y += row
    out.append(f'<text x="{left - 6}" y="{y + 12}" text-anchor="end">tasks</text>')
    placed: dict[datetime.date, int] = {}
    for decision in report.decisions:
        level = placed[decision.date] = placed.get(decision.date, -1) + 1
        out.append(f'<circle class="task" cx="{x(decision.date)}" cy="{y + 8 + 12 * level}" r="5" '
                   f'fill="{COLOURS.get(decision.verdict.value, "#000")}" fill-opacity="0.8"><title>'
                   f'{_e(decision.task)} {decision.date.isoformat()}: {_e(decision.verdict.value)}</title></circle>')
    y += tall
    anchor = "end" if x(report.as_of) > width * 0.8 else "start"
    out.append(f'<line x1="{x(report.as_of)}" y1="20" x2="{x(report.as_of)}" y2="{y}" stroke="#1f2328" '
               f'stroke-dasharray="4 3"/><text x="{x(report.as_of) + (-3 if anchor == "end" else 3)}" '
               f'y="{y + 12}" text-anchor="{anchor}">as of {report.as_of.isoformat()}</text>')
    legend = "".join(f'<tspan fill="{colour[k]}">■</tspan> {_e(k)}  ' for k in kinds)
    out.append(f'<text x="{left}" y="{height - 6}">{legend}</text></svg>')
    return "".join(out)


def _ticks(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    """Month starts (or years, over long spans) between the two days, at most about ten."""
    months = (last.year - first.year) * 12 + last.month - first.month
    step = max(1, months // 8)
    if months > 120:
        return [datetime.date(year, 1, 1) for year in range(first.year + 1, last.year + 1, max(1, months // 96))]
    ticks, year, month = [], first.year, first.month
    while True:
        month += step
        while month > 12:
            month -= 12
            year += 1
        day = datetime.date(year, month, 1)
        if day > last:
            return ticks
        ticks.append(day)
