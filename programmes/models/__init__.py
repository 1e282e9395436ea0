from .measures import (
    HeadlineFigure,
    Kpi,
    KpiActual,
    KpiQuerySet,
    StrategyHeadline,
    trend_in_words,
)
from .structure import (
    Organisation,
    OrganisationManager,
    Person,
    Programme,
    RagLevel,
    RagScale,
    ReportingPeriod,
    Strategy,
    StrategyQuerySet,
    hex_colour,
)

__all__ = [
    "HeadlineFigure",
    "StrategyHeadline",
    "Kpi",
    "KpiActual",
    "KpiQuerySet",
    "Organisation",
    "OrganisationManager",
    "Person",
    "Programme",
    "RagLevel",
    "RagScale",
    "ReportingPeriod",
    "Strategy",
    "StrategyQuerySet",
    "hex_colour",
    "trend_in_words",
]
