from .changes import ChangeStatus, ContractChange
from .contracts import Contract
from .records import Apportionment, ChangeProgress, ChangeTransition

__all__ = [
    "Apportionment",
    "ChangeProgress",
    "ChangeStatus",
    "ChangeTransition",
    "Contract",
    "ContractChange",
]
