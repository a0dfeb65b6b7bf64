"""CLI commands over extraction alone (no data directory): extract, eval."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from letopis.cli.support import parse_date
from letopis.errors import UsageError


def register(main: click.Group) -> None:
    main.add_command(extract)
    main.add_command(evaluate_command)


@click.command()
@click.argument("source")
@click.option("--published", help="Publication date of the report (YYYY-MM-DD); default: the "
              "page's own date for HTML, else a date the report gives away (address, byline, a weekday "
              "with its date, the latest year named), else today. Where it came from is said on stderr.")
@click.option("--lang", type=click.Choice(["auto", "en", "uk", "ru"]), default="auto",
              show_default=True, help="Language of the report.")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table", "csv"]), default="jsonl",
              show_default=True, help="Output format.")
@click.option("--all-candidates", is_flag=True, help="Keep every record the rules find: the trained "
              "judge drops none (more found, more noise).")
def extract(source: str, published: str | None, lang: str, fmt: str, all_candidates: bool) -> None:
    """Print the incidents and statistics found in SOURCE (a file, or - for stdin)."""
    from letopis.extract.engine import Engine
    from letopis.publish import write_records
    from letopis.services.reading import read_report

    when = parse_date(published, "--published")
    report = read_report(source, published=when, language=None if lang == "auto" else lang)
    precision = " (year only)" if report.metadata.get("published_precision") == "year" else ""
    click.echo(f"publication date {report.published.isoformat()}{precision}, from "
               f"{report.metadata.get('published_from', 'the caller')}", err=True)
    write_records(Engine(judged=not all_candidates, warm=False).extract(report), sys.stdout, fmt)


@click.command("eval")
@click.argument("gold_dir", type=click.Path(path_type=Path), default=Path("gold"))
@click.option("--floors", type=click.Path(path_type=Path), help="JSON file of score floors; exit 1 "
              "when any overall score is below its floor.")
@click.option("--errors", "show_errors", is_flag=True, help="List every miss and mismatch.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--all-candidates", is_flag=True, help="Score the rules alone, without the trained judge.")
def evaluate_command(gold_dir: Path, floors: Path | None, show_errors: bool, as_json: bool,
                     all_candidates: bool) -> None:
    """Score extraction against an annotated set in GOLD_DIR (gold/, holdout/, or the real/ set)."""
    from letopis.evaluation import check_floors, evaluate, load_floors, load_gold
    from letopis.evaluation.real import is_real_set
    from letopis.extract.engine import Engine
    from letopis.model import Report

    if is_real_set(gold_dir):
        from letopis.evaluation.report import run_real_eval

        sys.exit(run_real_eval(gold_dir, floors, show_errors, as_json, judged=not all_candidates))
    try:
        reports = load_gold(gold_dir)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    engine = Engine(judged=not all_candidates)
    scores = evaluate(reports, lambda g: engine.extract(
        Report(text=g.text, published=g.published, language=None)))
    table = scores.as_dict()
    if as_json:
        click.echo(json.dumps(table, indent=2))
    else:
        _print_scores(table)
    if show_errors:
        for line in scores.errors:
            click.echo(line)
    if floors is not None:
        failures = check_floors(scores, load_floors(floors))
        for line in failures:
            click.echo(f"below floor: {line}", err=True)
        if failures:
            sys.exit(1)


def _print_scores(table: dict[str, dict[str, float]]) -> None:
    columns = ("recall", "precision", "date", "place", "type", "counts", "gold", "predicted", "matched")
    click.echo("lang  " + "  ".join(f"{c:>9}" for c in columns))
    for lang, row in table.items():
        cells = [f"{row[c]:>9.3f}" if isinstance(row[c], float) else f"{row[c]:>9}" for c in columns]
        click.echo(f"{lang:<5} " + "  ".join(cells))
