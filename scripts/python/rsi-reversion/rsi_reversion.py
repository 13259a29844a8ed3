# RSI mean reversion: buy when RSI drops below "oversold", close when it rises above "exit".
import math

rsi = 0
oversold = exit_level = quantity = 0


def init(api):
    global rsi, oversold, exit_level, quantity
    rsi = api.feature("rsi_" + str(api.param("period")))
    oversold = api.param("oversold")
    exit_level = api.param("exit")
    quantity = api.param("quantity")


def compose(f, api):
    r = f[rsi]
    if math.isnan(r):
        return "warming up"
    if api.position == 0 and r < oversold:
        api.buy(quantity)
        return "RSI %.2f oversold: buy" % r
    if api.position > 0 and r > exit_level:
        api.close()
        return "RSI %.2f recovered: close" % r
    return "RSI %.2f: wait" % r
