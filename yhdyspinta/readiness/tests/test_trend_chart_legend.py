"""The trend chart's legend shows every series' full name and value inside the picture (walk 5 #15)."""

import re

from yhdyspinta.readiness.charts import line_chart

NAMES = ["Hallinto, talous ja tukipalvelut", "Johtaminen ja osaaminen", "Palveluiden järjestäminen",
         "Yhdyspinnat", "ICT", "Yhteensä"]


def test_legend_names_are_whole_and_inside_the_view_box():
    svg = line_chart(["2021-10", "2021-11"], [(n, [60 + i, 70 + i]) for i, n in enumerate(NAMES)],
                     title="Eteneminen", description="Kehitys kausittain")
    width, height = map(float, re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', svg).groups())
    legends = re.findall(r'<text class="legend" x="([\d.]+)" y="([\d.]+)">([^<]*)</text>', svg)
    assert [text for _x, _y, text in legends] == [f"{n}: {70 + i} %" for i, n in enumerate(NAMES)]
    for x, y, text in legends:
        # 11px text: at most ~7px a character, below the plot (not beside it), inside the picture
        assert float(x) + 7 * len(text) <= width, text
        assert float(y) <= height - 4, text
