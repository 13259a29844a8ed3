# SMA crossover, the same rule as the Java sma-crossover plugin: with diff = fast - slow, a cross above is
# a previous diff <= 0 and this diff > 0; a cross below is a previous diff >= 0 and this diff < 0.
import math

fast = slow = quantity = 0
allow_short = False
previous = {}  # symbol -> diff of the last bar where both averages were defined


def init(api):
    global fast, slow, quantity, allow_short, previous
    fast = api.feature("sma_" + str(api.param("fast")))
    slow = api.feature("sma_" + str(api.param("slow")))
    quantity = api.param("quantity")
    allow_short = api.param("allowShort")
    previous = {}


def compose(f, api):
    a = f[fast]
    b = f[slow]
    if math.isnan(a) or math.isnan(b):
        return "warming up"
    diff = a - b
    symbol = api.symbol
    before = previous.get(symbol)
    previous[symbol] = diff
    if before is None:
        return "first bar with both averages, no cross yet"
    if before <= 0 and diff > 0:
        position = api.position  # read only on a cross: each read crosses into the host
        if position == 0:
            api.buy(quantity)
            return "crossed above: buy"
        if position < 0 and allow_short:
            api.close()
            return "crossed above: close short"
        return "crossed above: hold"
    if before >= 0 and diff < 0:
        position = api.position
        if position > 0:
            api.close()
            return "crossed below: close long"
        if position == 0 and allow_short:
            api.sell(quantity)
            return "crossed below: sell short"
        return "crossed below: stay"
    return "no cross"
