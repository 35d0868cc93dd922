"""Small answer files for import and suppression tests."""

import random

HEADER = "respondent_id,group,party,frequency,mutuality,need,municipality,size_group"


def long_rows(groups: dict[str, int], parties=("2.2", "2.12", "2.13"), seed=1, prefix="R"):
    """{group: respondents} → long-form CSV lines (no header); ratings vary so the index has spread."""
    rng = random.Random(seed)
    lines, k = [], 0
    for group, count in groups.items():
        for _i in range(count):
            k += 1
            size = "large" if k % 2 else "other"
            for party in parties:
                if party == group:
                    continue
                lines.append(f"{prefix}{k},{group},{party},{rng.randint(0, 4)},{rng.randint(0, 2)},"
                             f"{rng.randint(0, 4)},Kunta{k % 3},{size}")
    return lines


def long_csv(groups, **kwargs) -> bytes:
    return ("\n".join([HEADER, *long_rows(groups, **kwargs)]) + "\n").encode()
