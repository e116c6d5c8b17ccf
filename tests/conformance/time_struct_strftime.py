# time.struct_time, gmtime, localtime, mktime, strftime, asctime, ctime.
import time
g = time.gmtime(86400 * 365.25 * 30 + 3723)
print(g, g.tm_year, g.tm_yday, g[0], len(g), g == tuple(g), tuple(g)[:3], g.tm_zone, g.tm_gmtoff)
print(time.strftime("%Y-%m-%d %H:%M:%S %a %A %b %B %j %p %I %w %U %W %y %%", g), time.strftime("%c|%x|%X", g))
print(time.asctime(g), time.mktime(time.localtime(1000000)), type(time.timezone).__name__, len(time.tzname), time.ctime(0)[:3] in ('Wed', 'Thu'))
t = time.struct_time((2024, 2, 29, 1, 2, 3, 3, 60, 0))
print(t, t.tm_mon, time.strftime("%d/%m/%Y", (2024, 2, 29, 0, 0, 0, 3, 60, 0)), time.localtime(0).tm_year in (1969, 1970), type(t).__name__, isinstance(t, tuple))
import datetime
print(datetime.date(2024, 2, 29).strftime("%Y/%m/%d %A %B %j"), datetime.datetime(2020, 1, 2, 3, 4, 5).strftime("%c"), datetime.datetime.utcfromtimestamp(1e9))
for t in [(2024, 13, 1, 0, 0, 0, 0, 1, 0), (2024, 1, 32, 0, 0, 0, 0, 1, 0), (2024, 1, 1, 24, 0, 0, 0, 1, 0), (2024, 1, 1, 0, 0, 0, 0, 1, 0), (2024, 2, 29, 23, 59, 61, 3, 60, 0)]:
    try:
        print(time.asctime(t))
    except ValueError as e:
        print(e)
for t in [(2024, 0, 0, 0, 0, 0, 0, 0, 0), (2024, 1, 1, 0, 60, 0, 0, 1, 0)]:
    try:
        print(time.strftime("%Y-%m-%d %M", t))
    except ValueError as e:
        print(e)
