"""How figures read in the report: seconds, counts, runs."""


def seconds_text(value):
    if value is None:
        return "–"
    return "%.1f s" % value if value >= 10 else "%.2f s" % value


def count_text(value):
    return "{:,}".format(value)


def runs_text(count):
    return "1 run" if count == 1 else "%d runs" % count


def requests_text(values):
    if not values:
        return "–"
    return str(values[0]) if len(values) == 1 else "%d–%d" % (values[0], values[-1])
