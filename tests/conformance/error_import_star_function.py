def load():
    from math import *
