"""Risk ratings from a 5 × 5 likelihood-by-impact matrix.

The bands follow the common local-government matrix: 1–4 low, 5–9 medium,
10–16 high, 20–25 very high (the products 17–19 cannot occur).
"""

BANDS = ((4, "Low"), (9, "Medium"), (16, "High"), (25, "Very high"))


def rating_band(score: int) -> str:
    if not 1 <= score <= 25:
        raise ValueError(f"A risk score is between 1 and 25, not {score}.")
    return next(words for ceiling, words in BANDS if score <= ceiling)
