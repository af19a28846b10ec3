"""Every figure the workbench draws is made and saved here: participant text on it is text.

matplotlib reads `$…$` in any label as maths (mathtext): a card or a name such as `$\\foo$`
would raise `ValueError` while drawing and take the projector down with it. `new_figure` and
`save` turn that parsing off for every text of the figure, whenever it was created; the layout
is done while saving (`layout="tight"`), so nothing is drawn outside `save`.

>>> fig = new_figure(3, 2)
>>> ax = fig.add_subplot()
>>> _ = ax.set_title(r"$\\foo$ 100% & <b>")
>>> len(save(fig, fmt="svg")) > 1000
True
"""

from __future__ import annotations

import io
from pathlib import Path

# usetex would hand the text to LaTeX: never for participant text.
PLAIN_TEXT = {"text.parse_math": False, "text.usetex": False}
# An SVG keeps its text as <text> (names can be searched, copied, translated, edited for print),
# not as glyph outlines; the font it was measured in (DejaVu Sans, shipped with matplotlib) comes
# first, then fonts of similar width with Cyrillic letters that a viewer is likely to have.
SVG_TEXT = {"svg.fonttype": "none", "font.family": ["sans-serif"],
            "font.sans-serif": ["DejaVu Sans", "Bitstream Vera Sans", "Verdana", "Arial",
                                "Liberation Sans", "Helvetica"]}


def new_figure(width: float, height: float, dpi: int = 100):
    """A matplotlib Figure (no pyplot, no backend switch: headless and thread-safe)."""
    from matplotlib import rc_context
    from matplotlib.figure import Figure

    with rc_context(PLAIN_TEXT):
        return Figure(figsize=(width, height), dpi=dpi, layout="tight")


def save(fig, target: str | Path | None = None, fmt: str | None = None, **kwargs) -> bytes | Path:
    """Save `fig` to `target` (a path; format by its suffix) or, with no target, return the bytes
    of format `fmt`. Every text on it, tick labels included, is drawn as plain text, and an SVG
    keeps it as text (`SVG_TEXT`).

    >>> fig = new_figure(3, 2)
    >>> _ = fig.add_subplot().set_title("Носкова Софья")
    >>> svg = save(fig, fmt="svg").decode()
    >>> ">Носкова Софья</text>" in svg and "DejaVu Sans" in svg
    True
    """
    from matplotlib import rc_context
    from matplotlib.text import Text

    with rc_context({**PLAIN_TEXT, **SVG_TEXT}):  # texts created while drawing (ticks) take the setting from here
        for text in fig.findobj(Text):
            text.set_parse_math(False)
            text.set_usetex(False)
        if target is not None:
            fig.savefig(target, **kwargs)
            return Path(target)
        buf = io.BytesIO()
        fig.savefig(buf, format=fmt or "png", **kwargs)
        return buf.getvalue()


def number_ticks(axis, lang: str, digits: int = 2) -> None:
    """Tick labels of a matplotlib axis (`ax.yaxis`, `ax.xaxis`) written as `i18n.number` writes
    figures: in Russian a decimal comma and thousands apart by a narrow no-break space
    ("1 200", "0,6"), in English "1,200" and "0.6"; every tick of the axis with as many
    decimals as the finest one needs (0,0 0,5 1,0; 0 500 1 000), at most `digits`.

    >>> fig = new_figure(3, 2)
    >>> ax = fig.add_subplot()
    >>> number_ticks(ax.yaxis, "ru")
    >>> f = ax.yaxis.get_major_formatter()
    >>> f.format_ticks([0.0, 0.5, 1.0]), f.format_ticks([0.0, 1250.0, 2500.0])
    (['0,0', '0,5', '1,0'], ['0', '1\u202f250', '2\u202f500'])
    """
    from matplotlib.ticker import FuncFormatter

    from workbench.i18n import number

    class Ticks(FuncFormatter):
        ticks: list = []

        def set_locs(self, locs):  # called with every tick of the axis before their labels
            super().set_locs(locs)
            self.ticks = [float(v) for v in locs]

    def decimals() -> int:
        return next((d for d in range(digits) if all(abs(round(v, d) - v) < 1e-9 for v in formatter.ticks)),
                    digits)

    def label(value, _pos=None):
        value = 0.0 if abs(value) < 1e-9 else value  # no "-0" at the origin
        if not formatter.ticks:  # one value on its own: no more decimals than it needs
            return number(value, lang, digits, trim=True, grouped=True)
        return number(value, lang, decimals(), grouped=True)
    formatter = Ticks(label)
    axis.set_major_formatter(formatter)
