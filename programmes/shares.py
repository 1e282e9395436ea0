"""Councils' shares of a cost, as percentages that must total 100%: the rule for a
contract change's apportionment and for a strategy's or contract's cost shares."""

from decimal import Decimal

HUNDRED = Decimal("100")


def shares_problem(shares, *, partners, has_costs, subject="this contract"):
    """Why a set of council shares cannot be saved, or None.

    `shares` maps council to a percentage; councils left out pay nothing.
    """
    given = {council: pct for council, pct in shares.items() if pct}
    outsiders = [c.code for c in given if partners is not None and c not in partners]
    if outsiders:
        return f"{', '.join(outsiders)} is not a partner in {subject}"
    if any(pct < 0 or pct > HUNDRED for pct in given.values()):
        return "Each council's share must be between 0% and 100%"
    if not given:
        return (
            "Enter each council's share of the costs: the shares must total 100%"
            if (has_costs)
            else None
        )
    total = sum(given.values())
    if total != HUNDRED:
        return f"The councils' shares must total 100%: they total {total.normalize():f}%"
    return None
