from django.urls import path

from .views import account, council_account, lost_device
from .views import second_factor as two_step

app_name = "identity"
urlpatterns = [
    path("", account.account_page, name="account"),
    # Signed in with the council's account, with no role yet (identity/middleware.py).
    path("waiting/", council_account.waiting_page, name="waiting"),
    # Two-step verification (identity/second_factor.py).
    path("two-step/code/", two_step.code_page, name="two_step_code"),
    path("two-step/set-up/", two_step.setup_page, name="two_step_setup"),
    path("two-step/set-up/password/", two_step.password_page, name="two_step_password"),
    path("two-step/recovery-codes/", two_step.recovery_codes_page, name="two_step_recovery_codes"),
    path("two-step/recovery-codes/new/", two_step.new_recovery_codes, name="two_step_new_codes"),
    path("two-step/turn-off/", two_step.turn_off, name="two_step_turn_off"),
    path("two-step/people/", lost_device.people_page, name="two_step_people"),
    path("two-step/people/<int:pk>/", lost_device.person_page, name="two_step_person"),
    path("two-step/people/<int:pk>/reset/", lost_device.reset, name="two_step_reset"),
]
