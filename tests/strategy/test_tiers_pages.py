"""The support tiers' pages: each view's owner can, a reader cannot write (403), an
outsider gets 404; and what the pages say."""

from __future__ import annotations

import pytest
from django.test import override_settings
from django.urls import reverse

from districtwise.strategy.models import PlacementRun, TierOverride, TierRuleSet
from districtwise.strategy.services import tiers as services
from tests.strategy.tiers_data import RULES, store_tier_audit


@pytest.fixture(autouse=True)
def data_dir(tmp_path):
    with override_settings(DATA_DIR=tmp_path / "var"):
        yield


@pytest.fixture
def placed(cast):
    services.tier_rules_update(actor=cast["superintendent"], district=cast.district, **RULES)
    store_tier_audit(cast)
    return services.tier_placements_refresh(district=cast.district)


def rules_form(rules=RULES) -> dict[str, str]:
    data = {"assessment": rules["assessment"]}
    for row in rules["indicators"]:
        key = row["indicator"]
        for name in ("weight", "direction", "scaling", "floor", "ceiling"):
            data[f"{name}-{key}"] = row[name]
    for row in rules["tiers"]:
        for name in ("name", "score_from", "score_to", "supports"):
            data[f"tier-{row['level']}-{name}"] = row[name]
    return data


# ---------------------------------------------------------------- overview


def test_the_overview_shows_schools_by_tier_with_a_chart_and_its_table(client_as, placed):
    page = client_as("superintendent").get(reverse("strategy:tiers")).content.decode()
    assert "Tier 3: Intensive" in page and "North One Elementary" in page
    assert '<svg role="img"' in page and "Schools per tier" in page
    assert "Show as a table" in page
    assert "A full-time coach" in page  # what tier 3 is offered


def test_a_network_lead_sees_only_the_networks_schools(client_as, placed):
    page = client_as("north_lead").get(reverse("strategy:tiers")).content.decode()
    assert "North One Elementary" in page and "North Two Middle" in page
    assert "South One High" not in page


def test_the_overview_is_absent_for_those_outside_the_plan(client_as, placed):
    assert client_as("partner").get(reverse("strategy:tiers")).status_code == 404


# ---------------------------------------------------------------- refresh


def test_the_cabinet_places_the_schools_again(client_as, cast, placed):
    response = client_as("sysadmin").post(reverse("strategy:tiers_refresh"))
    assert response.status_code == 302
    # Same audit, same rules: the placement already made stands.
    assert PlacementRun.objects.filter(district=cast.district).count() == 1


def test_a_reader_may_not_ask_for_a_placement(client_as, cast, placed):
    assert client_as("north_lead").post(reverse("strategy:tiers_refresh")).status_code == 403


def test_an_outsider_cannot_ask_for_a_placement(client_as, placed):
    assert client_as("family").post(reverse("strategy:tiers_refresh")).status_code == 404


# ---------------------------------------------------------------- a school


def test_a_principal_reads_their_schools_placement_explained(client_as, cast, placed):
    url = reverse("strategy:tier_school", args=[cast.north_1.pk])
    page = client_as("principal_north_1").get(url).content.decode()
    assert "Tier 3: Intensive" in page
    assert "Staff turnover" in page and "no staff.csv was imported" in page
    assert "multiplied by 100 / 80" in page
    assert "40.0 %" in page  # the chronic absence rate
    assert "Place in another tier" not in page  # only the superintendent overrides


def test_a_school_outside_ones_reach_is_not_found(client_as, cast, placed):
    url = reverse("strategy:tier_school", args=[cast.south_1.pk])
    assert client_as("principal_north_1").get(url).status_code == 404
    other = reverse("strategy:tier_school", args=[cast.other_school.pk])
    assert client_as("superintendent").get(other).status_code == 404


# ---------------------------------------------------------------- rules


def test_the_cabinet_saves_rules_from_the_editor(client_as, cast):
    response = client_as("superintendent").post(reverse("strategy:tier_rules"), rules_form())
    assert response.status_code == 302
    rule_set = TierRuleSet.objects.get(district=cast.district)
    assert [t.name for t in rule_set.tiers.all()] == ["Universal", "Targeted", "Intensive"]


def test_bad_rules_are_shown_with_what_is_wrong_and_nothing_is_saved(client_as, cast):
    data = rules_form() | {"weight-chronic_absence": "45", "tier-2-score_from": "30"}
    response = client_as("superintendent").post(reverse("strategy:tier_rules"), data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "Nothing was saved" in page
    assert "The weights add up to 105 %; they must add up to exactly 100 %." in page
    assert "overlap: both cover the scores from 30 to 40." in page
    assert 'value="45"' in page  # what was typed is kept
    assert not TierRuleSet.objects.exists()


def test_a_reader_sees_the_rules_but_may_not_change_them(client_as, cast, placed):
    client = client_as("principal_north_1")
    page = client.get(reverse("strategy:tier_rules")).content.decode()
    assert "Chronic absence rate" in page and "<form" not in page.split("<main")[-1]
    assert client.post(reverse("strategy:tier_rules"), rules_form()).status_code == 403


def test_the_rules_are_absent_for_an_outsider(client_as):
    assert client_as("partner").get(reverse("strategy:tier_rules")).status_code == 404
    assert client_as("family").post(reverse("strategy:tier_rules"), rules_form()).status_code == 404


# ---------------------------------------------------------------- override


def override_url(school) -> str:
    return reverse("strategy:tier_override", args=[school.pk])


def test_the_superintendent_overrides_with_a_reason_and_removes_it(client_as, cast, placed):
    client = client_as("superintendent")
    data = {"tier": "2", "reason": "Stable new leadership"}
    assert client.post(override_url(cast.north_1), data).status_code == 302
    page = client.get(reverse("strategy:tier_school", args=[cast.north_1.pk])).content.decode()
    assert "Tier 3, need score 100.00" in page  # the computed tier, next to …
    assert "Stable new leadership" in page  # … the decision
    assert client.post(override_url(cast.north_1), {"remove": "1"}).status_code == 302
    assert not TierOverride.objects.exists()


def test_an_override_without_a_reason_is_refused(client_as, cast, placed):
    response = client_as("superintendent").post(override_url(cast.north_1), {"tier": "2"})
    assert response.status_code == 400
    assert "Give the reason" in response.content.decode()
    assert not TierOverride.objects.exists()


def test_a_reader_of_the_school_may_not_override(client_as, cast, placed):
    data = {"tier": "1", "reason": "Mine"}
    for person in ("principal_north_1", "north_lead", "sysadmin"):
        assert client_as(person).post(override_url(cast.north_1), data).status_code == 403
    assert not TierOverride.objects.exists()


def test_an_outsider_cannot_override(client_as, cast, placed):
    data = {"tier": "1", "reason": "Theirs"}
    assert client_as("principal_south_1").post(override_url(cast.north_1), data).status_code == 404
    assert client_as("outsider").post(override_url(cast.north_1), data).status_code == 404
    assert not TierOverride.objects.exists()
