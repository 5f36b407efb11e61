"""The one JSON conversion: every odd value a warehouse or a model hands back becomes plain JSON."""

from __future__ import annotations

import json
from datetime import date, datetime, timezone
from decimal import Decimal

import numpy as np
import pandas as pd
from pydantic import BaseModel

from health_monitor.core.jsonable import plain, to_jsonable


class Args(BaseModel):
    day: date
    top_n: int = 5


def test_scalars_become_plain_python():
    assert plain(Decimal("12")) == 12 and isinstance(plain(Decimal("12")), int)
    assert plain(Decimal("1.5")) == 1.5
    assert plain(float("nan")) is None and plain(pd.NaT) is None and plain(Decimal("NaN")) is None
    assert plain(np.int64(7)) == 7 and type(plain(np.int64(7))) is int
    assert plain(np.float64(2.5)) == 2.5 and type(plain(np.float64(2.5))) is float
    ts = plain(pd.Timestamp("2026-01-15 09:00", tz="UTC"))
    assert isinstance(ts, datetime) and ts.tzinfo is not None


def test_containers_dates_and_models_serialise():
    value = {"when": datetime(2026, 1, 15, 9, tzinfo=timezone.utc), "days": (date(2026, 1, 14),),
             "cost": Decimal("2274.50"), "args": Args(day=date(2026, 1, 14)), 3: {np.int32(1)}}
    out = to_jsonable(value)
    assert json.loads(json.dumps(out)) == {"when": "2026-01-15T09:00:00+00:00", "days": ["2026-01-14"],
                                           "cost": 2274.5, "args": {"day": "2026-01-14", "top_n": 5}, "3": [1]}
