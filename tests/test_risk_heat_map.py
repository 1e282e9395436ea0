"""The 5 × 5 heat map counts open risks by likelihood and impact, initial beside
current, says each cell's band in words, and counts registers printed in words beneath."""

from dashboards.panels.risk_heat_map import HeatMap, Rating


def cell(heat_map, likelihood, impact):
    return heat_map.rows[5 - likelihood][impact - 1]


def test_risks_are_counted_in_their_cells_initial_beside_current():
    heat_map = HeatMap.of(
        [
            Rating(initial=(4, 4), current=(3, 3)),
            Rating(initial=(4, 4), current=(2, 5)),
            Rating(initial=None, current=None, initial_words="High", current_words="Medium"),
            Rating(initial=None, current=None),
        ]
    )
    assert (cell(heat_map, 4, 4).initial, cell(heat_map, 4, 4).current) == (2, 0)
    assert cell(heat_map, 3, 3).current == 1 and cell(heat_map, 2, 5).current == 1
    assert heat_map.in_words == [("High", "Medium", 1)]
    assert heat_map.unrated == 1
    assert heat_map.scored == 2  # risks, not cells (each is in two)


def test_each_cell_has_its_band_in_words_never_colour_alone():
    heat_map = HeatMap.of([Rating(initial=(5, 5), current=(1, 1))])
    assert [cell(heat_map, 5, 5).band, cell(heat_map, 1, 1).band] == ["Very high", "Low"]
    svg = heat_map.current_svg
    assert "Likelihood 1, impact 1: Low, 1 risk</title>" in svg
    assert "Likelihood 5, impact 5: Very high, 0 risks</title>" in svg
    assert ">1</text>" in svg


def test_a_register_in_words_only_draws_no_empty_grid():
    heat_map = HeatMap.of([Rating(initial=None, current=None, initial_words="High")])
    assert heat_map.scored == 0 and not heat_map.is_empty
    assert heat_map.in_words == [("High", "–", 1)]
