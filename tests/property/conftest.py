"""Hypothesis profiles: a fixed seed in the default suite, a long random hunt on request.

    pytest                                      # profile "ci": derandomized, the same examples every run
    HYPOTHESIS_PROFILE=long pytest tests/property    # random examples, 20x as many (a hunt, minutes)

The profile is loaded here, before the test modules build their `settings(...)`, which inherit
whatever they do not set themselves. `COMITATUS_PROPERTY_SCALE=N` multiplies the example counts
of either profile (the long profile defaults to 20).
"""
from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile("ci", derandomize=True, database=None, print_blob=True, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("long", derandomize=False, database=None, print_blob=True, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
settings.load_profile(PROFILE)
DEEPER = int(os.environ.get("COMITATUS_PROPERTY_SCALE", "20" if PROFILE == "long" else "1"))
