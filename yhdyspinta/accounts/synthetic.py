"""The accounts' part of the synthetic national data set: users with memberships (`generate_national`)."""

from django.contrib.auth.hashers import make_password

from yhdyspinta.core.synthetic import PASSWORD, Part, insert, n

from .models import Membership, Role, User

USER_PREFIX = "national-"


def generate_users(ctx):
    count = n(20000, ctx.scale, 50)
    password = make_password(PASSWORD)
    orgs = ctx.regions
    weights = [max(o.population or 1000, 1000) for o in orgs]
    roles = [Role.VIEWER] * 14 + [Role.EDITOR] * 4 + [Role.ORG_ADMIN]
    users = insert(User, (
        {"username": f"{USER_PREFIX}{i:05d}", "password": password, "first_name": "Testi",
         "last_name": f"Käyttäjä {i}", "email": f"user{i}@example.fi",
         "is_national_reader": i % 1000 == 999}
        for i in range(count)
    ))
    memberships = []
    for i, user in enumerate(users):
        if user.is_national_reader:
            continue
        org = ctx.rng.choices(orgs, weights)[0]
        role = Role.COUNTY_COORDINATOR if i % 200 == 7 and org.organises_sote else ctx.rng.choice(roles)
        memberships.append({"user": user, "organisation": org, "role": role})
    insert(Membership, memberships)
    ctx.users = users
    return {"users": len(users), "memberships": len(memberships)}


def generated_users_exist() -> bool:
    return User.objects.filter(username__startswith=USER_PREFIX).exists()


PARTS = [Part("users", 10, generate_users, exists=generated_users_exist)]
