"""``letopis eval`` on the real-report set: run the engine, print per-language and per-report scores."""

from __future__ import annotations

import json
from pathlib import Path

import click

from letopis.evaluation.real import (
    REAL_METRICS, RealReport, check_real_floors, evaluate_real, load_real, table,
)


def run_real_eval(directory: Path, floors: Path | None, show_errors: bool, as_json: bool,
                  judged: bool = True) -> int:
    """Score the engine on every cached report of the real set; the exit status for the CLI."""
    from letopis.extract.engine import Engine
    from letopis.model import Report

    real = load_real(directory)
    engine = Engine(judged=judged)

    def run(r: RealReport):  # type: ignore[no-untyped-def]
        return engine.extract(Report(text=r.text, published=r.published, language=None))

    scores = evaluate_real(real.reports, run)
    result = table(scores)
    if as_json:
        click.echo(json.dumps({"scores": result, "missing": real.missing,
                               "reports": [{"name": s.name, "gold": s.gold, "predicted": s.predicted,
                                            "matched": s.matched, "fragments": s.fragments,
                                            "spurious": s.spurious} for s in scores]},
                              indent=2, ensure_ascii=False))
    else:
        columns = ("reports", "in_scope") + REAL_METRICS
        click.echo("lang " + " ".join(f"{c[:9]:>9}" for c in columns))
        for lang, row in result.items():
            cells = [f"{row[c]:>9.3f}" if isinstance(row[c], float) else f"{str(row[c]):>9}" for c in columns]
            click.echo(f"{lang:<4} " + " ".join(cells))
        if show_errors:
            for s in scores:
                if s.errors:
                    click.echo(f"{s.name} (gold {s.gold}, predicted {s.predicted}, matched {s.matched})")
                    for line in s.errors:
                        click.echo(f"    {line}")
        if real.missing:
            click.echo(f"{len(real.missing)} reports have no cached text (not scored):", err=True)
            for line in real.missing:
                click.echo(f"  missing: {line}", err=True)
    if floors is not None:
        failures = check_real_floors(result, json.loads(floors.read_text(encoding="utf-8")))
        for line in failures:
            click.echo(f"below floor: {line}", err=True)
        if failures:
            return 1
    return 0
