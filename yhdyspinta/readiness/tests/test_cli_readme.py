"""The README's readiness command, run as written, prints the published 10/2021 national table."""

import csv
import io
import shlex
from pathlib import Path

from django.conf import settings

from yhdyspinta.readiness import reference_2021 as ref
from yhdyspinta.readiness.cli import NOT_REPORTED, main

README = Path(settings.BASE_DIR) / "README.md"


def readme_command() -> list[str]:
    line = next(text for text in README.read_text(encoding="utf-8").splitlines()
                if text.startswith("yhdyspinta readiness report "))
    return shlex.split(line.split("#")[0])[2:]  # without "yhdyspinta readiness"


def run_readme(tmp_path, capsys):
    roadmap, october, _november, regions = ref.write_csvs(tmp_path)
    files = {"ROADMAP.csv": roadmap, "STATUSES_2021-10.csv": october, "REGIONS.csv": regions}
    argv = [str(files.get(arg, arg)) for arg in readme_command()]
    assert all(name in readme_command() for name in files), "the README names the files write_csvs writes"
    code = main(argv)
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    return list(csv.DictReader(io.StringIO(out)))


def test_the_readme_example_reproduces_every_published_cell(tmp_path, capsys):
    rows = run_readme(tmp_path, capsys)
    cells = {(r["region"], r["area"], r["subarea"]): r for r in rows}
    published = ref.load_published()
    compared = 0
    for (region, area), (ip, done) in published["readiness"].items():
        row = cells[(region, area, "")]
        assert (int(row["in_progress_pct"]), int(row["done_pct"])) == (ip, done), (region, area)
        compared += 2
    for (region, area), (_due, pct) in published["progress"].items():
        assert int(cells[(region, area, "")]["progress_pct"]) == pct, (region, area)
        compared += 1
    for (region, sub), (_due, pct) in published["yhdyspinnat"].items():
        row = cells[(region, "yhdyspinnat", "" if sub == "total" else sub)]
        assert int(row["progress_pct"]) == pct, (region, sub)
        compared += 1
    assert compared > 315
    # HUS reported nothing: listed, and marked so in every value cell (never 0 %, never dropped)
    hus = [r for r in rows if r["region"] == "HUS"]
    assert hus and all(r[c] == NOT_REPORTED for r in hus
                       for c in ("applicable", "in_progress_pct", "done_pct", "due", "progress_pct"))
    assert [r["region"] for r in rows if not r["area"]] == list(ref.REGIONS)


def test_the_progress_horizon_defaults_to_the_quarter_end(tmp_path, capsys):
    roadmap, october, _november, regions = ref.write_csvs(tmp_path)
    base = ["report", "--roadmap", str(roadmap), "--statuses", str(october), "--regions", str(regions)]
    main([*base, "--period-end", "2021-10-31", "--format", "csv"])
    default = capsys.readouterr().out
    main([*base, "--period-end", "2021-10-31", "--progress-end", "2021-12-31", "--format", "csv"])
    assert capsys.readouterr().out == default
    main([*base, "--period-end", "2021-10-31", "--progress-end", "2021-10-31", "--format", "csv"])
    assert capsys.readouterr().out != default  # the old reading: the 82 differing cells


def test_a_status_region_missing_from_the_region_list_is_refused(tmp_path, capsys):
    roadmap, october, _november, regions = ref.write_csvs(tmp_path)
    regions.write_text("region\nHUS\n", encoding="utf-8")
    code = main(["report", "--roadmap", str(roadmap), "--statuses", str(october), "--regions", str(regions),
                 "--period-end", "2021-10-31", "--format", "csv"])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert "REGIONS.csv: region 'Etelä-Karjala' of the statuses is not in the region list" in err
