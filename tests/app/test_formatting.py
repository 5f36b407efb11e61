"""One formatting module and one palette: numbers people read, "—" for missing, status words to levels."""

from __future__ import annotations

import math
from datetime import datetime

import pytest
from health_monitor.ui import formatting as fmt
from health_monitor.ui import palette


@pytest.mark.parametrize(("value", "shown"), [
    (12.5, "$12.50"), (999.99, "$999.99"), (2299, "$2,299"), (9_999.4, "$9,999"), (12_345, "$12.3k"),
    (1_234_567, "$1.23M"), (-2299, "-$2,299"), (-0.001, "$0.00"), (None, "—"), (float("nan"), "—")])
def test_money_drops_cents_above_a_thousand_and_separates_thousands(value, shown) -> None:
    assert fmt.money(value) == shown


def test_percent_never_shows_minus_zero_and_missing_is_a_dash() -> None:
    assert fmt.pct(-0.04) == "0.0 %" and fmt.pct(97.44) == "97.4 %" and fmt.pct(None) == "—"
    assert fmt.signed_pct(-0.04) == "0.0 %" and fmt.signed_pct(12) == "+12.0 %" and fmt.signed_pct(None) is None
    assert fmt.number(-0.2) == "0" and fmt.number(1.07e9) == "1,070.0M" and "e+" not in fmt.number(1.07e12)


@pytest.mark.parametrize(("seconds", "shown"), [(45, "45 s"), (185, "3 min 05 s"), (1083, "18 min"),
                                                 (7500, "2 h 05 min"), (3 * 86400 + 4 * 3600, "3 d 04 h"),
                                                 (None, "—")])
def test_durations_read_as_words(seconds, shown) -> None:
    assert fmt.duration(seconds) == shown


def test_bytes_enums_text_and_times() -> None:
    assert fmt.data_size(2_050_000_000_000) == "2.0 TB" and fmt.data_size(812) == "812 B"
    assert fmt.label("TIMED_OUT") == "Timed out" and fmt.label("sql_cost") == "SQL cost"
    assert fmt.label("all_purpose") == "All purpose" and fmt.label(None) == "—"
    cut = fmt.text("The spark driver has stopped unexpectedly and is restarting", 30)
    assert cut.endswith("…") and not cut[:-1].endswith(" ") and len(cut) <= 31 and "restart" not in cut
    assert fmt.text(float("nan")) == "—" and fmt.text("None") == "—"
    utc = datetime(2026, 1, 14, 20, 30)
    assert fmt.when(utc, "Europe/Paris") == "2026-01-14 21:30" and fmt.when(None, "UTC") == "—"
    assert fmt.printf("$%,.0f", 12345.6) == "$12,346" and fmt.printf("%.1f %%", -0.04) == "0.0 %"
    assert fmt.printf("%,.0f", math.nan) == "—"


def test_palette_maps_status_words_to_levels_and_unknown_to_not_measured() -> None:
    assert palette.level("FAILED").key == "critical" and palette.level("at_risk").key == "high"
    assert palette.level("degraded").key == "medium" and palette.level("Succeeded").key == "ok"
    assert palette.level("something new").key == "not_measured" and palette.level(None).key == "not_measured"
    assert palette.pill("TIMED_OUT") == ":red-badge[Timed out]"
    assert palette.rank("critical") < palette.rank("high") < palette.rank("ok") < palette.rank(None)
    assert "background-color" in palette.cell_style("failed")
    assert palette.share_color(120) == palette.color("critical") and palette.share_color(50) == palette.color("ok")
    # every level has a distinct chart colour
    assert len({lv.color for lv in palette.LEVELS.values()}) == len(palette.LEVELS)
