"""The typed model of a protocol library, and the file each part is written in."""

from __future__ import annotations

from .base import ID_PATTERN, MAX_ID, Strict
from .conditions import Condition, ConditionCatalogue
from .contraindications import (
    TIERS,
    Contraindication,
    ContraindicationCatalogue,
    Tier,
    Tiers,
)
from .dosage import Course, Dosage
from .edition import Edition, Part
from .forms import Forms
from .library import Library
from .methods import Method
from .patient import PatientText
from .quantities import Range
from .red_flags import RedFlag, RedFlagCatalogue
from .regions import Protocol, ProtocolStage, Region, Step
from .sources import Source, SourceCatalogue
from .techniques import Technique
from .zones import Zone, ZoneCatalogue

#: One file each, at the top of the protocols folder.
FILE_MODELS: dict[str, type[Strict]] = {
    "handbook.yaml": Edition,
    "conditions.yaml": ConditionCatalogue,
    "contraindications.yaml": ContraindicationCatalogue,
    "red-flags.yaml": RedFlagCatalogue,
    "sources.yaml": SourceCatalogue,
    "forms.yaml": Forms,
    "patient.yaml": PatientText,
    "zones.yaml": ZoneCatalogue,
}
#: One file per item, named ``<id>.yaml``, in these folders.
FOLDER_MODELS: dict[str, type[Strict]] = {
    "regions": Region,
    "techniques": Technique,
    "methods": Method,
}

__all__ = [
    "FILE_MODELS", "FOLDER_MODELS", "ID_PATTERN", "MAX_ID", "TIERS", "Condition", "Contraindication",
    "Course", "Dosage", "Edition", "Forms", "Library", "Method", "Part", "PatientText", "Protocol", "ProtocolStage",
    "Range", "RedFlag", "Region", "Source", "Step", "Technique", "Tier", "Tiers", "Zone",
    "ZoneCatalogue",
]
