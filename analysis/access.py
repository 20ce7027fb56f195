"""Who may see analysis: analysts (and administrators). The only place that decides it."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from analysis.models import AnswerImport, Code, ThemeRun
from surveys.access import Role, has_role


def runs_for(user):
    if not has_role(user, Role.ANALYST):
        raise PermissionDenied
    return ThemeRun.objects.select_related("version__survey", "created_by").prefetch_related(
        "also_versions"
    )


def run_for(user, pk: int) -> ThemeRun:
    return get_object_or_404(runs_for(user), pk=pk)


def imports_for(user):
    if not has_role(user, Role.ANALYST):
        raise PermissionDenied
    return AnswerImport.objects.defer("upload").select_related("version__survey", "imported_by")


def import_for(user, pk: int) -> AnswerImport:
    return get_object_or_404(imports_for(user), pk=pk)


def codes_for(user):
    """The codebook, in use and retired: analysts keep it."""
    if not has_role(user, Role.ANALYST):
        raise PermissionDenied
    return Code.objects.all()


def code_for(user, pk: int) -> Code:
    return get_object_or_404(codes_for(user), pk=pk)
