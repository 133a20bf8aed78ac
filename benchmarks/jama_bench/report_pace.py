"""BENCHMARKS.md sections for one Jama shared by several runs, and for reruns in a large organization."""

from .text import count_text, seconds_text

PARALLEL_HEADING = "## Parallel runs against one Jama"
SCALE_HEADING = "## A large organization: grant and idempotent rerun"


def _load(line):
    return line[line.find("load average"):] if "load average" in line else line


def parallel_section(parallel):
    rate = parallel["rate"]
    lines = [
        PARALLEL_HEADING,
        "",
        "P `ansible-playbook` runs started at once (as P AWX jobs on one execution node, or forks), each granting its share",
        "of N = %d users with `method: group`, against one simulator throttled at %d requests/s. Every run keeps the" % (parallel["n"], rate),
        "default `rate_limit` (%d): the runs on this controller take their requests from one budget per instance." % rate,
        "",
        "- **wall**: from the first module task's start to the last one's result (the harness callback's monotonic times),",
        "  the time Jama sees the runs; **playbooks**: from starting the P `ansible-playbook` processes to the last one's exit.",
        "- **served**: requests the simulator answered other than 429; **floor**: served / %d s, every request through" % rate,
        "  one %d/s bucket. **shared**: runs whose result carried `pacing.shared` (shown with `-v`)." % rate,
        "",
        "| P runs × users | wall | playbooks | served | 429s | floor | wall / floor | shared | load (before → after) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for row in parallel["rows"]:
        lines.append("| %d × %d | %s | %s | %d | %d | %s | **%.2f** | %d of %d | `%s` → `%s` |" % (
            row["runs"], row["users_each"], seconds_text(row["wall"]), seconds_text(row["playbooks_wall"]), row["served"],
            row["throttled"], seconds_text(row["floor"]), row["floor_multiple"], row["reported_shared"], row["runs"],
            _load(row["load"][0]), _load(row["load"][1])))
    lines += ["", "Every user was granted in every row (checked in the simulator's state after each).", ""]
    return lines


def scale_section(scale):
    lines = [
        SCALE_HEADING,
        "",
        "An organization of %s users and %d groups whose access group holds %s members, under %d requests/s; each run from" % (
            count_text(scale["users"]), scale["groups"], count_text(scale["members"]), scale["rate"]),
        "a reset simulator. The access group's member pages carry whole user records, so users already in it need no",
        "further read; the rest are looked up one by one when that is fewer requests than paging. **module**: the task's",
        "own time; **model**: benchmarks/jama_bench/cost.py `scale_routes`.",
        "",
        "| run | requests | model | by route | module | 429s | load (before → after) |",
        "|---|---:|---:|---|---:|---:|---|",
    ]
    for row in scale["rows"]:
        routes = ", ".join("%s %d" % (route, count) for route, count in sorted(row["by_route"].items()) if count)
        lines.append("| %s | **%d** | %d | %s | %s | %d | `%s` → `%s` |" % (
            row["label"], row["requests"], row["model"], routes, seconds_text(row["seconds"]), row["throttled"],
            _load(row["load"][0]), _load(row["load"][1])))
    lines.append("")
    return lines


def splice(document, sections):
    """``document`` with each of ``sections`` (lists of lines, heading first) replacing the section of that heading,
    or inserted before the machine section when it has none: a run of some parts keeps the others' figures."""
    text_lines = document.rstrip("\n").split("\n")
    for section in sections:
        heading = section[0]
        starts = [index for index, line in enumerate(text_lines) if line.startswith("## ")]
        if heading in text_lines:
            begin = text_lines.index(heading)
            end = next((index for index in starts if index > begin), len(text_lines))
        else:
            begin = next((index for index in starts if text_lines[index].startswith("## Machine")), len(text_lines))
            end = begin
        text_lines[begin:end] = section
    return "\n".join(text_lines) + "\n"
