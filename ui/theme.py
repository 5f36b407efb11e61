"""Look and feel shared by every page: the favicon (drawn here and served by the app itself, no font
server), contrast fixes that hold in both themes, and applying the Settings theme choice.

Light and dark themes are defined in ``.streamlit/config.toml`` (``[theme.light]``/``[theme.dark]``);
with both defined Streamlit keeps its theme menu and follows the system by default. The Settings choice
is applied by writing Streamlit's own per-browser theme key (``stActiveTheme-<path>-v2``) and reloading
once, only when it differs from what the browser has.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

import streamlit as st
from health_monitor.ui import navigation

THEME_NAMES = {"light": "Light", "dark": "Dark", "system": "System"}


@lru_cache(maxsize=1)
def _favicon() -> Any:
    """A 64 px pulse line on a rounded tile, drawn with Pillow (Streamlit's own dependency)."""
    from PIL import Image, ImageDraw

    img = Image.new("RGBA", (64, 64), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.rounded_rectangle((2, 2, 62, 62), radius=14, fill=(176, 31, 51, 255))
    d.line([(8, 36), (20, 36), (26, 22), (34, 46), (40, 30), (44, 36), (56, 36)], fill=(255, 255, 255, 255),
           width=5, joint="curve")
    return img


FAVICON = _favicon()

# Captions (and metric delta notes) are drawn at 60 % opacity, 3.9:1 on white: below WCAG AA. Full
# opacity with the theme's own text colour at 80 % keeps them quiet and readable in light and dark.
# The header's "Stop" button (shown while an auto-refresh runs) is grey #979695 on white, 2.95:1: it
# takes the theme's text colour too.
_CSS = """<style>
[data-testid='stCaptionContainer'] {opacity: 1 !important; color: inherit !important;}
[data-testid='stCaptionContainer'] p, [data-testid='stCaptionContainer'] span {color: inherit !important;
  opacity: .82;}
[data-testid='stStatusWidget'] button, [data-testid='stBaseButton-header'] {color: inherit !important;}
</style>"""


def apply() -> None:
    st.markdown(_CSS, unsafe_allow_html=True)


def _paths() -> list[str]:
    base = "/"
    return [base] + [f"/{p.url_path}" for p in navigation.PAGES]


def script(choice: str, *, force: bool = False) -> str | None:
    """JavaScript that makes the browser use ``choice`` (light/dark/system) for every page path, reloading
    once when anything changed; None for an unknown choice."""
    name = THEME_NAMES.get(str(choice or "").lower())
    if name is None:
        return None
    return ("<script>(function(){const w=window.parent;let changed=false;"
            f"for(const p of {json.dumps(_paths())}){{const k='stActiveTheme-'+p+'-v2';"
            f"if(w.localStorage.getItem(k)!=={json.dumps(json.dumps(name))}){{"
            f"w.localStorage.setItem(k,{json.dumps(json.dumps(name))});changed=true;}}}}"
            f"if(changed||{'true' if force else 'false'}){{w.location.reload();}}}})();</script>")


def follow_preference(choice: str | None, *, force: bool = False) -> None:
    """Apply the saved theme (light/dark) once per session; "system" leaves the browser's choice alone."""
    if not choice or choice == "system" and not force:
        return
    if st.session_state.get("theme_applied") == choice and not force:
        return
    st.session_state["theme_applied"] = choice
    js = script(choice, force=force)
    if js:
        st.html(js, unsafe_allow_javascript=True)
