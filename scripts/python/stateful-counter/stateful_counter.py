# Keeps its own state across cycles (the bars it has seen) and hands it over to the next version on reload:
# save() returns it as a string, the next version's init() reads it from api.state.
import json

bars = 0
every = quantity = 0


def init(api):
    global bars, every, quantity
    every = api.param("every")
    quantity = api.param("quantity")
    bars = 0 if api.state is None else json.loads(api.state)["bars"]


def compose(f, api):
    global bars
    bars += 1
    if bars % every != 0:
        return "bar %d" % bars
    if api.position == 0:
        api.buy(quantity)
        return "bar %d: buy" % bars
    api.close()
    return "bar %d: close" % bars


def save():
    return json.dumps({"bars": bars})
