from django.apps import apps


def english_field_names(app_label):
    """Fields of the app's models still named by Django's default (the field name with spaces): English to staff."""
    return [
        f"{model.__name__}.{field.name}"
        for model in apps.get_app_config(app_label).get_models()
        if not model.__name__.startswith("Historical")
        for field in model._meta.get_fields()
        if hasattr(field, "verbose_name") and not field.auto_created
        if str(field.verbose_name) == field.name.replace("_", " ")
    ]


def test_models_name_every_shown_field_in_vietnamese():
    # name_sort and name_search are hidden sort and search keys, never shown.
    assert english_field_names("units") == [
        "Unit.name_sort", "Unit.name_search", "Cluster.name_sort", "Cluster.name_search", "User.name_sort",
        "User.name_search",
    ]


def test_membership_role_is_named_after_the_cluster_kind(db):
    from portal.tests.factories import ClusterFactory, MembershipFactory

    cum, khoi = ClusterFactory(kind="cum"), ClusterFactory(kind="khoi")
    labels = [
        MembershipFactory(cluster=cluster, role=role).role_label
        for cluster in (cum, khoi)
        for role in ("leader", "deputy", "member")
    ]
    assert labels == ["Cụm trưởng", "Cụm phó", "Thành viên", "Khối trưởng", "Khối phó", "Thành viên"]
