"""Filters of the endpoints that have no list page of their own. The projects and the
contract changes take their list pages' own FilterSets (projects.filters.ProjectFilter,
contracts.filters.ChangeFilter). Those below declare their filters without a model, so
they apply to a history read as at a day as well as to today's records."""

import django_filters


class ProgrammeFilter(django_filters.FilterSet):
    strategy = django_filters.NumberFilter(field_name="strategy_id")


class ProjectPartFilter(django_filters.FilterSet):
    """Milestones, status updates: by project, programme or strategy."""

    project = django_filters.NumberFilter(field_name="project_id")
    programme = django_filters.NumberFilter(field_name="project__programme_id")
    strategy = django_filters.NumberFilter(field_name="project__programme__strategy_id")


class RaidFilter(django_filters.FilterSet):
    """Risks and issues, by where they are held (a project, programme or strategy's own)."""

    project = django_filters.NumberFilter(field_name="project_id")
    programme = django_filters.NumberFilter(field_name="programme_id")
    strategy = django_filters.NumberFilter(field_name="strategy_id")
    status = django_filters.CharFilter(field_name="status")


class KpiFilter(django_filters.FilterSet):
    strategy = django_filters.NumberFilter(field_name="strategy_id")
    programme = django_filters.NumberFilter(field_name="programme_id")


class KpiActualFilter(django_filters.FilterSet):
    kpi = django_filters.NumberFilter(field_name="kpi_id")
    strategy = django_filters.NumberFilter(field_name="kpi__strategy_id")
