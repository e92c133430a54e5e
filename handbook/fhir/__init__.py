"""The library and personal plans as HL7 FHIR R4 resources, for a clinic's records.

``definitions`` turns the protocol library into one ``Bundle`` (type collection)
of a ``PlanDefinition`` per protocol and an ``ActivityDefinition`` per method;
``care_plan`` turns a personal plan into a ``CarePlan`` with one activity per
session, the same dates and minutes as the printed plan.  ``resources`` holds
what both share: canonical URLs, stable ids from content, timings, and the one
way a resource is written (sorted keys, pretty-printed, UTF-8).  Nothing is
cached; a plan names its patient only by the name given.
"""
