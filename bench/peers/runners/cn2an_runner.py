"""cn2an (PyPI): Chinese numerals in running text to Arabic digits
(cn2an.transform(text, "cn2an")); the numbers are then read off the result.
Protocol: protocol.py."""
import re
import warnings

warnings.filterwarnings("ignore")  # cn2an warns on every form it does not take (5.7万)
import cn2an  # noqa: E402

from protocol import run  # noqa: E402

NUMBER = re.compile(r"\d+(?:\.\d+)?")


def extract(text, ref):
    return {"numbers": [float(n) for n in NUMBER.findall(cn2an.transform(text, "cn2an"))]}


run("cn2an", ["numbers"], extract)
