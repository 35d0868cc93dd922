"""Pure-Python funding calculator (rahoituslaskuri): no Django imports.

Public API (all amounts unrounded ``Decimal`` euros; round only for display):

- parameters: ``load_parameter_set``, ``available_parameter_sets``,
  ``parameter_set_from_dict``, ``validate``, ``ParameterSet``
- counties: ``compute_county_funding``, ``CountyInput``, ``CountyFundingResult``
- municipalities: ``compute_municipal_transfer``, ``MunicipalityInput``,
  ``MunicipalFundingResult``
- scenarios: ``move_share``, ``set_share``, ``with_changes``, ``compare_counties``,
  ``compare_municipalities``, ``run_county_scenario``
- national level: ``national_funding``; demo data: ``demo_inputs`` module
- errors: ``FundingInputError`` (message = exact reason)
"""

from .county import (
    CountyFundingResult,
    CountyInput,
    CountyResult,
    CriterionAmount,
    compute_county_funding,
)
from .errors import FundingInputError
from .growth import NationalLevel, funding_level, national_funding
from .municipal import (
    DistributionStats,
    MunicipalFundingResult,
    MunicipalityInput,
    MunicipalityResult,
    compute_municipal_transfer,
)
from .parameters import (
    UNIT_RULES,
    Criterion,
    Group,
    MunicipalParameters,
    ParameterSet,
    TransitionStep,
    available_parameter_sets,
    load_parameter_set,
    parameter_set_from_dict,
    validate,
)
from .scenario import (
    Difference,
    compare_counties,
    compare_municipalities,
    move_share,
    run_county_scenario,
    set_share,
    with_changes,
)

__all__ = [
    "UNIT_RULES", "CountyFundingResult", "CountyInput", "CountyResult", "Criterion",
    "CriterionAmount", "Difference", "DistributionStats", "FundingInputError", "Group",
    "MunicipalFundingResult", "MunicipalParameters", "MunicipalityInput", "MunicipalityResult",
    "NationalLevel", "ParameterSet", "TransitionStep", "available_parameter_sets", "compare_counties",
    "compare_municipalities", "compute_county_funding", "compute_municipal_transfer", "funding_level",
    "load_parameter_set", "move_share", "national_funding", "parameter_set_from_dict",
    "run_county_scenario", "set_share", "validate", "with_changes",
]
