"""Working out what an import will do (see `core.Planner`)."""

from .core import Planner, plan_import

__all__ = ["Planner", "plan_import"]
