"""The model families; importing this package registers every model in :data:`ml.base.MODELS`.

The MLOps family is imported last: it monitors every model registered before it.
"""

from health_monitor.ml.models import cost, jobs, quality, reliability, security  # noqa: F401, I001
from health_monitor.ml.models import mlops  # noqa: F401
