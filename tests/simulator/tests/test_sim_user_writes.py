"""POST /rest/v1/users, PUT /rest/v1/users/{id} and PUT .../active: Jama's user writes, checked in the simulator's state."""

import pytest

from sim_http_helpers import NOT_PERMITTED, user_id

LICENSE_TYPES = ["NAMED", "FLOATING", "STAKEHOLDER", "FLOATING_COLLABORATOR", "RESERVED_COLLABORATOR", "FLOATING_REVIEWER",
                 "RESERVED_REVIEWER", "NAMED_REVIEWER", "TEST_RUNNER", "EXPIRING_TRIAL", "INACTIVE"]
CREATE_REQUIRED = ["username", "password", "firstName", "lastName", "email", "licenseType"]
REPLACE_REQUIRED = ["username", "firstName", "lastName", "email"]


def new_user(**changes):
    body = {"username": "new.hire", "password": "first-day-password", "firstName": "Nia", "lastName": "Hire",
            "email": "nia.hire@example.com", "licenseType": "NAMED", "phone": "555-0100", "title": "Engineer",
            "location": "Lisbon"}
    body.update(changes)
    return body


def state_user(control, username):
    return next((user for user in control.state()["users"] if user["username"] == username), None)


def record(control, api, username):
    """The user as Jama answers it by id, which carries phone, title and location that the state view leaves out."""
    return api.get("/rest/v1/users/%d" % user_id(control, username)).json()["data"]


class TestCreate:
    def test_answers_201_with_id_and_location_and_no_data(self, sim, api):
        answer = api.post("/rest/v1/users", json=new_user())
        assert answer.status_code == 201, answer.text
        document = answer.json()
        assert "data" not in document
        meta = document["meta"]
        assert meta["status"] == "Created"
        assert meta["location"] == "%s/rest/v1/users/%d" % (sim.base_url, meta["id"])
        assert state_user(sim.control, "new.hire") == {
            "id": meta["id"], "username": "new.hire", "firstName": "Nia", "lastName": "Hire",
            "email": "nia.hire@example.com", "licenseType": "NAMED", "active": True, "admin": False}

    def test_the_new_id_is_above_every_seeded_id(self, sim, api):
        highest = max(user["id"] for user in sim.control.state()["users"])
        assert api.post("/rest/v1/users", json=new_user()).json()["meta"]["id"] == highest + 1

    def test_the_record_keeps_the_optional_fields(self, sim, api):
        api.post("/rest/v1/users", json=new_user())
        data = record(sim.control, api, "new.hire")
        assert (data["phone"], data["title"], data["location"], data["type"]) == ("555-0100", "Engineer", "Lisbon", "users")

    def test_null_optional_fields_are_stored_empty(self, sim, api):
        assert api.post("/rest/v1/users", json=new_user(phone=None, title=None, location=None)).status_code == 201
        data = record(sim.control, api, "new.hire")
        assert (data["phone"], data["title"], data["location"]) == ("", "", "")

    def test_the_password_signs_the_new_user_in(self, api):
        api.post("/rest/v1/users", json=new_user())
        # Authenticated but, with managed access on and no grant yet, not permitted: 403 rather than 401.
        answer = api.get("/rest/v1/users/current", auth=("new.hire", "first-day-password"))
        assert answer.status_code == 403 and answer.json()["meta"]["message"] == NOT_PERMITTED
        assert api.get("/rest/v1/users/current", auth=("new.hire", "wrong-password")).status_code == 401

    @pytest.mark.parametrize("license_type", LICENSE_TYPES)
    def test_every_jama_license_type_is_accepted(self, sim, api, license_type):
        assert api.post("/rest/v1/users", json=new_user(licenseType=license_type)).status_code == 201
        assert state_user(sim.control, "new.hire")["licenseType"] == license_type

    @pytest.mark.parametrize("field", CREATE_REQUIRED)
    def test_a_missing_required_field_is_named_in_a_400(self, sim, api, field):
        before = sim.control.state()
        body = new_user()
        del body[field]
        answer = api.post("/rest/v1/users", json=body)
        assert answer.status_code == 400
        assert field in answer.json()["meta"]["message"]
        assert sim.control.state() == before

    def test_every_missing_field_is_named_at_once(self, api):
        message = api.post("/rest/v1/users", json={"username": "x", "email": ""}).json()["meta"]["message"]
        for field in ("password", "firstName", "lastName", "email", "licenseType"):
            assert field in message

    @pytest.mark.parametrize("changes,field", [
        ({"licenseType": "GOLD"}, "licenseType"),
        ({"email": "not-an-address"}, "email"),
        ({"phone": 5550100}, "phone"),
        ({"username": "   "}, "username"),
        ({"password": 12345678}, "password"),
    ], ids=["license", "email", "phone", "blank-username", "numeric-password"])
    def test_an_invalid_field_is_named_in_a_400(self, sim, api, changes, field):
        before = sim.control.state()
        answer = api.post("/rest/v1/users", json=new_user(**changes))
        assert answer.status_code == 400
        assert field in answer.json()["meta"]["message"]
        assert sim.control.state() == before

    @pytest.mark.parametrize("username", ["jane.doe", "Jane.Doe"])
    def test_a_taken_username_answers_400_already_exists(self, sim, api, username):
        before = sim.control.state()
        answer = api.post("/rest/v1/users", json=new_user(username=username))
        assert answer.status_code == 400
        assert "already exists" in answer.json()["meta"]["message"]
        assert sim.control.state() == before


