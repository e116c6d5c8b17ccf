# Subclasses of tuple: tuple.__new__, inherited operations, hashing and
# comparing like the tuple, and datetime (whose IsoCalendarDate is one).
class T(tuple):
    pass
t = T([1, 2, 3])
print(t, len(t), t[0], t[1:], list(t), 2 in t, t == (1, 2, 3), type(t).__name__, isinstance(t, tuple))
class P(tuple):
    def __new__(cls, x, y):
        return super().__new__(cls, (x, y))
    @property
    def x(self):
        return self[0]
    def __repr__(self):
        return f"P({self[0]}, {self[1]})"
p = P(3, 4)
print(p, p.x, p[1], hash(p) == hash((3, 4)), p + (5,), sorted([P(2, 1), P(1, 2)]), p < (3, 5), {p: 1}[(3, 4)])
a, b = p
print(a, b, T(), T("ab"), tuple.__new__(T, [9]), p.count(3), p.index(4), max(p), str(T([1])))
class IsoCalendarDate(tuple):
    def __new__(cls, year, week, weekday, /):
        return super().__new__(cls, (year, week, weekday))
    @property
    def year(self):
        return self[0]
    def __reduce__(self):
        return (tuple, (tuple(self),))
    def __repr__(self):
        return (f'{self.__class__.__name__}'
                f'(year={self[0]}, week={self[1]}, weekday={self[2]})')
d = IsoCalendarDate(2024, 1, 3)
print(d, d.year, tuple(d), d[2], "%d-%d-%d" % d, [*d])
try:
    T(1, 2)
except TypeError as e:
    print(e)
import datetime as dt
d = dt.date(2024, 2, 29)
print(d, repr(d), d + dt.timedelta(days=1), d.weekday(), d.isoweekday(), tuple(d.isocalendar()), d.isocalendar().week, d.toordinal())
t = dt.datetime(2020, 1, 2, 3, 4, 5, 678)
print(t, repr(t), t.isoformat(), t.date(), t.time(), t + dt.timedelta(hours=30), t - dt.datetime(2019, 12, 31), t.replace(year=2021))
print(dt.timedelta(days=1, seconds=3661, microseconds=5), repr(dt.timedelta(hours=-1)), dt.timedelta(weeks=2).total_seconds(), dt.timedelta(minutes=90) // dt.timedelta(hours=1))
print(dt.date.fromisoformat("2023-07-15"), dt.datetime.fromisoformat("2023-07-15T10:20:30"), dt.date.fromordinal(738000))
tz = dt.timezone(dt.timedelta(hours=2), "X")
a = dt.datetime(2020, 5, 5, 12, tzinfo=tz)
print(a, a.utcoffset(), a.tzname(), a.astimezone(dt.timezone.utc), dt.timezone.utc, a.timestamp())
print(sorted([dt.date(2020, 1, 3), dt.date(2019, 5, 1)]), dt.date(2020, 1, 1) < dt.date(2020, 1, 2), hash(dt.date(2020, 1, 1)) == hash(dt.date(2020, 1, 1)), dt.time(12, 30).isoformat(), dt.MAXYEAR)
print(str(dt.time(1, 2, 3, 4)), dt.date(2021, 1, 1).ctime())


class Div:
    def __divmod__(self, other):
        return ("divmod", other)

    def __rdivmod__(self, other):
        return ("rdivmod", other)


print(divmod(Div(), 3), divmod(3, Div()), divmod(dt.timedelta(hours=5), dt.timedelta(hours=2)))
try:
    divmod(object(), 1)
except TypeError as e:
    print(e)
