"""Demo: the demo users get e-mail addresses (in the never-delivered .invalid domain), so opening a
mapping round in `make demo` prints its invitations on the console (DEBUG's e-mail backend)."""

from yhdyspinta.accounts.models import User

DEMO_DOMAIN = "demo.yhdyspinta.invalid"


def load(stdout):
    users = User.objects.filter(email="", username__in=[
        "admin", "koordinaattori", "tampere-editori", "tampere-katselija", "nokia-admin", "oulu-editori",
        "ministerio"])
    for user in users:
        user.email = f"{user.username}@{DEMO_DOMAIN}"
        user.save(update_fields=["email"])
    User.objects.filter(username="nokia-admin", language="fi").update(language="sv")  # e-mails in Swedish
