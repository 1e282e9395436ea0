from .changes import (
    change_detail,
    change_edit,
    change_move,
    change_progress,
    change_raise,
    change_raise_choose,
    change_register,
    change_register_export,
)
from .contracts import contract_detail, contract_list, plan_area

__all__ = [
    "change_detail",
    "change_edit",
    "change_move",
    "change_progress",
    "change_raise",
    "change_raise_choose",
    "change_register",
    "change_register_export",
    "contract_detail",
    "contract_list",
    "plan_area",
]
