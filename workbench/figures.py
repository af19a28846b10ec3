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


def new_figure(width: float, height: float, dpi: int = 100):
    """A matplotlib Figure (no pyplot, no backend switch: headless and thread-safe)."""
    from matplotlib import rc_context
    from matplotlib.figure import Figure

    with rc_context(PLAIN_TEXT):
        return Figure(figsize=(width, height), dpi=dpi, layout="tight")


def save(fig, target: str | Path | None = None, fmt: str | None = None, **kwargs) -> bytes | Path:
    """Save `fig` to `target` (a path; format by its suffix) or, with no target, return the bytes
    of format `fmt`. Every text on it, tick labels included, is drawn as plain text."""
    from matplotlib import rc_context
    from matplotlib.text import Text

    with rc_context(PLAIN_TEXT):  # texts created while drawing (ticks) take the setting from here
        for text in fig.findobj(Text):
            text.set_parse_math(False)
            text.set_usetex(False)
        if target is not None:
            fig.savefig(target, **kwargs)
            return Path(target)
        buf = io.BytesIO()
        fig.savefig(buf, format=fmt or "png", **kwargs)
        return buf.getvalue()
