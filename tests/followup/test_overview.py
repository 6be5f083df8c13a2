"""The overview counts effective smileys per theme and per round."""

from opfolgning.followup.overview import overview
from opfolgning.followup.smileys import Smiley
from tests import factories


def test_overview_counts_effective_smileys_per_theme_and_round():
    doc = factories.report(initiatives=4, themes=2)
    first = doc.themes[0].initiatives[0]
    first.milestones[2].smiley = None  # no milestone text at round 3 either: carried forward
    first.milestones[2].text = ""
    doc.themes[1].initiatives[0].milestones[2].smiley = Smiley.NEUTRAL
    doc.themes[1].initiatives[1].economy.smiley = None
    result = overview(doc)
    assert [t.number for t in result.themes] == ["1", "2"]
    assert result.themes[0].effort.happy == 2  # one set, one carried
    assert (result.themes[1].effort.happy, result.themes[1].effort.neutral) == (1, 1)
    assert result.total.total == 4
    assert sorted(result.rounds) == [1, 2, 3]
    assert result.rounds[1].happy == 4
    assert result.economy_total.happy == 3 and result.economy_total.none == 1
