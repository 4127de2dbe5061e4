"""The Verksamhet area of the reports layer: the verksamhetsplan (plan_*) and the lägesrapport documents."""
