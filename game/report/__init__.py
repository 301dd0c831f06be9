"""Reports of played games: the model (game.report.model), built from a session
(game.report.build), written as Markdown, HTML or JSON, read back with located errors
(game.report.load), and the class summary page (game.report.classpage).

Pure: models in, text out. No network, no Textual.
"""

FORMATS = ("md", "html", "json")


def render(report, fmt: str) -> str:
    """The report as text in one of FORMATS, with any control character written out (in JSON,
    as the escape it is)."""
    from game.inert import inert

    return inert(_render(report, fmt))


def _render(report, fmt: str) -> str:
    if fmt == "json":
        return report.to_json()
    if fmt == "md":
        from game.report.markdown import render_markdown

        return render_markdown(report)
    if fmt == "html":
        from game.report.html import render_html

        return render_html(report)
    raise ValueError(f"unknown report format {fmt!r}; choose from {', '.join(FORMATS)}")
