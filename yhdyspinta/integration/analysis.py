"""The study's results from the database: answers → compute → published (n ≥ 5) figures, cached.

Everything the pages, exports and API show comes from `results(study)`, and every cell in it
has passed `publish_cells`: a cell of fewer than MIN_N respondents keeps only the mark
"n < 5" — no mean, no interval, no n. Symmetric needs, clusters, the map and the boundary are
computed from the published cells only, so no suppressed mean can be recovered from them.
Heavy results are cached in Study.results_cache per data version (bumped on every change).
An "error" there is English text; "error_reason" keeps its template so that pages show it in the
user's language (`error_message`).
"""

from __future__ import annotations

import math

import polars as pl
from django.db.models import F

from yhdyspinta.core.localize import message
from yhdyspinta.core.reasons import as_data as reason_data
from yhdyspinta.core.reasons import from_data
from yhdyspinta.core.versioned import VersionedCache

from .compute.analyse import missing_data
from .compute.boundary import bootstrap_sides, optimise_boundary
from .compute.cluster import cluster
from .compute.errors import IntegrationComputeError
from .compute.index import Cell, cell_matrix, compare_by, compute_index, symmetric_need
from .compute.layout import faithful_layout
from .compute.parties import node_sort_key
from .compute.reliability import reliability, response_rates
from .models import Answer, Respondent, Study

MIN_N = 5
N_BOOT = 1000
STABILITY_RUNS = 20
SIDE_BOOT = 50
LARGE = "large"


def answers_frame(study: Study) -> pl.DataFrame:
    """Submitted answers in the long form compute expects (two flat queries, no ORM objects)."""
    codes = dict(study.parties.values_list("pk", "code"))
    resp = list(Respondent.objects.filter(study=study, submitted_at__isnull=False, group__isnull=False)
                .values_list("pk", "group_id", "municipality", "size_group"))
    ans = list(Answer.objects.filter(respondent__study=study, respondent__submitted_at__isnull=False)
               .values_list("respondent_id", "party_id", "frequency", "mutuality", "need"))
    r = pl.DataFrame(resp, schema={"rid": pl.Int64, "gid": pl.Int64, "municipality": pl.String,
                                   "size_group": pl.String}, orient="row")
    a = pl.DataFrame(ans, schema={"rid": pl.Int64, "pid": pl.Int64, "frequency": pl.Float64,
                                  "mutuality": pl.Float64, "need": pl.Float64}, orient="row")
    code_map = codes
    df = a.join(r, on="rid", how="inner")
    return df.select(
        pl.col("rid").cast(pl.String).alias("respondent_id"),
        pl.col("gid").replace_strict(code_map, return_dtype=pl.String).alias("group"),
        pl.col("pid").replace_strict(code_map, return_dtype=pl.String).alias("party"),
        "frequency", "mutuality", "need", "municipality", "size_group",
    ).filter(pl.col("group") != pl.col("party"))


def publish_cells(cells: list[Cell], flag_above: float) -> list[dict]:
    """THE suppression rule: a cell of fewer than MIN_N respondents shows only "n < 5"."""
    out = []
    for c in cells:
        if c.n < MIN_N:
            out.append({"group": c.group, "party": c.party, "suppressed": True, "n": None,
                        "mean_index": None, "ci_low": None, "ci_high": None, "flagged": False})
        else:
            out.append({"group": c.group, "party": c.party, "suppressed": False, "n": c.n,
                        "mean_index": _r(c.mean_index), "ci_low": _r(c.ci_low), "ci_high": _r(c.ci_high),
                        "flagged": c.mean_index > flag_above})
    return out


def _r(v):
    return None if v is None or (isinstance(v, float) and math.isnan(v)) else round(float(v), 4)


def _published_cells_as_cells(cells: list[dict]) -> list[Cell]:
    return [Cell(c["group"], c["party"], c["n"], c["mean_index"]) for c in cells if not c["suppressed"]]


def _needs_from(sym_list):
    return {(s["a"], s["b"]): s["need"] for s in sym_list}


