"""A contract change's audit trail, read from django-simple-history as the
project page reads a project's (`projects.audit`)."""

from programmes.models import Organisation
from projects.audit import LIMIT, audit_entries, history_records

from .models import Apportionment, ChangeProgress, ContractChange


def change_history(change, *, limit=LIMIT):
    records_by_model = {
        ContractChange: history_records(ContractChange, limit=limit, id=change.pk),
        Apportionment: history_records(Apportionment, limit=limit, change_id=change.pk),
        ChangeProgress: history_records(ChangeProgress, limit=limit, change_id=change.pk),
    }
    councils = Organisation.objects.in_bulk(
        {record.council_id for record in records_by_model[Apportionment]}
    )

    def subject(model, record):
        if model is ContractChange:
            return "the change"
        if model is Apportionment:
            council = councils.get(record.council_id)
            return f"the share of {council.name if council else 'a removed council'}"
        return f"the progress entry of {record.reported_on:%d/%m/%Y}"

    return audit_entries(records_by_model, limit=limit, subject=subject)
