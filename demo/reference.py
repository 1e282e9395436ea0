"""Organisations, RAG scales in use and the people the papers name."""

from programmes.models import Organisation, Person, RagLevel, RagScale
from programmes.rag_scales import install_default_scales

from .upsert import upsert

ORGANISATIONS = [
    ("SODC", "South Oxfordshire District Council", Organisation.Kind.COUNCIL),
    ("VOWH", "Vale of White Horse District Council", Organisation.Kind.COUNCIL),
    ("HDC", "Hart District Council", Organisation.Kind.COUNCIL),
    ("HBC", "Havant Borough Council", Organisation.Kind.COUNCIL),
    ("MDC", "Mendip District Council", Organisation.Kind.COUNCIL),
    ("CCC", "Cambridge City Council", Organisation.Kind.COUNCIL),
    # 3C's papers write HDC for Huntingdonshire; here HDC is already Hart.
    ("HuDC", "Huntingdonshire District Council", Organisation.Kind.COUNCIL),
    ("SCDC", "South Cambridgeshire District Council", Organisation.Kind.COUNCIL),
    ("OCC", "Oxfordshire County Council", Organisation.Kind.COUNCIL),
    ("Capita", "Capita", Organisation.Kind.SUPPLIER),
]
FIVE_COUNCILS = ["HDC", "HBC", "MDC", "SODC", "VOWH"]

# Initials in the 2018 action plan, matched to the officers the 2021 Annex B
# names with the same initials and the same kind of work. AP and BW could not
# be matched (two A.P.s are named; no B.W. is), so they stay initials.
INITIALS = {
    "DW": "David Wilde",
    "LB": "Lee Brown",
    "SH": "Simon Hewings",
    "PH": "Paul Howden",
    "AP": "AP",
    "BW": "BW",
}
JOB_TITLES = {
    "James Carpenter": "Head of Corporate Services",
    "David Wilde": "Head of Partnership and Insight",
}


def load_organisations():
    return {
        code: upsert(Organisation, {"code": code}, name=name, kind=kind)
        for code, name, kind in ORGANISATIONS
    }


def scales():
    install_default_scales(RagScale, RagLevel)
    return {scale.slug: scale for scale in RagScale.objects.all()}


class People:
    """Finds or creates a Person per name the papers use, once per run."""

    def __init__(self, organisations):
        self.organisations = organisations
        self._cache = {}

    def get(self, name, organisation=None, role=False):
        """A named officer, or with role=True a lead the plan names by role ("Capita/Client")."""
        name = (name or "").strip()
        if not name or name.upper() == "TBC":
            return None
        name = INITIALS.get(name, name)
        if name not in self._cache:
            initials = next((k for k, v in INITIALS.items() if v == name), "")
            if not initials and not role:
                initials = "".join(part[0] for part in name.replace("-", " ").split()).upper()
            self._cache[name] = upsert(
                Person,
                {"name": name},
                initials=initials,
                job_title=JOB_TITLES.get(name, ""),
                organisation=self.organisations.get(organisation),
            )
        return self._cache[name]
