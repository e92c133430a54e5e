"""What every model shares: strictness, ids and text."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints

#: Ids are what other files refer to: short, lowercase, hyphenated.
ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
#: An id is also the id of a FHIR resource, which may be at most 64 characters long.
MAX_ID = 64

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=MAX_ID)]
#: Text an author must actually write: blank is refused.
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class Strict(BaseModel):
    """Unknown keys are refused and values are never silently converted.

    A misspelt key that was quietly ignored would drop a contraindication
    from print without anyone noticing; refusing it is the safe default.
    """

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)
