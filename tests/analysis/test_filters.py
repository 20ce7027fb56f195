"""Which answers a theme run takes: narrowed by cohort on every database, SQLite included."""

import pytest

from analysis import services
from surveys.demo_answers import load_demo_answers
from surveys.models import CollectionLink

pytestmark = pytest.mark.django_db


def test_a_cohort_filter_takes_only_answers_from_links_with_that_tag(demo_link):
    load_demo_answers(demo_link, count=120)
    tagged = CollectionLink.objects.filter(pk=demo_link.pk).get().cohort_tags
    assert tagged == ["youth club"]
    everything = services.answers_for(version=demo_link.version, filters={})
    youth_club = services.answers_for(version=demo_link.version, filters={"cohort": "youth club"})
    assert 0 < youth_club.count() < everything.count()
    assert set(youth_club.values_list("response__link", flat=True)) == {demo_link.pk}
    assert not services.answers_for(
        version=demo_link.version, filters={"cohort": "nobody"}
    ).exists()
