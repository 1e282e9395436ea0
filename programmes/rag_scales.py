"""The RAG keys the councils' papers use, installed by a migration and by load_demo.

They are data: administrators may edit the words and colours, and add scales,
without a release. Installing never overwrites an edited level.
"""

SCALES = [
    (
        "action-plan",
        "12-month action plan key",
        "The key of the South and Vale 12-month action plan (October 2018). The default scale.",
        [
            ("R", "Red", "off track", "#d4351c", "#ffffff"),
            ("A", "Amber", "in negotiation", "#ffdd00", "#0b0c0c"),
            ("G", "Green", "under way and on track", "#00703c", "#ffffff"),
            ("B", "Blue", "complete", "#1d70b8", "#ffffff"),
            ("X", "Grey", "end point", "#505a5f", "#ffffff"),
        ],
    ),
    (
        "annual-plan",
        "Contract annual plan RAG",
        "The Five Councils contract annual plan's RAG (2022/23).",
        [
            ("R", "Red", "late", "#d4351c", "#ffffff"),
            ("A", "Amber", "risk of delay", "#ffdd00", "#0b0c0c"),
            ("G", "Green", "on track", "#00703c", "#ffffff"),
        ],
    ),
    (
        "financial",
        "Financial RAG",
        "Worked out from the figures, never chosen: spend forecast against budget "
        "(thresholds in PORTAL_FINANCE_AMBER_LIMIT). Shown beside the delivery RAG.",
        [
            ("R", "Red", "over budget beyond tolerance", "#d4351c", "#ffffff"),
            ("A", "Amber", "over budget within tolerance", "#ffdd00", "#0b0c0c"),
            ("G", "Green", "within budget", "#00703c", "#ffffff"),
        ],
    ),
    (
        "delivery-confidence",
        "Delivery Confidence Assessment",
        "The five-point Delivery Confidence Assessment used for major projects.",
        [
            ("R", "Red", "successful delivery appears to be unachievable", "#d4351c", "#ffffff"),
            ("A/R", "Amber/Red", "successful delivery is in doubt", "#f47738", "#0b0c0c"),
            (
                "A",
                "Amber",
                "successful delivery appears feasible but significant issues already exist",
                "#ffdd00",
                "#0b0c0c",
            ),
            ("A/G", "Amber/Green", "successful delivery appears probable", "#85994b", "#0b0c0c"),
            ("G", "Green", "successful delivery appears highly likely", "#00703c", "#ffffff"),
        ],
    ),
]


def install_default_scales(rag_scale_model, rag_level_model):
    """Create any missing default scale or level. Takes the model classes so a
    migration can pass its historical models."""
    for slug, name, description, levels in SCALES:
        scale, _ = rag_scale_model.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description}
        )
        for order, (code, label, words, colour, text_colour) in enumerate(levels):
            rag_level_model.objects.get_or_create(
                scale=scale,
                code=code,
                defaults={
                    "label": label,
                    "words": words,
                    "colour": colour,
                    "text_colour": text_colour,
                    "order": order,
                    # Red and Amber (and the mixed levels) need a reason.
                    "needs_reason": "Red" in label or "Amber" in label,
                },
            )
