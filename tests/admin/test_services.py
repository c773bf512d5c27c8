"""Unit tests of the group onboarding verbs: the transition table, legal forms, regions, activity records."""
import itertools

import pytest
from sqlalchemy import select

from shop.activity.models import ActivityLog
from shop.errors import DomainError, InvalidTransition
from shop.extensions import db
from shop.groups import regions, services
from shop.groups.models import GROUP_STATUSES, LEGAL_FORMS


@pytest.mark.parametrize("old, new", list(itertools.product(GROUP_STATUSES, GROUP_STATUSES)))
def test_change_status_follows_exactly_the_transition_table(app, make_group, old, new):
    group = make_group(status=old)
    if new in services.GROUP_TRANSITIONS[old]:
        services.change_status(group, new)
        assert group.status == new
        assert db.session.scalar(select(ActivityLog.detail)) == f"{old} -> {new}"
    else:
        with pytest.raises(InvalidTransition):
            services.change_status(group, new)
        assert group.status == old
        assert db.session.scalar(select(ActivityLog.id)) is None


def test_the_transition_table():
    assert {"pending": {"active"}, "active": {"suspended"}, "suspended": {"active"}} == services.GROUP_TRANSITIONS


def test_create_group_is_pending_with_unique_slug_and_recorded(app, make_region):
    region = make_region()
    data = services.GroupData(name="  Batik Mekar ", region_id=region.id, crafts=["batik_cap", "batik_cap"],
                              legal_form="pra_koperasi")
    first = services.create_group(data)
    second = services.create_group(data)
    assert (first.name, first.status, first.crafts, first.legal_form) == ("Batik Mekar", "pending", "batik_cap",
                                                                          "pra_koperasi")
    assert (first.slug, second.slug) == ("batik-mekar", "batik-mekar-2")
    assert [a for a in db.session.scalars(select(ActivityLog.action))] == ["group.created"] * 2


@pytest.mark.parametrize("changes", [{"name": " "}, {"crafts": []}, {"crafts": ["sulap"]}, {"region_id": 0},
                                     {"legal_form": "pt"}])
def test_create_group_refuses_bad_data(app, make_region, changes):
    data = dict(name="Batik", region_id=make_region().id, crafts=["batik_tulis"], legal_form="kelompok")
    data.update(changes)
    with pytest.raises(DomainError):
        services.create_group(services.GroupData(**data))


def test_legal_forms_cover_the_path_to_a_cooperative(app, make_group):
    group = make_group(legal_form="kelompok")
    for form in LEGAL_FORMS[1:]:
        services.set_legal_form(group, form)
    assert group.legal_form == "koperasi"
    with pytest.raises(DomainError):
        services.set_legal_form(group, "koperasi")
    with pytest.raises(DomainError):
        services.set_legal_form(group, "cv")


def test_update_group_keeps_slug_status_and_legal_form(app, make_group, make_region):
    group = make_group(status="suspended", legal_form="kube")
    slug = group.slug
    other = make_region()
    services.update_group(group, services.GroupData(name="Nama Baru", region_id=other.id, crafts=["lukis"],
                                                    legal_form="koperasi"))
    assert (group.name, group.slug, group.status, group.legal_form, group.region_id, group.crafts) == (
        "Nama Baru", slug, "suspended", "kube", other.id, "lukis")


def test_regions_are_unique_per_province_name_and_kind(app):
    region = regions.create_region("Jawa Timur", "Malang", "kota")
    regions.create_region("Jawa Timur", "Malang", "kabupaten")  # Kota and Kabupaten Malang both exist
    assert region.slug == "kota-malang"
    with pytest.raises(DomainError):
        regions.create_region("jawa timur", " malang ", "kota")
    with pytest.raises(DomainError):
        regions.create_region("Jawa Timur", "Batu", "desa")
    regions.update_region(region, "Jawa Timur", "Malang", "kota")  # saving itself unchanged is fine


@pytest.mark.parametrize("bank", [{"bank_name": "BRI"}, {"bank_name": "BRI", "bank_account_number": "123456"},
                                  {"bank_account_name": "Kelompok"}])
def test_bank_details_are_whole_or_absent(app, make_region, bank):
    data = services.GroupData(name="Batik", region_id=make_region().id, crafts=["batik_tulis"], **bank)
    with pytest.raises(DomainError, match="rekening"):
        services.create_group(data)
    with pytest.raises(DomainError, match="rekening"):
        services.update_profile(services.create_group(services.GroupData(
            name="Batik Lain", region_id=data.region_id, crafts=["batik_tulis"])), bank)