def compute_results(study: Study) -> dict:
    """All figures of the analysis page; raises nothing for an empty or tiny study."""
    df = answers_frame(study)
    respondents = df["respondent_id"].n_unique() if df.height else 0
    out = {"version": study.data_version, "respondents": respondents, "error": None, "cells": [],
           "symmetric": [], "clusters": {}, "modularity": None, "stability": None, "positions": {},
           "comparison": [], "answers_used": 0, "answers_dropped": 0, "mean": None, "sd": None,
           "reliability": None, "response_by_group": _response_by_group(study)}
    if df.height == 0:
        out["error"] = "no_answers"
        return out
    try:
        idx = compute_index(df)
    except IntegrationComputeError as exc:
        out["error"], out["error_reason"] = str(exc), reason_data(exc.args[0])
        return out
    out.update(answers_used=idx.answers_used, answers_dropped=idx.answers_dropped,
               mean=_r(idx.mean), sd=_r(idx.sd))
    rel = reliability(df)
    out["reliability"] = {"answers": rel.answers, "alpha": _r(rel.alpha),
                          "item_total": {k: _r(v) for k, v in rel.item_total.items()}}
    cells = publish_cells(cell_matrix(idx, n_boot=N_BOOT, seed=study.seed), study.flag_above)
    out["cells"] = cells
    sym = symmetric_need(_published_cells_as_cells(cells))
    out["symmetric"] = [{"a": a, "b": b, "need": _r(v)} for (a, b), v in sym.items()]
    if len(sym) >= 2:
        nodes = sorted({v for pair in sym for v in pair}, key=node_sort_key)
        clus = cluster(sym, nodes, resolution=study.resolution, seed=study.seed,
                       stability_runs=STABILITY_RUNS)
        out.update(clusters=clus.membership, modularity=_r(clus.modularity), stability=_r(clus.stability))
        shown, rho = faithful_layout(sym, nodes, seed=study.seed)
        out["positions"] = {k: [_r(x), _r(y)] for k, (x, y) in shown.positions().items()}
        out["layout"] = {"method": shown.method, "spearman": _r(rho)}
    out["comparison"] = _comparison(idx, study.seed)
    return out


def _response_by_group(study: Study) -> list[dict]:
    """Started and submitted respondents per task group (counts only, no answers)."""
    rows = Respondent.objects.filter(study=study).values_list("group__code", "submitted_at")
    return [dict(r, completion=_r(r["completion"])) for r in
            response_rates([(code, submitted is not None) for code, submitted in rows])]


def _comparison(idx, seed: int) -> list[dict]:
    """Large cities vs the others per task group (the page's standing comparison)."""
    df = idx.answers
    if "size_group" not in df.columns or df.filter(pl.col("size_group") == LARGE).height == 0:
        return []
    return comparison_rows(idx, "size_group", LARGE, by="group", seed=seed)


COMPARE_ATTRIBUTES = ("size_group", "municipality")
COMPARE_BY = {"group": ("group",), "cell": ("group", "party"), "cluster": ("cluster",)}


def comparison_rows(idx, attribute: str, level: str, *, by: str = "group", seed: int = 1,
                    clusters: dict | None = None) -> list[dict]:
    """Respondents whose `attribute` is `level` against all the others, per task group, per
    cell or per cluster, with the difference and its respondent-level bootstrap interval; a
    row where either side has fewer than MIN_N respondents shows only that it is hidden."""
    df = idx.answers
    if by == "cluster":
        df = df.with_columns(pl.col("group").replace_strict(clusters or {}, default=None,
                                                            return_dtype=pl.String).alias("cluster"))
        df = df.filter(pl.col("cluster").is_not_null())
    out = []
    for c in compare_by(df, attribute, level, by=COMPARE_BY[by], n_boot=N_BOOT, seed=seed):
        key = {"group": c.group, "party": c.party}
        if by == "cluster":
            key = {"group": c.key[0], "party": None}
        if c.respondents_a < MIN_N or c.respondents_b < MIN_N:
            out.append(key | {"suppressed": True})
            continue
        out.append(key | {"suppressed": False, "respondents_a": c.respondents_a,
                          "respondents_b": c.respondents_b, "mean_a": _r(c.mean_a), "mean_b": _r(c.mean_b),
                          "diff": _r(c.diff), "ci_low": _r(c.ci_low), "ci_high": _r(c.ci_high)})
    return out


def comparison(study: Study, attribute: str, level: str, by: str = "group") -> list[dict]:
    """A comparison the user asks for on the analysis page (not cached: one bootstrap run)."""
    df = answers_frame(study)
    if df.height == 0 or attribute not in COMPARE_ATTRIBUTES or by not in COMPARE_BY:
        return []
    try:
        idx = compute_index(df)
    except IntegrationComputeError:
        return []
    clusters = {k: str(v) for k, v in (results(study).get("clusters") or {}).items()}
    return comparison_rows(idx, attribute, level, by=by, seed=study.seed, clusters=clusters)


def attribute_levels(study: Study) -> dict[str, list[str]]:
    """The values each comparable attribute takes among the submitted respondents."""
    rows = Respondent.objects.filter(study=study, submitted_at__isnull=False)
    return {a: sorted({v for v in rows.values_list(a, flat=True) if v}) for a in COMPARE_ATTRIBUTES}


# The results per data version (core.versioned): stored in the study row, which every process
# reads, so no memo of the process.
_RESULTS = VersionedCache()


def results(study: Study) -> dict:
    """Cached results of the current data version (computed on the first call after a change)."""
    cache = study.results_cache or {}
    current = cache.get("version") == study.data_version

    def compute() -> dict:
        data = compute_results(study)
        return data | ({"boundary": cache["boundary"]} if current and cache.get("boundary") else {})

    def save(data: dict) -> None:  # only for the version it was computed from
        Study.objects.filter(pk=study.pk, data_version=study.data_version).update(results_cache=data)
        study.results_cache = data

    return _RESULTS.get(study.pk, study.data_version, compute, save=save,
                        load=lambda: cache if current and "cells" in cache else None)


