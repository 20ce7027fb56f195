"""A theme run records the code that made it: the pipeline's own files, its data and the
versions of the libraries it uses, so a changed pipeline never passes for the old one."""

import re

from analysis import services
from analysis.services.theme_runs import pipeline_digest

FILES = ("pipeline.py", "concerns/*.py", "data/*")


def tree(root, **files):
    for name, text in files.items():
        path = root / name.replace("__", "/")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


def test_the_same_files_give_the_same_digest(tmp_path):
    first = tree(tmp_path / "a", **{"pipeline.py": "x = 1", "data__names.txt": "Sam"})
    second = tree(tmp_path / "b", **{"pipeline.py": "x = 1", "data__names.txt": "Sam"})
    assert pipeline_digest(first, FILES, ()) == pipeline_digest(second, FILES, ())


def test_a_changed_pipeline_file_or_data_file_changes_the_digest(tmp_path):
    root = tree(tmp_path, **{"pipeline.py": "x = 1", "data__names.txt": "Sam"})
    before = pipeline_digest(root, FILES, ())
    tree(root, **{"data__names.txt": "Sam\nAli"})
    after_data = pipeline_digest(root, FILES, ())
    tree(root, **{"concerns__rules.py": "WORDS = []"})
    after_new_file = pipeline_digest(root, FILES, ())
    assert len({before, after_data, after_new_file}) == 3


def test_files_outside_the_pipeline_do_not_change_it(tmp_path):
    root = tree(tmp_path, **{"pipeline.py": "x = 1"})
    before = pipeline_digest(root, FILES, ())
    tree(root, **{"views.py": "def page(): ...", "concerns__notes.txt": "later"})
    assert pipeline_digest(root, FILES, ()) == before


def test_the_librarys_version_is_part_of_it(tmp_path):
    root = tree(tmp_path, **{"pipeline.py": "x = 1"})
    assert pipeline_digest(root, FILES, ()) != pipeline_digest(root, FILES, ("numpy",))


def test_a_run_records_the_version_with_the_digest(demo_link, analyst):
    assert re.fullmatch(r"analysis-\d+\+[0-9a-f]{8}", services.CODE_VERSION)
    run = services.theme_run_start(
        version=demo_link.version, filters={}, n_themes=None, by=analyst, queue=False
    )
    assert run.code_version == services.CODE_VERSION
