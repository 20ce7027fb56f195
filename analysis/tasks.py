"""Background work for analysis. Tasks take ids and run after the request that queued them."""

from django_tasks import task


@task()
def theme_run_execute_task(run_id: int) -> int:
    """Theme a stored run's answers; progress is written to the run as it goes."""
    from analysis import services

    return services.theme_run_execute(run_id=run_id).answer_count


@task()
def answers_import_task(import_id: int) -> int:
    """Import a kept upload's rows; progress is written to the import as it goes."""
    from analysis import services

    return services.answers_import_execute(import_id=import_id).row_count