def bump(study: Study) -> None:
    """Answers, parties or settings changed: the cached results no longer hold."""
    Study.objects.filter(pk=study.pk).update(data_version=F("data_version") + 1, results_cache={})
    study.refresh_from_db(fields=["data_version", "results_cache"])


def boundary(study: Study, *, baseline=None, keep_together=(), max_size=None, unknown_pairs="ignore",
             with_sides=True) -> dict:
    """The boundary where it does the least damage, from the published symmetric needs.

    Pairs with no published need are unknown (compute.boundary: `unknown_pairs` says what they
    cost); the result lists them, says which of them the n < 5 rule hid, and which nodes the
    other treatments would move. The default settings' result (with bootstrap side shares) is
    cached with the results."""
    data = results(study)
    baseline = study.baseline if baseline is None else float(baseline)
    unknown_pairs = unknown_pairs or "ignore"
    key = [baseline, [list(g) for g in keep_together], max_size or {}, unknown_pairs]
    cached = data.get("boundary")
    if cached and cached.get("key") == key:
        return cached
    needs = _needs_from(data["symmetric"])
    if not needs:
        return {"key": key, "error": "no_needs"}
    fixed = study.fixed_table()
    try:
        res = optimise_boundary(needs, fixed, baseline=baseline, flag_above=study.flag_above,
                                keep_together=keep_together, max_size=max_size, seed=study.seed,
                                unknown=unknown_pairs)
    except IntegrationComputeError as exc:
        return {"key": key, "error": str(exc), "error_reason": reason_data(exc.args[0])}
    except KeyError as exc:  # a node the fixed table does not know: its code is the message
        return {"key": key, "error": str(exc)}
    out = {
        "key": key, "error": None, "baseline": baseline, "exact": res.exact, "method": res.method,
        "solver_status": res.solver_status, "assignment": res.assignment,
        "current_assignment": res.current_assignment,
        "damage": _r(res.damage), "cut": _r(res.cut), "cut_share": _r(res.cut_share),
        "current_damage": _r(res.current_damage), "current_cut": _r(res.current_cut),
        "current_cut_share": _r(res.current_cut_share), "flagged_pairs": res.flagged_pairs,
        "flagged_cut_share": _r(res.flagged_cut_share),
        "current_flagged_cut_share": _r(res.current_flagged_cut_share),
        "separated_current": [[a, b, _r(v)] for a, b, v in res.separated_current],
        "separated_optimal": [[a, b, _r(v)] for a, b, v in res.separated_optimal],
        "move_cost": {k: _r(v) for k, v in res.move_cost.items()}, "side_share": None,
    } | missing_data(res)
    hidden = {tuple(sorted((c["group"], c["party"]))) for c in data["cells"] if c["suppressed"]}
    out["unknown_pairs"] = [[a, b, "hidden" if (a, b) in hidden or (b, a) in hidden else "none"]
                            for a, b in out["unknown_pairs"]]
    is_default = (baseline == study.baseline and not keep_together and not max_size
                  and unknown_pairs == "ignore")
    if with_sides and is_default:
        out["side_share"] = _side_share(study, fixed, baseline)
        data["boundary"] = out
        Study.objects.filter(pk=study.pk, data_version=study.data_version).update(results_cache=data)
    return out


def _side_share(study, fixed, baseline):
    """Respondents resampled SIDE_BOOT times: how often each node lands on each side.

    Each draw uses the same n ≥ 5 rule as the published figures."""
    df = answers_frame(study)

    def draw(rng):
        ids = df["respondent_id"].unique().sort().to_numpy()
        pick = pl.DataFrame({"respondent_id": ids[rng.integers(0, len(ids), len(ids))]})
        sample = pick.join(df, on="respondent_id", how="left")
        cells = [c for c in cell_matrix(compute_index(sample), n_boot=0) if c.n >= MIN_N]
        return symmetric_need(cells)

    try:
        return bootstrap_sides(draw, fixed, n_boot=SIDE_BOOT, seed=study.seed, baseline=baseline,
                               flag_above=study.flag_above)
    except (IntegrationComputeError, KeyError):
        return None


def error_message(result: dict):
    """The "error" of results() or boundary() in the user's language (None when there is none).

    The codes "no_answers" and "no_needs" are returned as they are (the templates word them)."""
    error = result.get("error")
    data = result.get("error_reason")
    if not error or data is None:
        return error
    return message(from_data(data))


def labels(study: Study, lang: str) -> dict[str, str]:
    out = {}
    for p in study.parties.all():
        out[p.code] = getattr(p, f"label_{lang}", None) or p.label_fi or p.label
    return out


def ordered_nodes(study: Study) -> list[str]:
    return list(study.parties.order_by("order", "pk").values_list("code", flat=True))


__all__ = ["MIN_N", "answers_frame", "boundary", "bump", "error_message", "publish_cells", "results"]
