import gc
import importlib
import sys


def test_the_wsgi_entry_point_freezes_what_it_loaded_out_of_the_collectors_walks():
    sys.modules.pop("portal.wsgi", None)
    try:
        wsgi = importlib.import_module("portal.wsgi")
        assert callable(wsgi.application)
        # Django, the apps and the URLconf: far more than a bare interpreter's objects.
        assert gc.get_freeze_count() > 50_000
        assert "dashboards.views" in sys.modules and "contracts.views" in sys.modules
    finally:
        gc.unfreeze()
    assert gc.get_freeze_count() == 0
