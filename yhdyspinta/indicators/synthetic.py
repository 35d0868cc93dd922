"""The indicators' part of the synthetic national data set: indicators with a value for every
region and year (`generate_national`)."""

from yhdyspinta.core.synthetic import Part, insert, n, stream

from .models import Indicator, IndicatorValue


def generate(ctx):
    rng = ctx.rng
    indicators = insert(Indicator, (
        {"source": "own", "source_id": f"gen-{i}", "title": f"Indikaattori {i}", "unit": "%",
         "first_year": 2000, "last_year": 2029}
        for i in range(n(500, ctx.scale, 2))
    ))
    regions = ctx.regions
    values = stream(IndicatorValue, (
        {"indicator_id": ind.pk, "region_id": r.pk, "year": year, "sex": "total",
         "value": round(rng.uniform(0, 100), 1)}
        for ind in indicators for r in regions for year in range(2000, 2030)
    ), batch=5000)
    return {"indicators": len(indicators), "indicator values": values}


PARTS = [Part("indicators", 50, generate)]
