"""Writes that span models: theme runs, hand coding, actions, answer imports. The text work
itself is in the pure modules beside this package (pipeline, themes, coding, sentiment, redact,
concerns)."""

from analysis.services.actions import action_save, public_actions
from analysis.services.answer_imports import (
    answers_import_execute,
    answers_import_restart,
    answers_import_start,
)
from analysis.services.claims import CannotRestart, WorkTakenBack
from analysis.services.hand_coding import hand_code
from analysis.services.run_results import (
    latest_finished_run,
    report_for_run,
    run_code_crosstabs,
    run_code_table,
    run_findings,
    run_priority_findings,
    run_source_names,
    run_theme_sizes,
)
from analysis.services.theme_runs import (
    CODE_VERSION,
    PIPELINE_STEPS,
    RESULTS_BATCH,
    answers_for,
    links_tagged,
    run_answers,
    theme_run_execute,
    theme_run_restart,
    theme_run_start,
    versions_with_free_text,
)

__all__ = [
    "CODE_VERSION",
    "PIPELINE_STEPS",
    "RESULTS_BATCH",
    "CannotRestart",
    "WorkTakenBack",
    "action_save",
    "answers_for",
    "answers_import_execute",
    "answers_import_restart",
    "answers_import_start",
    "hand_code",
    "latest_finished_run",
    "links_tagged",
    "public_actions",
    "report_for_run",
    "run_answers",
    "run_code_crosstabs",
    "run_code_table",
    "run_findings",
    "run_priority_findings",
    "run_source_names",
    "run_theme_sizes",
    "theme_run_execute",
    "theme_run_restart",
    "theme_run_start",
    "versions_with_free_text",
]
