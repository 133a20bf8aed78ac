"""The organizations the benchmarks run against: seeds generated for a number N of users to grant."""

from jama_sim.generate import generate_seed  # on sys.path through the package (__init__.py)

# The simulator's generator creates this admin client; the benchmark seeds use the same one.
CLIENT_ID, CLIENT_SECRET = "admin-client", "admin-secret-0f8e2c"
ACCESS_GROUP = "REST API Users"
OTHER_GROUPS = 4


def org_seed(n):
    """An organization of 2n+1 users: admin, then pairs (a bystander, a user to grant), all Named Creators.

    Interleaving puts users to grant on every page, so resolving them means reading every page.
    Fixed-width names keep Jama's substring username filter from matching more than one user.
    """
    users = [admin()]
    for index in range(1, 2 * n + 1):
        name = "user%05d" % index
        users.append({"username": name, "firstName": "User", "lastName": "%05d" % index, "email": name + "@example.com"})
    bystanders = [user["username"] for user in users[1::2]]
    groups = [{"name": ACCESS_GROUP, "description": "Users allowed to use the REST API", "members": []}]
    for team in range(1, OTHER_GROUPS + 1):
        groups.append({"name": "Team %d" % team, "members": bystanders[team - 1::OTHER_GROUPS][:20]})
    return organization(users, groups)


def _instance():
    return generate_seed(users=2, groups=1)


def admin():
    """The generator's admin, whose API client (CLIENT_ID) the benchmarks use."""
    return next(user for user in _instance()["users"] if user["username"] == "admin")


def organization(users, groups):
    """A seed of these users (admin() among them) and groups (ACCESS_GROUP among them) on the generator's instance:
    its admin's API client, and REST API access restricted to the admin and ACCESS_GROUP, as an admin sets it
    once in Jama's UI."""
    instance = _instance()
    clients = [client for client in instance["clients"] if client["client_id"] == CLIENT_ID]
    return dict(instance, users=users, groups=groups, clients=clients)


def grantees(n):
    """The N users to grant: every second user after the admin."""
    return ["user%05d" % index for index in range(2, 2 * n + 1, 2)]


def users_on_instance(n):
    return 2 * n + 1


def scale_seed(users, groups, members):
    """An organization of ``users`` (admin included), ``groups`` (the access group included) and an access group
    whose ``members`` are the first users after the admin; the users to grant are the last ones (scale_grantees)."""
    people = [{"username": "admin", "password": "admin-password", "firstName": "Ada", "lastName": "Admin",
               "email": "ada.admin@example.com", "admin": True}]
    for index in range(1, users):
        name = "user%05d" % index
        people.append({"username": name, "firstName": "User", "lastName": "%05d" % index, "email": name + "@example.com"})
    teams = [{"name": "Team %03d" % team, "members": []} for team in range(1, groups)]
    access = {"name": ACCESS_GROUP, "description": "Users allowed to use the REST API",
              "members": [person["username"] for person in people[1:members + 1]]}
    return organization(people, [access] + teams)


def scale_members(members):
    return ["user%05d" % index for index in range(1, members + 1)]


def scale_grantees(users, count):
    """``count`` users who are not members: the last ones of the organization, far past the first page."""
    return ["user%05d" % index for index in range(users - count, users)]
