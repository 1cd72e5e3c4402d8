"""jionlp (PyPI): time expressions with their parsed span (jio.ner.extract_time,
with_parsing=True). A deadline is the last day of the span; an open span
(7月1日起 → inf) names no deadline. Protocol: protocol.py."""
import datetime
import warnings

warnings.filterwarnings("ignore")
import jionlp as jio  # noqa: E402

from protocol import run  # noqa: E402


def extract(text, ref):
    base = datetime.datetime(ref.year, ref.month, ref.day).timestamp()
    deadlines = []
    for t in jio.ner.extract_time(text, time_base=base, with_parsing=True):
        span = (t.get("detail") or {}).get("time") or []
        if isinstance(span, list) and len(span) == 2 and span[1][:4].isdigit():
            deadlines.append(span[1][:10])
    return {"deadlines": deadlines}


run("jionlp", ["deadlines"], extract)
