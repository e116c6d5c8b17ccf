try:
    1/0
except:
    raise
