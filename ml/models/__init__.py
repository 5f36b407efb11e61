"""The model families, one module each; the list of models is :mod:`health_monitor.ml.registry`."""
