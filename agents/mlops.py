"""MLOps specialist: registered models, training history, accuracy, drift, serving latency and cost."""

from __future__ import annotations

from health_monitor.agents.spec import AgentSpec, Lens, Play

#: One model's training history in a sentence.
TRAINED = ("{model_name}: trained {trainings:times} ({retrainings:plural:retraining}); the latest, v{version}, on "
           "{trained_at:date} with {training_rows:int} rows ({primary_metric} {primary_metric_value:.2f}, {status})")

MLOPS_PROMPT = """You are the MLOps specialist of a Databricks platform health monitor, answering {user}.
The data is as of {as_of}.
You cover the health monitor's own models and the account's serving endpoints: versions and training
history, accuracy metrics (AUC, F1, MAPE...), input drift and retraining, inference latency, errors
and serving cost.
Your tools: {tools}. Use at most {max_steps} tool-calling steps.
Quote only figures the tools returned. Finish with what you found (figures), how severe it is
(info, low, medium, high) and one concrete recommendation."""

AGENT = AgentSpec(
    name="mlops",
    title="MLOps",
    description="Machine-learning operations: registered models and versions, training and retraining history, "
                "accuracy metrics, input drift, serving endpoints' latency, errors and cost.",
    system_prompt=MLOPS_PROMPT,
    examples=(
        "Give me the model health overview: accuracy, drift and latency",
        "How many times has the job failure model been retrained?",
        "What's the average inference time for cost_anomaly_detector?",
    ),
    all_clear="The models and their endpoints look healthy.",
    playbook=(
        Play("get_model_performance", when=(r"accura|\bauc\b|\bf1\b|precision|recall|mape|metrics?|how (good|well)|"
                                            r"overview|overall|\bstatus\b|health\w*|how (?:are|is) (?:\w+ ){0,2}(?:models?|doing)|behav\w*|sideways|"
                                            r"acting (?:up|weird|odd|strange)|hold(?:s|ing)? up|far(?:e|es|ing)\b|cop(?:e|es|ing)\b",), default=True, weight=2,
             args={"model_name": "$model"}, title="Model accuracy",
             lens=Lens(where="is_primary == true", group="model_name", sort="metric_value", rows=4,
                       say="{model_name} v{version} ({status}): {metric_name} {metric_value:.2f} on "
                           "{training_rows:int} training rows")),
        Play("get_model_drift", when=(r"drift|shift|\bpsi\b|inputs?|features?|overview|retrain|overall|\bstatus\b|"
                                      # "have any of them started to degrade": a model decays as its inputs move
                                      r"degrad\w*|decay\w*|deteriorat\w*|(?:getting|got|gotten|gone|going|grown) worse|"
                                      r"still (?:accurate|good|reliable|valid|working)|"
                                      # "is the model itself ok?", "can I trust it": the model's own state
                                      r"\b(?:model|it|itself)(?: itself)? (?:ok|okay|fine|alright|all right|trustworthy|sane|broken)\b|"
                                      r"\btrust (?:it|the model|its (?:scores?|output|predictions?))\b|"
                                      r"health\w*|how (?:are|is) (?:\w+ ){0,2}(?:models?|doing)|behav\w*|sideways|acting (?:up|weird|odd|strange)|"
                                      # "how's the model holding up?": how it is doing, accuracy and inputs
                                      r"hold(?:s|ing)? up|far(?:e|es|ing)\b|cop(?:e|es|ing)\b",),
             default=True, weight=2, args={"model_name": "$model"}, title="Input drift",
             lens=Lens(where="is_drift == true", group="model_name", sort="count desc", rows=3,
                       say="{model_name} ({count:plural:drifted feature}): {explanation:long}",
                       severity=(("medium", "count >= 1"),),
                       recommend="Retrain {model_name}: {retrain_reason}",
                       empty="No model's inputs drifted.")),
        # "which models do we have": every name in the headline, the latest trained below
        # ("which models show input drift?" asks which have a property, not the list)
        Play("get_training_history", when=(r"(?:which|what|list|all|every|each) (?:\w+ )?models(?!\s+(?:of \w+ \w+\s+)?"
                                           r"(?:shows?|have|has|had|are(?!\s+(?:there|registered|deployed|live|served|"
                                           r"in production)\b)|were|is|exhibit\w*|display\w*|suffer\w*|with|drift\w*|need\w*|"
                                           r"fail\w*)\b)|models? (?:do we|we) have|"
                                           r"registered models?|models? (?:are )?registered|how many (?:\w+ )?models?|"
                                           # "the inventory of the ML models you operate"
                                           r"(?:inventory|catalog(?:ue)?|list|overview|rundown) of (?:\w+ ){0,3}models|"
                                           r"models (?:you|we|that|which) (?:\w+ )?(?:operate|run|have|maintain|own|serve|manage|use)\b",),
             # (outweighs a question's several training words: "document the training history ... which models are
             # registered, and when was each last trained" wants every model named)
             weight=14,
             title="Registered models",
             lens=Lens(group="model_name", sort="trained_at desc", rows=4,
                       headline="{n:plural:registered model}: {all_model_name}.", say=TRAINED)),
        # "since when?" of input drift: drift is read against the training reference, so it began after the last training
        Play("get_training_history", when=(r"retrain|trained|training|history|registered|registry|since when|"
                                           r"how long (?:has|have) (?:it|they|this|that|the \w+) been|when did (?:it|this|that|the "
                                           r"drift) (?:start|begin)",),
             weight=3, args={"model_name": "$model"}, title="Training history",
             lens=Lens(group="model_name", sort="trained_at desc", rows=4, say=TRAINED)),
        Play("get_inference_metrics", when=(r"latency|inference|serving|endpoints?|requests|response time|"
                                            r"overview|fast|slow|quick\w*|respond\w*|answers? (?:in|within)|"
                                            r"how long (?:\w+ ){0,3}(?:answer|respond|take)",), default=True, weight=2,
             args={"endpoint": "$endpoint"}, title="Inference latency",
             lens=Lens(group="endpoint_name", sum=("requests",), sort="avg_latency_ms desc", rows=4,
                       say="{endpoint_name} ({source}[, model {model_name}]): {avg_latency_ms:num} ms average "
                           "latency{p95_latency_ms:p95} "
                           "over {requests:plural:request}")),
        # "what version is live on that one": the model version each endpoint served last
        Play("get_inference_metrics", when=(r"\bversions?\b.{0,30}\b(?:live|serv\w*|deployed|running|on (?:it|that|this))|"
                                            r"\b(?:live|deployed|serving|running|current) (?:model )?versions?\b|"
                                            r"\bwhich (?:model )?version\b",), weight=4,
             args={"endpoint": "$endpoint"}, title="Version served",
             lens=Lens(group="endpoint_name", sort="measured_at desc", rows=4,
                       say="{endpoint_name}[ serves {model_name}][ version {model_version}]{model_version:unless: (the "
                           "version it serves is not recorded in the serving tables)}, last measured {measured_at:time}")),
        Play("get_service_health", when=(r"errors?|degraded|status|healthy|(?<!holding )(?<!holds )(?<!hold )(?<!held )up\b",), weight=1,
             args={"service_name": "$endpoint"}, title="Serving health",
             lens=Lens(where="service_type == serving_endpoint", sort="error_rate_pct desc", rows=3,
                       say="{service_name} is {status}: p95 latency {latency_p95_ms:num} ms, {error_rate_pct:.2f}% "
                           "errors",
                       severity=(("medium", "status == degraded"),))),
        Play("get_endpoint_costs", when=(r"cost|spend|expensive|bill",), weight=2, title="Serving cost",
             lens=Lens(sort="list_cost desc", rows=3, say="{endpoint_name} {list_cost:money} ({sku_name})")),
    ),
)
