# Donchian breakout: buy when the close breaks above the highest high of the last "entry" bars (this bar
# excluded), close when it breaks below the lowest low of the last "exit" bars.
import math

close = high = low = quantity = 0


def init(api):
    global close, high, low, quantity
    close = api.feature("close")
    high = api.feature("donchian_high_" + str(api.param("entry")))
    low = api.feature("donchian_low_" + str(api.param("exit")))
    quantity = api.param("quantity")


def compose(f, api):
    c = f[close]
    h = f[high]
    l = f[low]
    if math.isnan(h) or math.isnan(l):
        return "warming up"
    if api.position == 0 and c > h:
        api.buy(quantity)
        return "breakout above %s: buy" % h
    if api.position > 0 and c < l:
        api.close()
        return "breakdown below %s: close" % l
    return "inside the channel"