class TestReplace:
    def test_put_replaces_the_record(self, sim, api):
        jane = user_id(sim.control, "jane.doe")
        body = {"username": "jane.roe", "firstName": "Jane", "lastName": "Roe", "email": "jane.roe@example.com",
                "phone": "555-0199", "title": "Lead", "location": "Porto", "licenseType": "FLOATING"}
        answer = api.put("/rest/v1/users/%d" % jane, json=body)
        assert answer.status_code == 200, answer.text
        assert answer.json()["meta"]["status"] == "OK"
        assert state_user(sim.control, "jane.doe") is None
        assert state_user(sim.control, "jane.roe") == {
            "id": jane, "username": "jane.roe", "firstName": "Jane", "lastName": "Roe", "email": "jane.roe@example.com",
            "licenseType": "FLOATING", "active": True, "admin": False}
        data = record(sim.control, api, "jane.roe")
        assert (data["phone"], data["title"], data["location"]) == ("555-0199", "Lead", "Porto")

    def test_fields_left_out_are_cleared_but_the_license_is_kept(self, sim, api):
        api.post("/rest/v1/users", json=new_user(licenseType="STAKEHOLDER"))
        new_id = user_id(sim.control, "new.hire")
        body = {"username": "new.hire", "firstName": "Nia", "lastName": "Hire", "email": "nia.hire@example.com"}
        assert api.put("/rest/v1/users/%d" % new_id, json=body).status_code == 200
        data = record(sim.control, api, "new.hire")
        assert (data["phone"], data["title"], data["location"], data["licenseType"]) == ("", "", "", "STAKEHOLDER")

    def test_a_password_in_the_body_is_refused_and_nothing_changes(self, sim, api):
        before = sim.control.state()
        jane = user_id(sim.control, "jane.doe")
        body = {"username": "jane.doe", "firstName": "J", "lastName": "D", "email": "j@example.com", "password": "new"}
        answer = api.put("/rest/v1/users/%d" % jane, json=body)
        assert answer.status_code == 400
        assert "password" in answer.json()["meta"]["message"]
        assert sim.control.state() == before
        assert api.get("/rest/v1/users/current", auth=("jane.doe", "demo-password")).status_code == 200

    def test_a_null_password_is_no_password(self, sim, api):
        jane = user_id(sim.control, "jane.doe")
        body = {"username": "jane.doe", "firstName": "Jane", "lastName": "Doe", "email": "jane@example.com", "password": None}
        assert api.put("/rest/v1/users/%d" % jane, json=body).status_code == 200
        assert state_user(sim.control, "jane.doe")["email"] == "jane@example.com"

    @pytest.mark.parametrize("field", REPLACE_REQUIRED)
    def test_a_missing_required_field_is_named_in_a_400(self, sim, api, field):
        before = sim.control.state()
        body = {"username": "jane.doe", "firstName": "Jane", "lastName": "Doe", "email": "jane@example.com"}
        del body[field]
        answer = api.put("/rest/v1/users/%d" % user_id(sim.control, "jane.doe"), json=body)
        assert answer.status_code == 400
        assert field in answer.json()["meta"]["message"]
        assert sim.control.state() == before

    def test_renaming_onto_another_username_answers_400_already_exists(self, sim, api):
        body = {"username": "JOHN.SMITH", "firstName": "Jane", "lastName": "Doe", "email": "jane@example.com"}
        answer = api.put("/rest/v1/users/%d" % user_id(sim.control, "jane.doe"), json=body)
        assert answer.status_code == 400
        assert "already exists" in answer.json()["meta"]["message"]

    def test_changing_only_the_case_of_ones_own_username_is_allowed(self, sim, api):
        jane = user_id(sim.control, "jane.doe")
        body = {"username": "Jane.Doe", "firstName": "Jane", "lastName": "Doe", "email": "jane@example.com"}
        assert api.put("/rest/v1/users/%d" % jane, json=body).status_code == 200
        assert state_user(sim.control, "Jane.Doe")["id"] == jane

    def test_unknown_id_answers_404(self, api):
        body = {"username": "ghost", "firstName": "G", "lastName": "Host", "email": "ghost@example.com"}
        answer = api.put("/rest/v1/users/999999", json=body)
        assert answer.status_code == 404
        assert answer.json()["meta"]["message"]


class TestActive:
    def test_deactivate_then_reactivate(self, sim, api):
        jane = user_id(sim.control, "jane.doe")
        answer = api.put("/rest/v1/users/%d/active" % jane, json={"active": False})
        assert answer.status_code == 200, answer.text
        assert state_user(sim.control, "jane.doe")["active"] is False
        listed = [user["username"] for user in api.get("/rest/v1/users", params={"username": "jane"}).json()["data"]]
        assert "jane.doe" not in listed
        assert api.get("/rest/v1/users/current", auth=("jane.doe", "demo-password")).status_code == 403
        assert api.put("/rest/v1/users/%d/active" % jane, json={"active": True}).status_code == 200
        assert state_user(sim.control, "jane.doe")["active"] is True

    @pytest.mark.parametrize("body", [{}, {"active": "false"}, {"active": 0}, {"active": None}],
                             ids=["missing", "string", "number", "null"])
    def test_active_must_be_a_boolean(self, sim, api, body):
        before = sim.control.state()
        answer = api.put("/rest/v1/users/%d/active" % user_id(sim.control, "jane.doe"), json=body)
        assert answer.status_code == 400
        assert "active" in answer.json()["meta"]["message"]
        assert sim.control.state() == before

    def test_unknown_id_answers_404(self, api):
        assert api.put("/rest/v1/users/999999/active", json={"active": False}).status_code == 404


class TestNoDelete:
    def test_delete_answers_405_and_the_user_stays(self, sim, api):
        jane = user_id(sim.control, "jane.doe")
        answer = api.delete("/rest/v1/users/%d" % jane)
        assert answer.status_code == 405
        assert set(answer.headers["Allow"].split(", ")) == {"GET", "PUT"}
        assert state_user(sim.control, "jane.doe")["active"] is True
