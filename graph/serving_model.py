"""MLflow "models from code" entry point: logged by :func:`graph.serving.log_model`, executed by Model
Serving when the model loads (never imported by the app or the CLI)."""

import mlflow
from health_monitor.graph.serving import HealthMonitorAgent

mlflow.models.set_model(HealthMonitorAgent())
