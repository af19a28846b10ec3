"""Files the workbench ships beside its code: export templates, the Voila notebooks, the demo data.

In a checkout they are the repository's `templates/`, `notebooks/` and `sessions_data/demo/`; an
installed wheel carries them inside the package (pyproject.toml maps them there), so the same
names work however the workbench was installed.

>>> (path("templates") / "protocol.md.j2").is_file(), (path("notebooks") / "facilitator.ipynb").is_file()
(True, True)
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent
# name: (folder inside an installed package, folder in a checkout)
PLACES = {"templates": ("templates", "templates"), "notebooks": ("notebooks", "notebooks"),
          "demo": ("demo_data", "sessions_data/demo")}


def path(name: str) -> Path:
    """The folder of `templates`, `notebooks` or `demo`: inside the package when installed from a
    wheel, else in the checkout."""
    inside, checkout = PLACES[name]
    packaged = HERE / inside
    if packaged.is_dir():
        return packaged
    return HERE.parent / checkout


def voila_root() -> Path:
    """The folder to add to JUPYTER_PATH so Voila finds the workbench's page template."""
    return HERE / "web" / "jupyter"


def fontawesome() -> Path:
    """Font Awesome's CSS and fonts (the `fontawesomefree` wheel), served by the workbench itself."""
    import fontawesomefree

    return Path(fontawesomefree.__file__).resolve().parent / "static" / "fontawesomefree"
