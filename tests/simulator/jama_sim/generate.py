"""Generate a large, realistic seed (JSON) for benchmarks: python -m jama_sim.generate --users 10000 --out FILE.

The demo's admin and svc-ci accounts, their API clients and the "REST API Users" group are always
present, so benchmarks use the same credentials as the demo.
"""

import argparse
import json
import os
import random
import sys

FIRST_NAMES = (
    "Ada", "Ahmed", "Aisha", "Alejandro", "Amara", "Anna", "Ben", "Carlos", "Chen", "Chloe", "David", "Elena", "Emma",
    "Fatima", "Grace", "Hannah", "Hiroshi", "Isabel", "Ivan", "Jane", "John", "Julia", "Kai", "Kenji", "Lars", "Li",
    "Lucas", "Maria", "Mohammed", "Nina", "Noah", "Olga", "Omar", "Pedro", "Priya", "Ravi", "Samuel", "Sofia", "Tom",
    "Victor", "Wei", "Yara", "Zoe",
)
LAST_NAMES = (
    "Alves", "Becker", "Bello", "Carter", "Cohen", "Doe", "Dubois", "Farouk", "Garcia", "Hassan", "Ivanova", "Jing",
    "Johnson", "Khan", "Kim", "Larsen", "Martin", "Moreno", "Muller", "Nielsen", "Novak", "Okafor", "Osei", "Patel",
    "Popescu", "Rossi", "Schmidt", "Sharma", "Silva", "Smith", "Tanaka", "Taylor", "Wei", "Williams", "Yilmaz",
)
DEPARTMENTS = ("Engineering", "Quality", "Data", "Product", "Regulatory", "Operations", "Contractors", "Safety")
# (licenseType, weight): mostly Named Creators, as in a real organization.
LICENSES = (("NAMED", 80), ("FLOATING", 12), ("STAKEHOLDER", 5), ("FLOATING_REVIEWER", 3))
INACTIVE_SHARE = 0.03
MAX_GROUP_MEMBERS = 200


def generate_seed(users=10000, groups=200, seed=1):
    """A seed document with `users` users (incl. admin and svc-ci) and `groups` groups (incl. "REST API Users")."""
    rng = random.Random(seed)
    people = _fixed_users() + _random_users(rng, max(users - 2, 0))
    ordinary = [user["username"] for user in people[2:]]
    group_docs = [{"name": "REST API Users", "description": "Users allowed to use the REST API",
                   "members": sorted(rng.sample(ordinary, min(25, len(ordinary))))}]
    for index in range(1, max(groups, 1)):
        size = rng.randint(0, min(MAX_GROUP_MEMBERS, len(ordinary)))
        group_docs.append({"name": "%s Team %03d" % (DEPARTMENTS[index % len(DEPARTMENTS)], index),
                           "description": "Generated group %d" % index, "members": sorted(rng.sample(ordinary, size))})
    return {
        "managed_access": True,
        "access_list": {"users": ["admin"], "groups": ["REST API Users"]},
        "users": people,
        "groups": group_docs,
        "clients": [{"client_id": "admin-client", "client_secret": "admin-secret-0f8e2c", "user": "admin"},
                    {"client_id": "ci-client", "client_secret": "ci-secret-5b7d1a", "user": "svc-ci"}],
    }


def _fixed_users():
    return [{"username": "admin", "password": "admin-password", "firstName": "Ada", "lastName": "Admin",
             "email": "ada.admin@example.com", "admin": True},
            {"username": "svc-ci", "password": "svc-ci-password", "firstName": "CI", "lastName": "Service Account",
             "email": "ci-bot@example.com"}]


def _random_users(rng, count):
    licenses = [name for name, _weight in LICENSES]
    weights = [weight for _name, weight in LICENSES]
    taken, users = set(), []
    for _index in range(count):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        username = _unique("%s.%s" % (first.lower(), last.lower()), taken)
        users.append({"username": username, "password": "demo-password", "firstName": first, "lastName": last,
                      "email": "%s@example.com" % username, "licenseType": rng.choices(licenses, weights)[0],
                      "active": rng.random() >= INACTIVE_SHARE})
    return users


def _unique(username, taken):
    candidate, number = username, 1
    while candidate in taken:
        number += 1
        candidate = "%s%d" % (username, number)
    taken.add(candidate)
    return candidate


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m jama_sim.generate", description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=10000, help="number of users, incl. admin and svc-ci (default 10000)")
    parser.add_argument("--groups", type=int, default=200, help="number of groups, incl. REST API Users (default 200)")
    parser.add_argument("--seed", type=int, default=1, help="random seed; the same seed gives the same file (default 1)")
    parser.add_argument("--out", required=True, help="output file (JSON)")
    args = parser.parse_args(argv)
    if args.users < 2 or args.groups < 1:
        parser.error("--users must be at least 2 and --groups at least 1")
    document = generate_seed(args.users, args.groups, args.seed)
    temporary = "%s.%d.tmp" % (args.out, os.getpid())
    with open(temporary, "w", encoding="utf-8") as handle:
        json.dump(document, handle, indent=1)
    os.replace(temporary, args.out)
    sys.stdout.write("%s: %d users, %d groups\n" % (args.out, len(document["users"]), len(document["groups"])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
