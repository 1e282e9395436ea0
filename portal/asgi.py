import os

from django.core.asgi import get_asgi_application

from core.memory import freeze_loaded_objects

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
application = get_asgi_application()
freeze_loaded_objects()
