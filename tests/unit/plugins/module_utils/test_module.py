# -*- coding: utf-8 -*-
# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.jama.connect.plugins.module_utils.module import field_lines, text_diff


class TestTextDiff:
    def test_each_line_ends_with_a_newline_and_names_keep_their_letters(self):
        diff = text_diff(["j\u00fcrgen.m\u00fcller"], ["j\u00fcrgen.m\u00fcller", "zo\u00eb"], "members of access group X")
        assert diff == {"before": "j\u00fcrgen.m\u00fcller\n", "after": "j\u00fcrgen.m\u00fcller\nzo\u00eb\n",
                        "before_header": "members of access group X", "after_header": "members of access group X"}

    def test_appending_to_a_list_leaves_the_old_last_line_unchanged(self):
        diff = text_diff(["user028", "user029"], ["user028", "user029", "user030"], "h")
        assert diff["after"].startswith(diff["before"])

    def test_no_object_is_an_empty_text(self):
        assert text_diff(None, [], "h")["before"] == "" and text_diff([], None, "h")["after"] == ""


class TestFieldLines:
    def test_fields_in_the_given_order_with_booleans_and_none_spelled_plainly(self):
        record = {"title": None, "active": False, "username": "ana", "extra": 1}
        assert field_lines(record, ("username", "title", "active", "email")) == ["username: ana", "title: ", "active: false"]
